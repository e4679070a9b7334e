import type { PageContext } from '../../../../platform/views/context.js';
import { ErrorSummary } from '../../../../platform/views/form-fields.js';
import { Layout } from '../../../../platform/views/layout.js';
import { reportsMapAssets } from '../../core/views/map-attributes.js';
import type { PublicReportSummary } from '../present.js';
import type { FilterChoices, PublicQuery } from '../service.js';
import { FilterForm, filterUrl, Results } from './parts.js';

export interface PublicListData {
  query: PublicQuery;
  choices: FilterChoices;
  reports: PublicReportSummary[];
  total: number;
  totalCapped: boolean;
  page: number;
  pages: number;
  /** Translated messages per field of a filter that could not be applied. */
  errors: Record<string, string>;
}

/** The links every public report page offers: the other view (keeping the filter) and "report a problem". */
export function ViewLinks({ ctx, to, query }: { ctx: PageContext; to: 'map' | 'list'; query: PublicQuery }) {
  const { t } = ctx.i18n;
  return (
    <ul class="bs-report-links">
      <li>
        {to === 'map' ? (
          <a class="kern-link" href={filterUrl('/meldungen/karte', query)}>
            {t('reports-public.list.toMap')}
          </a>
        ) : (
          <a class="kern-link" href={filterUrl('/meldungen', query)}>
            {t('reports-public.list.toList')}
          </a>
        )}
      </li>
      <li>
        <a class="kern-link" href="/meldungen/benachrichtigungen">
          {t('reports-alerts.link')}
        </a>
      </li>
      <li>
        <a class="kern-btn kern-btn--primary" href="/melden">
          <span class="kern-label">{t('reports-public.list.report')}</span>
        </a>
      </li>
    </ul>
  );
}

/** "Gemeldete Mängel": the filterable, paginated list of public reports; a GET form, works without JavaScript. */
export function PublicListPage({ ctx, data }: { ctx: PageContext; data: PublicListData }) {
  const { t } = ctx.i18n;
  return (
    <Layout ctx={ctx} title={t('reports-public.list.title')} styles={reportsMapAssets().styles}>
      <h1 class="kern-heading-large">{t('reports-public.list.title')}</h1>
      <p class="kern-body">{t('reports-public.list.intro', { city: ctx.municipality.name })}</p>
      <ViewLinks ctx={ctx} to="map" query={data.query} />
      <ErrorSummary ctx={ctx} errors={data.errors} />
      <FilterForm ctx={ctx} action="/meldungen" query={data.query} choices={data.choices} errors={data.errors} />
      <Results
        ctx={ctx}
        path="/meldungen"
        query={data.query}
        reports={data.reports}
        total={data.total}
        totalCapped={data.totalCapped}
        page={data.page}
        pages={data.pages}
        heading={t('reports-public.list.heading')}
      />
    </Layout>
  );
}
