import type { ComponentChildren } from 'preact';
import type { FieldErrors } from '../../../../platform/errors.js';
import { AdminLayout } from '../../../../platform/views/admin-layout.js';
import type { PageContext } from '../../../../platform/views/context.js';
import { ErrorSummary, fieldMessage } from '../../../../platform/views/form-fields.js';
import type { FiguresPeriod, ReportFigures } from '../service.js';

export const figuresPath = '/admin/zahlen/meldungen';

/** The query string of a period, for the download links. */
export function periodQuery(p: FiguresPeriod): string {
  return new URLSearchParams({ from: p.from, to: p.to }).toString();
}

/** "2026-03" → "März 2026" in the reader's language. */
export function monthLabel(ctx: PageContext, month: string): string {
  const locale = ctx.i18n.lang === 'de' ? 'de-DE' : 'en-GB';
  const date = new Date(`${month}-15T12:00:00Z`);
  return new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
}

function MonthField(p: { ctx: PageContext; name: 'from' | 'to'; value: string; error?: string }) {
  const { t } = p.ctx.i18n;
  const describedBy = [`${p.name}-hint`, p.error && `${p.name}-error`].filter(Boolean).join(' ');
  return (
    <div class={`kern-form-input${p.error ? ' kern-form-input--error' : ''}`}>
      <label class="kern-label" for={p.name}>
        {t(`reports-figures.filter.${p.name}`)}
      </label>
      <div class="kern-hint" id={`${p.name}-hint`}>
        {t('reports-figures.filter.hint')}
      </div>
      <input
        class={`kern-form-input__input${p.error ? ' kern-form-input__input--error' : ''}`}
        id={p.name}
        name={p.name}
        type="month"
        value={p.value}
        pattern="[0-9]{4}-[0-9]{2}"
        aria-describedby={describedBy}
        aria-invalid={p.error ? 'true' : undefined}
      />
      {p.error && (
        <p class="kern-error" id={`${p.name}-error`}>
          <span class="kern-icon kern-icon--danger" aria-hidden="true" />
          <span>
            <span class="kern-sr-only">{t('admin.form.errorPrefix')} </span>
            {fieldMessage(p.ctx, p.error)}
          </span>
        </p>
      )}
    </div>
  );
}

/** A table of label → count with the share of the total; the first column heads each row. */
function CountTable(p: {
  ctx: PageContext;
  id: string;
  caption: string;
  labelHeader: string;
  rows: { key: string; label: ComponentChildren; count: number }[];
  total: number;
  bars?: boolean;
}) {
  const { t, number } = p.ctx.i18n;
  const max = Math.max(1, ...p.rows.map((r) => r.count));
  return (
    <div class="bs-table-scroll">
      <table class="kern-table kern-table--striped" id={p.id}>
        <caption class="kern-title">{p.caption}</caption>
        <thead class="kern-table__head">
          <tr class="kern-table__row">
            <th scope="col" class="kern-table__header">
              {p.labelHeader}
            </th>
            <th scope="col" class="kern-table__header">
              {t('reports-figures.columns.count')}
            </th>
            <th scope="col" class="kern-table__header">
              {t('reports-figures.columns.share')}
            </th>
          </tr>
        </thead>
        <tbody class="kern-table__body">
          {p.rows.map((r) => (
            <tr class="kern-table__row" key={r.key}>
              <th scope="row" class="kern-table__header">
                {r.label}
              </th>
              <td class="kern-table__cell">
                {number(r.count)}
                {p.bars && (
                  <>
                    {' '}
                    <meter min={0} max={max} value={r.count} aria-hidden="true" />
                  </>
                )}
              </td>
              <td class="kern-table__cell">
                {p.total > 0 ? number(r.count / p.total, { style: 'percent', maximumFractionDigits: 1 }) : '–'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Summary({ ctx, figures }: { ctx: PageContext; figures: ReportFigures }) {
  const { t, number } = ctx.i18n;
  const days = (v: number | null) =>
    v === null ? t('reports-figures.summary.none') : t('reports-figures.summary.days', { count: v, value: number(v) });
  const items: [string, string][] = [
    [t('reports-figures.summary.total'), number(figures.total)],
    [t('reports-figures.summary.done'), number(figures.timeToDone.reports)],
    [t('reports-figures.summary.medianWorking'), days(figures.timeToDone.medianWorkingDays)],
    [t('reports-figures.summary.medianCalendar'), days(figures.timeToDone.medianCalendarDays)],
  ];
  return (
    <section aria-labelledby="summary-heading">
      <h2 class="kern-heading-medium" id="summary-heading">
        {t('reports-figures.summary.title', {
          from: monthLabel(ctx, figures.period.from),
          to: monthLabel(ctx, figures.period.to),
        })}
      </h2>
      <dl class="kern-description-list" id="summary">
        {items.map(([label, value]) => (
          <div class="kern-description-list-item" key={label}>
            <dt class="kern-description-list-item__key">{label}</dt>
            <dd class="kern-description-list-item__value">{value}</dd>
          </div>
        ))}
      </dl>
      <p class="kern-body">{t('reports-figures.summary.explain')}</p>
    </section>
  );
}

/** "Ist es behoben?": the reporters' answers after closing as done, and how many reopened a report. */
function FixedAnswers({ ctx, answers }: { ctx: PageContext; answers: ReportFigures['fixedAnswers'] }) {
  const { t, number } = ctx.i18n;
  return (
    <section aria-labelledby="fixed-heading">
      <h2 class="kern-heading-medium" id="fixed-heading">
        {t('reports-mine.figures.title')}
      </h2>
      <dl class="kern-description-list" id="fixed-answers">
        {(['yes', 'no', 'reopened'] as const).map((k) => (
          <div class="kern-description-list-item" key={k}>
            <dt class="kern-description-list-item__key">{t(`reports-mine.figures.${k}`)}</dt>
            <dd class="kern-description-list-item__value" data-fixed={k}>
              {number(answers[k])}
            </dd>
          </div>
        ))}
      </dl>
      <p class="kern-body">{t('reports-mine.figures.explain')}</p>
    </section>
  );
}

export function FiguresPage(p: {
  ctx: PageContext;
  period: { from: string; to: string };
  figures?: ReportFigures;
  errors?: FieldErrors;
}) {
  const { ctx, figures } = p;
  const { t } = ctx.i18n;
  const name = (n: { de: string; en: string }) => n[ctx.i18n.lang] || n.de;
  return (
    <AdminLayout ctx={ctx} title={t('reports-figures.title')}>
      <h1 class="kern-heading-large">{t('reports-figures.title')}</h1>
      <p class="kern-body">{t('reports-figures.intro')}</p>
      <ErrorSummary ctx={ctx} errors={p.errors} />
      <form method="get" action={figuresPath} class="bs-filter" novalidate aria-labelledby="filter-heading">
        <h2 class="kern-heading-small" id="filter-heading">
          {t('reports-figures.filter.title')}
        </h2>
        <div class="bs-filter__fields">
          <MonthField ctx={ctx} name="from" value={p.period.from} error={p.errors?.from} />
          <MonthField ctx={ctx} name="to" value={p.period.to} error={p.errors?.to} />
        </div>
        <div class="kern-btn-wrapper">
          <button type="submit" class="kern-btn kern-btn--primary">
            <span class="kern-label">{t('reports-figures.filter.apply')}</span>
          </button>
          <a class="kern-btn kern-btn--secondary" href={figuresPath}>
            <span class="kern-label">{t('reports-figures.filter.reset')}</span>
          </a>
        </div>
      </form>
      {figures && (
        <>
          <Summary ctx={ctx} figures={figures} />
          <FixedAnswers ctx={ctx} answers={figures.fixedAnswers} />
          {figures.total === 0 && (
            <p class="kern-body" role="status">
              {t('reports-figures.empty')}
            </p>
          )}
          <h2 class="kern-heading-medium">{t('reports-figures.tables')}</h2>
          <CountTable
            ctx={ctx}
            id="by-month"
            caption={t('reports-figures.byMonth')}
            labelHeader={t('reports-figures.columns.month')}
            rows={figures.byMonth.map((r) => ({
              key: r.month,
              label: <time dateTime={r.month}>{monthLabel(ctx, r.month)}</time>,
              count: r.count,
            }))}
            total={figures.total}
            bars
          />
          <CountTable
            ctx={ctx}
            id="by-category"
            caption={t('reports-figures.byCategory')}
            labelHeader={t('reports-figures.columns.category')}
            rows={figures.byCategory.map((r) => ({ key: r.code, label: name(r.name), count: r.count }))}
            total={figures.total}
            bars
          />
          <CountTable
            ctx={ctx}
            id="by-district"
            caption={t('reports-figures.byDistrict')}
            labelHeader={t('reports-figures.columns.district')}
            rows={figures.byDistrict.map((r) => ({
              key: r.key ?? '',
              label: r.name ?? t('reports-figures.noDistrict'),
              count: r.count,
            }))}
            total={figures.total}
            bars
          />
          <CountTable
            ctx={ctx}
            id="by-status"
            caption={t('reports-figures.byStatus')}
            labelHeader={t('reports-figures.columns.status')}
            rows={figures.byStatus.map((r) => ({
              key: r.status,
              label: t(`reports-figures.status.${r.status}`),
              count: r.count,
            }))}
            total={figures.total}
          />
          <section aria-labelledby="download-heading">
            <h2 class="kern-heading-medium" id="download-heading">
              {t('reports-figures.download.title')}
            </h2>
            <ul class="kern-list">
              <li>
                <a class="kern-link" href={`${figuresPath}.csv?${periodQuery(figures.period)}`} download>
                  {t('reports-figures.download.csv')}
                </a>
              </li>
              <li>
                <a class="kern-link" href={`/api/reports/figures?${periodQuery(figures.period)}`}>
                  {t('reports-figures.download.json')}
                </a>
              </li>
            </ul>
          </section>
        </>
      )}
    </AdminLayout>
  );
}
