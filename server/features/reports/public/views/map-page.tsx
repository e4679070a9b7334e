import type { PageContext } from '../../../../platform/views/context.js';
import { ErrorSummary } from '../../../../platform/views/form-fields.js';
import { Layout } from '../../../../platform/views/layout.js';
import { reportStatuses } from '../../core/statuses.js';
import { mapAttributes, reportsMapAssets } from '../../core/views/map-attributes.js';
import { MapLegend } from '../../core/views/map-legend.js';
import { mapFeatureLimit } from '../service.js';
import { type PublicListData, ViewLinks } from './list-page.js';
import { FilterForm, filterUrl, Results } from './parts.js';

/**
 * The map of public reports (client/reports-map.ts enhances the `data-reports-map` element and loads `data-src`,
 * adding the visible bounding box) with the same filter, and the list below it: the map is never the only way.
 */
export function PublicMapPage({ ctx, data }: { ctx: PageContext; data: PublicListData }) {
  const { t } = ctx.i18n;
  const src = filterUrl('/api/reports/map.geojson', data.query, { lang: ctx.i18n.lang });
  const hasErrors = Object.keys(data.errors).length > 0;
  const statusLabels = JSON.stringify(
    Object.fromEntries(reportStatuses.map((s) => [s, t(`reports-public.status.${s}`)])),
  );
  return (
    <Layout ctx={ctx} title={t('reports-public.map.title')} {...reportsMapAssets()}>
      <h1 class="kern-heading-large">{t('reports-public.map.title')}</h1>
      <p class="kern-body">{t('reports-public.list.intro', { city: ctx.municipality.name })}</p>
      <ViewLinks ctx={ctx} to="list" query={data.query} />
      <ErrorSummary ctx={ctx} errors={data.errors} />
      <FilterForm ctx={ctx} action="/meldungen/karte" query={data.query} choices={data.choices} errors={data.errors} />
      <div class="bs-report-map-layout">
        {/* Not a landmark of its own: the map inside is one (role region, named by data-label). */}
        <div class="bs-report-map">
          <h2 class="kern-heading-medium" id="map-heading">
            {t('reports-public.map.heading')}
          </h2>
          <p class="kern-body kern-hint" id="map-limit">
            {t('reports-public.map.limit', { limit: ctx.i18n.number(mapFeatureLimit) })}
          </p>
          {!hasErrors && (
            <div
              class="bs-report-map__canvas"
              data-reports-map
              data-src={src}
              data-status-labels={statusLabels}
              {...mapAttributes(ctx)}
            >
              <p class="kern-body bs-report-map__fallback">{t('reports-public.map.fallback')}</p>
            </div>
          )}
          {!hasErrors && <MapLegend ctx={ctx} />}
        </div>
        <Results
          ctx={ctx}
          path="/meldungen/karte"
          query={data.query}
          reports={data.reports}
          total={data.total}
          totalCapped={data.totalCapped}
          page={data.page}
          pages={data.pages}
          heading={t('reports-public.map.listHeading')}
        />
      </div>
    </Layout>
  );
}
