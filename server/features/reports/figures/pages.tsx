import { Type as T } from '@sinclair/typebox';
import { requireStaff } from '../../../platform/auth/guards.js';
import type { App, Deps } from '../../../platform/deps.js';
import { submit } from '../../../platform/http/forms.js';
import { type PageQuery, pageQuerySchema, single } from '../../../platform/http/page-schemas.js';
import { pageContext } from '../../../platform/views/context.js';
import { addAdminNavItem } from '../../../platform/views/registry.js';
import { sendHtml } from '../../../platform/views/render.js';
import { checkPeriod, getReportFigures } from './service.js';
import { figuresCsv } from './views/figures-csv.js';
import { FiguresPage, figuresPath } from './views/figures-page.js';

const figureRoles = ['admin', 'analyst', 'bsc_agent'] as const;

/** The period as the page's query string gives it (empty or repeated fields count as not given). */
function periodInput(q: PageQuery): { from?: string; to?: string } {
  const s = (k: string) => single(q[k])?.trim() || undefined;
  return { from: s('from'), to: s('to') };
}

/** The figures page and its CSV download in the back office (admins, analysts, BSC agents; read only). */
export default async function figuresPages(app: App, deps: Deps): Promise<void> {
  addAdminNavItem(app, { href: figuresPath, labelKey: 'reports-figures.nav', roles: figureRoles, order: 60 });
  const guard = requireStaff(...figureRoles);

  const page = { schema: { hide: true, querystring: pageQuerySchema }, preHandler: guard };
  app.get(figuresPath, page, async (request, reply) => {
    const input = periodInput(request.query);
    const ctx = pageContext(request, reply);
    const result = await submit(async () => {
      const period = checkPeriod(deps, input);
      return { period, figures: await getReportFigures(deps, period) };
    });
    if (!result.ok) {
      const period = { from: input.from ?? '', to: input.to ?? '' };
      // Messages in the reader's language (the shared field helpers only resolve keys without a hyphen).
      const errors = Object.fromEntries(Object.entries(result.errors).map(([k, v]) => [k, ctx.i18n.t(v)]));
      return sendHtml(reply, <FiguresPage ctx={ctx} period={period} errors={errors} />, result.status);
    }
    return sendHtml(reply, <FiguresPage ctx={ctx} period={result.value.period} figures={result.value.figures} />);
  });

  app.get(`${figuresPath}.csv`, page, async (request, reply) => {
    const period = checkPeriod(deps, periodInput(request.query));
    const figures = await getReportFigures(deps, period);
    const ctx = pageContext(request, reply);
    const file = `${ctx.i18n.t('reports-figures.csv.file')}-${period.from}-${period.to}.csv`;
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${file}"`)
      .header('cache-control', 'no-store')
      .send(figuresCsv(ctx, figures));
  });
}

const month = T.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$', description: 'a month, YYYY-MM' });
const nameSchema = T.Object({ de: T.String(), en: T.String() });
const countOf = <P extends Record<string, ReturnType<typeof T.String>>>(props: P) =>
  T.Array(T.Object({ ...props, count: T.Integer() }));

export const figuresQuerySchema = T.Object(
  {
    from: T.Optional({ ...month, description: 'first month counted (default: eleven months before `to`)' }),
    to: T.Optional({ ...month, description: 'last month counted (default: the current month)' }),
  },
  { additionalProperties: false },
);

export const figuresSchema = T.Object(
  {
    period: T.Object({ from: month, to: month }),
    total: T.Integer({ description: 'reports made in the period (abusive ones not counted)' }),
    byMonth: countOf({ month }),
    byCategory: T.Array(T.Object({ code: T.String(), name: nameSchema, count: T.Integer() })),
    byDistrict: T.Array(
      T.Object({
        key: T.Union([T.String(), T.Null()], { description: 'null: outside every district' }),
        name: T.Union([T.String(), T.Null()]),
        count: T.Integer(),
      }),
    ),
    byStatus: countOf({ status: T.String() }),
    timeToDone: T.Object({
      reports: T.Integer({ description: 'reports of the period that are done' }),
      medianCalendarDays: T.Union([T.Number(), T.Null()]),
      medianWorkingDays: T.Union([T.Number(), T.Null()], { description: 'weekends and public holidays excluded' }),
    }),
    fixedAnswers: T.Object(
      { yes: T.Integer(), no: T.Integer(), reopened: T.Integer() },
      { description: 'reporters\' answers to "is it fixed?" after closing as done; reopened: by a "no"' },
    ),
  },
  { description: 'anonymous aggregates of the Mängelmelder; no personal data' },
);

/** Public JSON of the figures (aggregates only, so no login; cached like other hot public answers). */
export async function figuresApiRoutes(app: App, deps: Deps): Promise<void> {
  app.get(
    '/api/reports/figures',
    {
      config: { responseCache: { ttlSeconds: 300, tag: 'reports-figures' } },
      schema: {
        tags: ['reports'],
        summary: 'Figures of the defect reporter',
        description:
          'Reports per month, category, district and status, and the median time to done, for a period of at ' +
          'most 120 months. Aggregates only; they stay exact after personal data are deleted.',
        querystring: figuresQuerySchema,
        response: { 200: figuresSchema },
      },
    },
    async (request) => getReportFigures(deps, checkPeriod(deps, request.query)),
  );
}
