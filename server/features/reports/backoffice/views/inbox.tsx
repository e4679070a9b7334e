import { AdminLayout, Notice } from '../../../../platform/views/admin-layout.js';
import type { PageContext } from '../../../../platform/views/context.js';
import { CheckboxField, SelectField, TextField } from '../../../../platform/views/form-fields.js';
import { Due, Flag, localName, Pagination, ReportsNav, StatusBadge } from '../../core/views/admin-components.js';
import { mapAttributes, reportsMapAssets } from '../../core/views/map-attributes.js';
import type { InboxCounts } from '../inbox-queries.js';
import { type InboxOptions, type InboxQuery, inboxSorts, mapLimit, statusFilters } from '../inbox-service.js';
import type { InboxItem } from '../present.js';

export interface InboxData {
  items: InboxItem[];
  total: number;
  page: number;
  pages: number;
}

/** The inbox filter as query parameters (without page), for links and the map's data URL. */
export function inboxParams(q: InboxQuery): Record<string, string> {
  const out: Record<string, string> = {};
  if (q.status !== q.defaultStatus) out.status = q.status;
  if (q.category) out.category = String(q.category);
  if (q.district) out.district = String(q.district);
  if (q.department) out.department = String(q.department);
  if (q.overdue) out.overdue = '1';
  if (q.screening) out.screening = '1';
  if (q.q) out.q = q.q;
  if (q.sort !== 'newest') out.sort = q.sort;
  return out;
}

function FilterForm({ ctx, query, options }: { ctx: PageContext; query: InboxQuery; options: InboxOptions }) {
  const { t } = ctx.i18n;
  const any = t('reports-admin.filter.any');
  return (
    <form method="get" action="/admin/meldungen" class="bs-filter" novalidate aria-labelledby="filter-heading">
      <h2 class="kern-heading-small" id="filter-heading">
        {t('reports-admin.filter.title')}
      </h2>

      <div class="bs-filter__fields">
        <TextField
          ctx={ctx}
          name="q"
          type="search"
          label={t('reports-admin.filter.text')}
          hint={t('reports-admin.filter.textHint')}
          value={query.q}
          maxLength={200}
          optional
        />
        <SelectField
          ctx={ctx}
          name="status"
          label={t('reports-admin.filter.status')}
          value={query.status}
          options={statusFilters.map((s) => ({ value: s, label: t(`reports-admin.filter.statuses.${s}`) }))}
        />
        <SelectField
          ctx={ctx}
          name="category"
          label={t('reports-admin.filter.category')}
          value={query.category ? String(query.category) : ''}
          empty={any}
          options={options.categories.map((c) => ({ value: String(c.id), label: localName(ctx, c.name) }))}
        />
        <SelectField
          ctx={ctx}
          name="district"
          label={t('reports-admin.filter.district')}
          value={query.district ? String(query.district) : ''}
          empty={any}
          options={options.districts.map((d) => ({ value: String(d.id), label: d.name }))}
        />
        <SelectField
          ctx={ctx}
          name="department"
          label={t('reports-admin.filter.department')}
          value={query.department ? String(query.department) : ''}
          empty={any}
          options={options.departments.map((d) => ({ value: String(d.id), label: d.name }))}
        />
        <SelectField
          ctx={ctx}
          name="sort"
          label={t('reports-admin.filter.sort')}
          value={query.sort}
          options={inboxSorts.map((s) => ({ value: s, label: t(`reports-admin.filter.sorts.${s}`) }))}
        />
      </div>
      <fieldset class="kern-fieldset">
        <legend class="kern-label">{t('reports-admin.filter.only')}</legend>
        <div class="kern-fieldset__body">
          <CheckboxField name="overdue" label={t('reports-admin.filter.overdue')} checked={query.overdue} />
          <CheckboxField name="screening" label={t('reports-admin.filter.screening')} checked={query.screening} />
        </div>
      </fieldset>
      <div class="kern-btn-wrapper">
        <button type="submit" class="kern-btn kern-btn--primary">
          <span class="kern-label">{t('reports-admin.filter.apply')}</span>
        </button>
        <a class="kern-btn kern-btn--secondary" href="/admin/meldungen">
          <span class="kern-label">{t('reports-admin.filter.reset')}</span>
        </a>
      </div>
    </form>
  );
}

/** Flags beside the status: returned by a department, waiting for screening, abusive, merged. */
export function ItemFlags({ ctx, item }: { ctx: PageContext; item: InboxItem }) {
  const { t } = ctx.i18n;
  return (
    <>
      {item.returned && (
        <>
          {' '}
          <Flag kind="warning">
            {t(item.reopenedByReporter ? 'reports-mine.inbox.notFixed' : 'reports-admin.flags.returned')}
          </Flag>
        </>
      )}
      {item.needsScreening && (
        <>
          {' '}
          <Flag kind="warning">{t('reports-admin.flags.screening')}</Flag>
        </>
      )}
      {item.abusive && (
        <>
          {' '}
          <Flag kind="danger">{t('reports-admin.flags.abusive')}</Flag>
        </>
      )}
      {item.merged && (
        <>
          {' '}
          <Flag kind="info">{t('reports-admin.flags.merged')}</Flag>
        </>
      )}
    </>
  );
}

/** The table of reports (inbox and overdue list): six columns that fit 1366 px, the due date always visible. */
export function ReportTable({
  ctx,
  items,
  caption,
  showDepartment = true,
}: {
  ctx: PageContext;
  items: InboxItem[];
  caption: string;
  showDepartment?: boolean;
}) {
  const { t } = ctx.i18n;
  return (
    <section class="bs-table-scroll" tabindex={0} aria-label={caption}>
      <table class="kern-table kern-table--striped bs-report-table">
        <caption class="kern-title">{caption}</caption>
        <thead class="kern-table__head">
          <tr class="kern-table__row">
            <th scope="col" class="kern-table__header">
              {t('reports-admin.columns.reference')}
            </th>
            <th scope="col" class="kern-table__header">
              {t('reports-admin.columns.report')}
            </th>
            <th scope="col" class="kern-table__header">
              {t('reports-admin.columns.status')}
            </th>
            {showDepartment && (
              <th scope="col" class="kern-table__header">
                {t('reports-admin.columns.department')}
              </th>
            )}
            <th scope="col" class="kern-table__header">
              {t('reports-admin.columns.age')}
            </th>
            <th scope="col" class="kern-table__header bs-report-table__due">
              {t('reports-admin.columns.due')}
            </th>
          </tr>
        </thead>
        <tbody class="kern-table__body">
          {items.map((r) => (
            <tr class="kern-table__row" key={r.id}>
              <th scope="row" class="kern-table__header bs-report-table__reference">
                <a class="kern-link" href={`/admin/meldungen/${r.id}`}>
                  {r.reference}
                </a>
              </th>
              <td class="kern-table__cell bs-report-table__text">
                <strong>{localName(ctx, r.category)}</strong>
                <br />
                {r.shortText}
                <br />
                <span class="bs-muted">
                  {r.place ?? '—'}
                  {r.district && `, ${r.district}`}
                </span>
                {r.returned && r.returnReason && (
                  <p class="kern-body bs-return-reason">
                    <strong>
                      {t(r.reopenedByReporter ? 'reports-mine.inbox.comment' : 'reports-admin.flags.returnedReason')}
                    </strong>{' '}
                    {r.returnReason}
                  </p>
                )}
              </td>
              <td class="kern-table__cell bs-report-table__status">
                <StatusBadge ctx={ctx} status={r.status} />
                <ItemFlags ctx={ctx} item={r} />
              </td>
              {showDepartment && <td class="kern-table__cell">{r.department ?? '—'}</td>}
              <td class="kern-table__cell bs-report-table__date">
                <time dateTime={r.createdAt.toISOString()}>{ctx.i18n.date(r.createdAt, 'medium')}</time>
                <br />
                <span class="bs-muted">{t('reports-admin.age', { count: r.ageDays })}</span>
              </td>
              <td class="kern-table__cell bs-report-table__due">
                <Due ctx={ctx} dueAt={r.dueAt} overdue={r.overdue} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** The inbox's views with their counts: the BSC's triage apart from what is already with a department. */
function Views({ ctx, query, counts }: { ctx: PageContext; query: InboxQuery; counts: InboxCounts }) {
  const { t } = ctx.i18n;
  const views =
    ctx.user?.role === 'department_staff'
      ? [
          { status: 'open', count: counts.open },
          { status: 'closed', count: undefined },
        ]
      : [
          { status: 'triage', count: counts.triage },
          { status: 'department', count: counts.withDepartment },
          { status: 'open', count: counts.open },
          { status: 'closed', count: undefined },
        ];
  const href = (status: string) =>
    status === query.defaultStatus ? '/admin/meldungen' : `/admin/meldungen?status=${encodeURIComponent(status)}`;
  return (
    <nav class="bs-inbox-views" aria-label={t('reports-admin.inbox.viewsLabel')}>
      <ul>
        {views.map((v) => (
          <li key={v.status}>
            <a class="kern-link" href={href(v.status)} aria-current={query.status === v.status ? 'page' : undefined}>
              {t(`reports-admin.filter.statuses.${v.status}`)}
              {v.count !== undefined && <span class="bs-inbox-views__count"> ({ctx.i18n.number(v.count)})</span>}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** The inbox: its views with counts, the list (always there), the filter and the map (enhancement). */
export function InboxPage({
  ctx,
  query,
  options,
  data,
  counts,
}: {
  ctx: PageContext;
  query: InboxQuery;
  options: InboxOptions;
  data: InboxData;
  counts: InboxCounts;
}) {
  const { t } = ctx.i18n;
  const params = inboxParams(query);
  const src = `/admin/meldungen/karte.geojson?${new URLSearchParams({ ...params, lang: ctx.i18n.lang }).toString()}`;
  const filtered = Object.keys(params).some((k) => k !== 'status' && k !== 'sort');
  return (
    <AdminLayout ctx={ctx} title={t('reports-admin.inbox.title')} {...reportsMapAssets()}>
      <h1 class="kern-heading-large">{t('reports-admin.inbox.title')}</h1>
      <ReportsNav ctx={ctx} />
      {ctx.query.done === 'return' && <Notice kind="success" title={t('reports-admin.actions.return.done')} />}
      <p class="kern-body">
        {t(ctx.user?.role === 'department_staff' ? 'reports-admin.inbox.introDepartment' : 'reports-admin.inbox.intro')}
      </p>
      <Views ctx={ctx} query={query} counts={counts} />
      <details class="bs-inbox-filter" open={filtered}>
        <summary class="bs-report-action__summary">{t('reports-admin.inbox.filterToggle')}</summary>
        <FilterForm ctx={ctx} query={query} options={options} />
      </details>
      <section aria-labelledby="list-heading">
        <h2 class="kern-heading-medium" id="list-heading">
          {t(`reports-admin.inbox.listHeadings.${query.status}`, {
            defaultValue: t('reports-admin.inbox.listHeading'),
          })}
        </h2>
        {data.items.length === 0 ? (
          <p class="kern-body" role="status">
            {t('reports-admin.inbox.empty')}
          </p>
        ) : (
          <ReportTable
            ctx={ctx}
            items={data.items}
            caption={t('reports-admin.inbox.caption', {
              count: data.total,
              page: data.page,
              pages: data.pages,
            })}
          />
        )}
        <Pagination ctx={ctx} path="/admin/meldungen" query={params} page={data.page} pages={data.pages} />
      </section>
      <section aria-labelledby="map-heading" class="bs-report-map">
        <h2 class="kern-heading-medium" id="map-heading">
          {t('reports-admin.inbox.mapHeading')}
        </h2>
        <p class="kern-body kern-hint">{t('reports-admin.inbox.mapHint', { limit: ctx.i18n.number(mapLimit) })}</p>
        <div class="bs-report-map__canvas" data-reports-map data-src={src} {...mapAttributes(ctx)}>
          <p class="kern-body bs-report-map__fallback">{t('reports-admin.inbox.mapFallback')}</p>
        </div>
      </section>
    </AdminLayout>
  );
}
