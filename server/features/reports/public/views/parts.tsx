import type { ComponentChildren } from 'preact';
import type { PageContext } from '../../../../platform/views/context.js';
import { FieldError } from '../../../../platform/views/form-fields.js';
import { reportStatuses } from '../../core/statuses.js';
import type { PublicReportSummary } from '../present.js';
import type { FilterChoices, PublicQuery } from '../service.js';

/** The filter fields that travel in links (pagination, list ⇄ map). */
const filterKeys = ['category', 'status', 'district', 'from', 'to'] as const;

/** `path?filters&extra` with empty values left out. */
export function filterUrl(path: string, query: PublicQuery, extra: Record<string, string | number> = {}): string {
  const q = new URLSearchParams();
  for (const k of filterKeys) if (query[k]) q.set(k, String(query[k]));
  for (const [k, v] of Object.entries(extra)) q.set(k, String(v));
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

const statusTone: Record<string, 'info' | 'warning' | 'success' | 'danger'> = {
  received: 'info',
  forwarded: 'info',
  accepted: 'warning',
  in_progress: 'warning',
  done: 'success',
  rejected: 'danger',
  external: 'info',
};

/** A status in words; the colour only repeats them. */
export function StatusBadge({ ctx, status }: { ctx: PageContext; status: string }) {
  return (
    <span class={`kern-badge kern-badge--${statusTone[status] ?? 'info'}`}>
      <span class="kern-label">{ctx.i18n.t(`reports-public.status.${status}`, { defaultValue: status })}</span>
    </span>
  );
}

/** "Herforder Straße, Mitte" (street level only). */
export function placeText(ctx: PageContext, r: PublicReportSummary): string {
  const parts = [r.street, r.district?.name].filter(Boolean);
  return parts.length ? parts.join(', ') : ctx.i18n.t('reports-public.list.noLocation');
}

const localName = (ctx: PageContext, name: { de?: string; en?: string }, code: string) =>
  name[ctx.i18n.lang] ?? name.de ?? code;

function Select(p: { ctx: PageContext; name: string; label: string; error?: string; children: ComponentChildren }) {
  return (
    <div class={`kern-form-input${p.error ? ' kern-form-input--error' : ''}`}>
      <label class="kern-label" for={p.name}>
        {p.label}
      </label>
      <div class="kern-form-input__select-wrapper">
        <select
          class={`kern-form-input__select${p.error ? ' kern-form-input__select--error' : ''}`}
          id={p.name}
          name={p.name}
          aria-describedby={p.error ? `${p.name}-error` : undefined}
          aria-invalid={p.error ? 'true' : undefined}
        >
          {p.children}
        </select>
      </div>
      <FieldError ctx={p.ctx} id={`${p.name}-error`} message={p.error} />
    </div>
  );
}

function DateField(p: { ctx: PageContext; name: 'from' | 'to'; label: string; value?: string; error?: string }) {
  return (
    <div class={`kern-form-input${p.error ? ' kern-form-input--error' : ''}`}>
      <label class="kern-label" for={p.name}>
        {p.label}
        <span class="kern-label__optional"> – {p.ctx.i18n.t('admin.form.optional')}</span>
      </label>
      <input
        class={`kern-form-input__input${p.error ? ' kern-form-input__input--error' : ''}`}
        id={p.name}
        name={p.name}
        type="date"
        value={p.value}
        aria-describedby={p.error ? `${p.name}-error` : undefined}
        aria-invalid={p.error ? 'true' : undefined}
      />
      <FieldError ctx={p.ctx} id={`${p.name}-error`} message={p.error} />
    </div>
  );
}

export interface FilterFormProps {
  ctx: PageContext;
  action: string;
  query: PublicQuery;
  choices: FilterChoices;
  /** Translated messages per field. */
  errors: Record<string, string>;
}

/** The GET form that filters the list and the map; works without JavaScript. */
export function FilterForm({ ctx, action, query, choices, errors }: FilterFormProps) {
  const { t } = ctx.i18n;
  const active = choices.categories.filter((c) => c.parent_id === null);
  const childrenOf = (id: number) => choices.categories.filter((c) => c.parent_id === id);
  const option = (value: string, label: string, current?: string) => (
    <option key={value} value={value} selected={value === (current ?? '')}>
      {label}
    </option>
  );
  return (
    <search>
      <form method="get" action={action} class="bs-filter" novalidate aria-labelledby="filter-heading">
        <h2 class="kern-heading-small" id="filter-heading">
          {t('reports-public.filter.title')}
        </h2>
        <div class="bs-filter__fields">
          <Select ctx={ctx} name="category" label={t('reports-public.filter.category')} error={errors.category}>
            {option('', t('reports-public.filter.any'), query.category)}
            {active.map((c) => {
              const children = childrenOf(c.id);
              const name = localName(ctx, c.name, c.code);
              if (children.length === 0) return option(c.code, name, query.category);
              return (
                <optgroup key={c.code} label={name}>
                  {option(c.code, t('reports-public.filter.allInGroup', { group: name }), query.category)}
                  {children.map((k) => option(k.code, localName(ctx, k.name, k.code), query.category))}
                </optgroup>
              );
            })}
          </Select>
          <Select ctx={ctx} name="status" label={t('reports-public.filter.status')} error={errors.status}>
            {option('', t('reports-public.filter.any'), query.status)}
            {option('open', t('reports-public.filter.open'), query.status)}
            {option('closed', t('reports-public.filter.closed'), query.status)}
            <optgroup label={t('reports-public.filter.eachStatus')}>
              {reportStatuses.map((s) => option(s, t(`reports-public.status.${s}`), query.status))}
            </optgroup>
          </Select>
          {choices.districts.length > 0 && (
            <Select ctx={ctx} name="district" label={t('reports-public.filter.district')} error={errors.district}>
              {option('', t('reports-public.filter.any'), query.district)}
              {choices.districts.map((d) => option(d.key, d.name, query.district))}
            </Select>
          )}
          <DateField
            ctx={ctx}
            name="from"
            label={t('reports-public.filter.from')}
            value={query.from}
            error={errors.from}
          />
          <DateField ctx={ctx} name="to" label={t('reports-public.filter.to')} value={query.to} error={errors.to} />
        </div>
        <div class="kern-btn-wrapper">
          <button type="submit" class="kern-btn kern-btn--primary">
            <span class="kern-label">{t('reports-public.filter.apply')}</span>
          </button>
          <a class="kern-btn kern-btn--secondary" href={action}>
            <span class="kern-label">{t('reports-public.filter.reset')}</span>
          </a>
        </div>
      </form>
    </search>
  );
}

/** The list of reports: one entry each with category, reference, status, text excerpt, place, date, supporters. */
export function ReportList({ ctx, reports }: { ctx: PageContext; reports: PublicReportSummary[] }) {
  const { t } = ctx.i18n;
  return (
    <ol class="bs-report-list">
      {reports.map((r) => (
        <li key={r.reference} class="bs-report-item">
          <h3 class="kern-heading-small bs-report-item__title">
            <a class="kern-link" href={r.url}>
              {t('reports-public.list.itemTitle', { category: r.category.name, reference: r.reference })}
            </a>
          </h3>
          <p class="bs-report-item__status">
            <span class="kern-sr-only">{t('reports-public.fields.status')}: </span>
            <StatusBadge ctx={ctx} status={r.status} />
          </p>
          <p class="kern-body bs-report-item__text">{r.excerpt ?? t('reports-public.list.noText')}</p>
          <dl class="bs-report-meta">
            <div>
              <dt>{t('reports-public.fields.location')}</dt>
              <dd>{placeText(ctx, r)}</dd>
            </div>
            <div>
              <dt>{t('reports-public.fields.reported')}</dt>
              <dd>
                <time dateTime={r.createdAt}>{ctx.i18n.date(r.createdAt, 'medium')}</time>
              </dd>
            </div>
            <div>
              <dt>{t('reports-public.fields.supporters')}</dt>
              <dd>{t('reports-public.supporters', { count: r.supporterCount })}</dd>
            </div>
          </dl>
        </li>
      ))}
    </ol>
  );
}

/** Previous / "page n of m" / next, keeping the filter. */
export function Pagination(p: {
  ctx: PageContext;
  path: string;
  query: PublicQuery;
  page: number;
  pages: number;
  capped?: boolean;
}) {
  const { t } = p.ctx.i18n;
  if (p.pages <= 1 && p.page <= 1) return null;
  const url = (page: number) => filterUrl(p.path, p.query, page > 1 ? { page } : {});
  return (
    <nav class="bs-pagination" aria-label={t('reports-public.pagination.label')}>
      <ul>
        {p.page > 1 && (
          <li>
            <a class="kern-link" href={url(Math.min(p.page - 1, p.pages))} rel="prev">
              {t('reports-public.pagination.previous')}
            </a>
          </li>
        )}
        <li aria-current="page">
          {t(p.capped ? 'reports-public.pagination.statusCapped' : 'reports-public.pagination.status', {
            page: p.page,
            pages: p.pages,
          })}
        </li>
        {p.page < p.pages && (
          <li>
            <a class="kern-link" href={url(p.page + 1)} rel="next">
              {t('reports-public.pagination.next')}
            </a>
          </li>
        )}
      </ul>
    </nav>
  );
}

export interface ResultsProps {
  ctx: PageContext;
  path: string;
  query: PublicQuery;
  reports: PublicReportSummary[];
  total: number;
  totalCapped: boolean;
  page: number;
  pages: number;
  heading: string;
}

/** The results section shared by the list and the map page. */
export function Results({ ctx, path, query, reports, total, totalCapped, page, pages, heading }: ResultsProps) {
  const { t } = ctx.i18n;
  return (
    <section aria-labelledby="results-heading" class="bs-report-results">
      <h2 class="kern-heading-medium" id="results-heading">
        {heading}
      </h2>
      <p class="kern-body" role="status">
        {totalCapped
          ? t('reports-public.list.captionCapped', { number: ctx.i18n.number(total) })
          : t('reports-public.list.caption', { count: total })}
      </p>
      {total === 0 && <p class="kern-body">{t('reports-public.list.empty')}</p>}
      {total > 0 && reports.length === 0 && (
        <p class="kern-body">
          {t('reports-public.list.emptyPage')}{' '}
          <a class="kern-link" href={filterUrl(path, query)}>
            {t('reports-public.list.firstPage')}
          </a>
        </p>
      )}
      {reports.length > 0 && <ReportList ctx={ctx} reports={reports} />}
      <Pagination ctx={ctx} path={path} query={query} page={page} pages={pages} capped={totalCapped} />
    </section>
  );
}
