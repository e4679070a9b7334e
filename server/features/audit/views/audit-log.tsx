import type { FieldErrors } from '../../../platform/errors.js';
import { AdminLayout } from '../../../platform/views/admin-layout.js';
import type { PageContext } from '../../../platform/views/context.js';
import { ErrorSummary, SelectField, TextField } from '../../../platform/views/form-fields.js';
import type { AuditEntryView } from '../present.js';
import type { AuditQuery } from '../service.js';

export interface AuditLogData {
  entries: AuditEntryView[];
  total: number;
  page: number;
  pages: number;
  actions: string[];
  entityTypes: string[];
}

const label = (ctx: PageContext, group: string, key: string) =>
  ctx.i18n.t(`audit.${group}.${key.replaceAll('.', '_')}`, { defaultValue: key });

function pageUrl(query: AuditQuery, page: number): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v && k !== 'page') q.set(k, String(v));
  if (page > 1) q.set('page', String(page));
  const s = q.toString();
  return s ? `/admin/audit?${s}` : '/admin/audit';
}

function Pagination({ ctx, query, data }: { ctx: PageContext; query: AuditQuery; data: AuditLogData }) {
  const { t } = ctx.i18n;
  if (data.pages <= 1) return null;
  return (
    <nav class="bs-pagination" aria-label={t('audit.pagination.label')}>
      <ul>
        {data.page > 1 && (
          <li>
            <a class="kern-link" href={pageUrl(query, data.page - 1)} rel="prev">
              {t('audit.pagination.previous')}
            </a>
          </li>
        )}
        <li aria-current="page">{t('audit.pagination.status', { page: data.page, pages: data.pages })}</li>
        {data.page < data.pages && (
          <li>
            <a class="kern-link" href={pageUrl(query, data.page + 1)} rel="next">
              {t('audit.pagination.next')}
            </a>
          </li>
        )}
      </ul>
    </nav>
  );
}

const isoTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** A logged value in the reader's language: yes/no, role names, local times, lists. */
function formatValue(ctx: PageContext, field: string, v: unknown): string {
  const { t } = ctx.i18n;
  if (v === undefined || v === null || v === '') return t('audit.changes.empty');
  if (typeof v === 'boolean') return t(v ? 'audit.values.yes' : 'audit.values.no');
  if (typeof v === 'number') return ctx.i18n.number(v);
  if (typeof v === 'string') {
    if (field === 'role') return t(`auth.roles.${v}`, { defaultValue: v });
    // Codes of the Mängelmelder in words: a report's status, a photo's review, a template's kind.
    if (field === 'status')
      return t(`reports-admin.status.${v}`, {
        defaultValue: t(`reports-admin.templates.kinds.${v}`, { defaultValue: v }),
      });
    if (field === 'review') return t(`reports-admin.photoReview.${v}`, { defaultValue: v });
    if (isoTime.test(v) && !Number.isNaN(Date.parse(v))) return ctx.i18n.dateTime(v);
    return v;
  }
  if (Array.isArray(v) && v.every((x) => typeof x !== 'object' || x === null)) {
    return v.length ? v.join(', ') : t('audit.changes.empty');
  }
  // A nested value (a bilingual name, a list of records) as "key: value" pairs, never as JSON.
  if (Array.isArray(v)) return v.map((x) => formatValue(ctx, field, x)).join('; ');
  if (typeof v === 'object') {
    return Object.entries(v as Record<string, unknown>)
      .map(([k, x]) => `${label(ctx, 'fields', k)}: ${formatValue(ctx, k, x)}`)
      .join(', ');
  }
  return String(v);
}

function Changes({ ctx, entry }: { ctx: PageContext; entry: AuditEntryView }) {
  const { t } = ctx.i18n;
  if (entry.changes.length === 0) return <>—</>;
  return (
    <ul class="bs-changes">
      {entry.changes.map((c) => (
        <li key={c.field}>
          {c.field && <span class="bs-changes__field">{label(ctx, 'fields', c.field)}: </span>}
          {c.before !== undefined && (
            <>
              <del>
                <span class="kern-sr-only">{t('audit.changes.before')} </span>
                {formatValue(ctx, c.field, c.before)}
              </del>{' '}
              →{' '}
            </>
          )}
          <ins>
            <span class="kern-sr-only">{t('audit.changes.after')} </span>
            {formatValue(ctx, c.field, c.after)}
          </ins>
        </li>
      ))}
    </ul>
  );
}

export function AuditLogPage({
  ctx,
  query,
  data,
  errors,
}: {
  ctx: PageContext;
  query: AuditQuery;
  data: AuditLogData;
  errors?: FieldErrors;
}) {
  const { t } = ctx.i18n;
  return (
    <AdminLayout ctx={ctx} title={t('audit.title')}>
      <h1 class="kern-heading-large">{t('audit.title')}</h1>
      <p class="kern-body">{t('audit.intro')}</p>
      <ErrorSummary ctx={ctx} errors={errors} />
      <form method="get" action="/admin/audit" class="bs-filter" novalidate aria-labelledby="filter-heading">
        <h2 class="kern-heading-small" id="filter-heading">
          {t('audit.filter.title')}
        </h2>
        <div class="bs-filter__fields">
          <TextField
            ctx={ctx}
            name="actor"
            type="search"
            label={t('audit.filter.actor')}
            value={query.actor}
            error={errors?.actor}
            optional
          />
          <SelectField
            ctx={ctx}
            name="action"
            empty={t('audit.filter.any')}
            label={t('audit.filter.action')}
            value={query.action}
            options={data.actions.map((a) => ({ value: a, label: label(ctx, 'actions', a) }))}
          />
          <SelectField
            ctx={ctx}
            name="entityType"
            empty={t('audit.filter.any')}
            label={t('audit.filter.entityType')}
            value={query.entityType}
            options={data.entityTypes.map((e) => ({ value: e, label: label(ctx, 'entities', e) }))}
          />
          <TextField
            ctx={ctx}
            name="from"
            type="date"
            label={t('audit.filter.from')}
            value={query.from}
            error={errors?.from}
            optional
          />
          <TextField
            ctx={ctx}
            name="to"
            type="date"
            label={t('audit.filter.to')}
            value={query.to}
            error={errors?.to}
            optional
          />
        </div>
        <div class="kern-btn-wrapper">
          <button type="submit" class="kern-btn kern-btn--primary">
            <span class="kern-label">{t('audit.filter.apply')}</span>
          </button>
          <a class="kern-btn kern-btn--secondary" href="/admin/audit">
            <span class="kern-label">{t('audit.filter.reset')}</span>
          </a>
        </div>
      </form>
      {data.entries.length === 0 ? (
        <p class="kern-body" role="status">
          {t('audit.empty')}
        </p>
      ) : (
        <section class="bs-table-scroll" tabindex={0} aria-label={t('audit.scrollLabel')}>
          <table class="kern-table kern-table--striped">
            <caption class="kern-title">{t('audit.caption', { count: data.total })}</caption>
            <thead class="kern-table__head">
              <tr class="kern-table__row">
                <th scope="col" class="kern-table__header">
                  {t('audit.columns.time')}
                </th>
                <th scope="col" class="kern-table__header">
                  {t('audit.columns.actor')}
                </th>
                <th scope="col" class="kern-table__header">
                  {t('audit.columns.action')}
                </th>
                <th scope="col" class="kern-table__header">
                  {t('audit.columns.entity')}
                </th>
                <th scope="col" class="kern-table__header">
                  {t('audit.columns.changes')}
                </th>
              </tr>
            </thead>
            <tbody class="kern-table__body">
              {data.entries.map((e) => (
                <tr class="kern-table__row" key={e.id}>
                  <td class="kern-table__cell">
                    <time dateTime={e.at.toISOString()}>{ctx.i18n.dateTime(e.at)}</time>
                  </td>
                  <td class="kern-table__cell">{e.actor}</td>
                  <th scope="row" class="kern-table__header">
                    {label(ctx, 'actions', e.action)}
                  </th>
                  <td class="kern-table__cell">
                    {label(ctx, 'entities', e.entityType)}
                    {e.entityId && ` #${e.entityId}`}
                  </td>
                  <td class="kern-table__cell">
                    <Changes ctx={ctx} entry={e} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      <Pagination ctx={ctx} query={query} data={data} />
    </AdminLayout>
  );
}
