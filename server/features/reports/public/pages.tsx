import { Type as T } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App, Deps } from '../../../platform/deps.js';
import { AppError } from '../../../platform/errors.js';
import { type PageQuery, pageQuerySchema } from '../../../platform/http/page-schemas.js';
import { pageCache } from '../../../platform/http/response-cache.js';
import { type PageContext, pageContext } from '../../../platform/views/context.js';
import { addHomeModule } from '../../../platform/views/registry.js';
import { sendHtml } from '../../../platform/views/render.js';
import { reportsCacheTag } from '../core/cache.js';
import { referencePattern } from '../core/reference.js';
import { presentPublicDetail, presentPublicSummary, reportUrl } from './present.js';
import {
  checkPublicQuery,
  getPublicReport,
  listFilterChoices,
  listPublicReports,
  type PublicQuery,
} from './service.js';
import { PublicDetailPage } from './views/detail-page.js';
import { type PublicListData, PublicListPage } from './views/list-page.js';
import { PublicMapPage } from './views/map-page.js';

/** The filter as the query string carries it; a page number that is not one counts as the first page. */
function publicQuery(q: PageQuery): PublicQuery {
  const s = (k: string) => {
    const given = q[k];
    const v = Array.isArray(given) ? given[0] : given;
    return v?.trim() ? v.trim().slice(0, 100) : undefined;
  };
  const page = Number(s('page') ?? 1);
  return {
    category: s('category'),
    status: s('status'),
    district: s('district'),
    from: s('from'),
    to: s('to'),
    page: Number.isSafeInteger(page) && page >= 1 && page <= 100_000 ? page : 1,
  };
}

type Lang = 'de' | 'en';

/** `/meldungen/:reference`: any text (a wrong one is a 404 page). */
const referenceParamsSchema = T.Object({ reference: T.String() });

/** The list data for a filter, or the filter's problems (translated) with an empty list. */
async function listData(deps: Deps, ctx: PageContext, query: PublicQuery): Promise<PublicListData> {
  const municipalityId = deps.config.municipality.id;
  const choices = await listFilterChoices(deps, municipalityId);
  const problems = checkPublicQuery(query, choices);
  const errors = Object.fromEntries(
    Object.entries(problems).map(([field, code]) => [field, ctx.i18n.t(`reports-public.errors.${code}`)]),
  );
  if (Object.keys(errors).length > 0) {
    return { query, choices, reports: [], total: 0, totalCapped: false, page: 1, pages: 1, errors };
  }
  const result = await listPublicReports(deps, municipalityId, query, { choices });
  const lang = ctx.i18n.lang as Lang;
  return {
    query,
    choices,
    reports: result.rows.map((row) => presentPublicSummary(row, lang)),
    total: result.total,
    totalCapped: result.totalCapped,
    page: result.page,
    pages: result.pages,
    errors,
  };
}

/** The public view of reports: list, map and detail pages (no account, no JavaScript needed). */
export default async function publicReportPages(app: App, deps: Deps): Promise<void> {
  const municipalityId = deps.config.municipality.id;
  const rateLimit = { max: deps.config.rateLimit.apiPerMinute, timeWindow: '1 minute' };
  // Every report change forgets these pages (appendEvent); anonymous visitors get them rendered once per language.
  const responseCache = pageCache(reportsCacheTag(municipalityId), 30);
  addHomeModule(app, {
    href: '/meldungen',
    titleKey: 'reports-public.module.title',
    textKey: 'reports-public.module.text',
    order: 22,
  });

  const listing = (kind: 'list' | 'map') => async (request: FastifyRequest, reply: FastifyReply, query: PageQuery) => {
    const ctx = pageContext(request, reply);
    const data = await listData(deps, ctx, publicQuery(query));
    const status = Object.keys(data.errors).length > 0 ? 400 : 200;
    const page = kind === 'list' ? <PublicListPage ctx={ctx} data={data} /> : <PublicMapPage ctx={ctx} data={data} />;
    return sendHtml(reply, page, status);
  };
  const list = { schema: { hide: true, querystring: pageQuerySchema }, config: { rateLimit, responseCache } };
  const showList = listing('list');
  const showMap = listing('map');
  app.get('/meldungen', list, async (request, reply) => showList(request, reply, request.query));
  app.get('/meldungen/karte', list, async (request, reply) => showMap(request, reply, request.query));

  const detail = { schema: { hide: true, params: referenceParamsSchema }, config: { rateLimit, responseCache } };
  app.get('/meldungen/:reference', detail, async (request, reply) => {
    const reference = request.params.reference.toUpperCase();
    if (!referencePattern.test(reference)) throw new AppError('not_found', 'No public report with this reference');
    const detail = await getPublicReport(deps, municipalityId, reference);
    if (detail.kind === 'merged') return reply.redirect(reportUrl(detail.target), 302);
    const ctx = pageContext(request, reply);
    const view = presentPublicDetail(detail.report, detail.events, detail.photos, ctx.i18n.lang as Lang);
    return sendHtml(reply, <PublicDetailPage ctx={ctx} report={view} />);
  });
}
