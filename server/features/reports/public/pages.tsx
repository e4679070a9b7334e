import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App, Deps } from '../../../platform/deps.js';
import { AppError } from '../../../platform/errors.js';
import { type PageContext, pageContext } from '../../../platform/views/context.js';
import { addHomeModule } from '../../../platform/views/registry.js';
import { sendHtml } from '../../../platform/views/render.js';
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
function publicQuery(raw: unknown): PublicQuery {
  const q = (raw ?? {}) as Record<string, unknown>;
  const s = (k: string) => {
    const v = Array.isArray(q[k]) ? q[k][0] : q[k];
    return typeof v === 'string' && v.trim() ? v.trim().slice(0, 100) : undefined;
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
  addHomeModule(app, {
    href: '/meldungen',
    titleKey: 'reports-public.module.title',
    textKey: 'reports-public.module.text',
    order: 22,
  });

  const listing = (kind: 'list' | 'map') => async (request: FastifyRequest, reply: FastifyReply) => {
    const ctx = pageContext(request, reply);
    const data = await listData(deps, ctx, publicQuery(request.query));
    const status = Object.keys(data.errors).length > 0 ? 400 : 200;
    const page = kind === 'list' ? <PublicListPage ctx={ctx} data={data} /> : <PublicMapPage ctx={ctx} data={data} />;
    return sendHtml(reply, page, status);
  };
  app.get('/meldungen', { schema: { hide: true }, config: { rateLimit } }, listing('list'));
  app.get('/meldungen/karte', { schema: { hide: true }, config: { rateLimit } }, listing('map'));

  app.get('/meldungen/:reference', { schema: { hide: true }, config: { rateLimit } }, async (request, reply) => {
    const reference = String((request.params as { reference: string }).reference).toUpperCase();
    if (!referencePattern.test(reference)) throw new AppError('not_found', 'No public report with this reference');
    const detail = await getPublicReport(deps, municipalityId, reference);
    if (detail.kind === 'merged') return reply.redirect(reportUrl(detail.target), 302);
    const ctx = pageContext(request, reply);
    const view = presentPublicDetail(detail.report, detail.events, detail.photos, ctx.i18n.lang as Lang);
    return sendHtml(reply, <PublicDetailPage ctx={ctx} report={view} />);
  });
}
