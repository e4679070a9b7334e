import type { PageContext } from '../../../../platform/views/context.js';
import type { WasteOverview } from '../upload-service.js';
import { SimpleTable } from './table.js';

/** Seasons, bin types and routes with their counts. */
export function WasteOverviewTables({ ctx, overview }: { ctx: PageContext; overview: WasteOverview }) {
  const { t, lang } = ctx.i18n;
  const k = (key: string) => t(`waste-admin.import.${key}`);
  const seasonKey = new Map(overview.seasons.map((s) => [s.id, s.key]));
  const binName = new Map(overview.binTypes.map((b) => [b.id, b.name[lang] ?? b.key]));
  const day = (d: string | null) => (d ? ctx.i18n.date(`${d}T12:00:00Z`, 'medium') : '–');
  return (
    <section aria-labelledby="overview-heading" class="bs-section">
      <h2 class="kern-heading-medium" id="overview-heading">
        {k('overviewTitle')}
      </h2>
      {overview.seasons.length === 0 && overview.binTypes.length === 0 ? (
        <p class="kern-body">{k('emptyOverview')}</p>
      ) : (
        <>
          <SimpleTable
            caption={k('seasonsCaption')}
            headers={[k('colSeason'), k('colFrom'), k('colTo')]}
            rows={overview.seasons.map((s) => [s.key, day(s.startsOn), day(s.endsOn)])}
          />
          <SimpleTable
            caption={k('binTypesCaption')}
            headers={[k('colName'), k('colKey'), k('colKind')]}
            rows={overview.binTypes.map((b) => [
              b.name[lang] ?? b.key,
              <code key="k">{b.key}</code>,
              k(`kind_${b.kind}`),
            ])}
          />
          <details class="bs-section">
            <summary class="kern-title">
              {t('waste-admin.import.routesSummary', { count: overview.routes.length })}
            </summary>
            <SimpleTable
              caption={k('routesCaption')}
              headers={[
                k('colRoute'),
                k('colSeason'),
                k('binType'),
                k('colAddresses'),
                k('colDates'),
                k('colFirst'),
                k('colLast'),
              ]}
              rows={overview.routes.map((r) => [
                r.name ? `${r.key} (${r.name})` : r.key,
                seasonKey.get(r.seasonId) ?? '',
                binName.get(r.binTypeId) ?? '',
                ctx.i18n.number(r.addresses),
                ctx.i18n.number(r.dates),
                day(r.firstDate),
                day(r.lastDate),
              ])}
            />
          </details>
        </>
      )}
    </section>
  );
}
