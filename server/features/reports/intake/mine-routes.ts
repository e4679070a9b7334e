import { Type as T } from '@sinclair/typebox';
import type { App, Deps } from '../../../platform/deps.js';
import { problemSchema } from '../../addresses/schemas.js';
import { listMyReports, maxMine } from './mine.js';

const mineBody = T.Object(
  { tokens: T.Array(T.String({ maxLength: 100 }), { maxItems: maxMine }) },
  { additionalProperties: false },
);
const mineItem = T.Object({
  token: T.String(),
  reference: T.String(),
  status: T.String(),
  category: T.Object({ de: T.String(), en: T.String() }),
  place: T.Union([T.String(), T.Null()]),
  createdAt: T.String({ format: 'date-time' }),
  updatedAt: T.String({ format: 'date-time' }),
});

/**
 * "Meine Meldungen" with JavaScript: the current status of the reports whose status tokens the browser keeps in
 * localStorage. POST, so the tokens travel in no URL (logs, history); tokens of unknown or anonymised reports are
 * left out of the answer, so the browser can forget them. JSON only, no cookies (the API scope).
 */
export default async function reportMineRoutes(app: App, deps: Deps): Promise<void> {
  const reads = { rateLimit: { max: deps.config.rateLimit.apiPerMinute, timeWindow: '1 minute' } };
  app.post(
    '/api/reports/mine',
    {
      config: reads,
      schema: {
        tags: ['reports'],
        summary: 'Current status of reports by their status tokens (the browser’s “My reports”)',
        body: mineBody,
        response: { 200: T.Object({ items: T.Array(mineItem) }), 400: problemSchema, 429: problemSchema },
      },
    },
    async (request, reply) => {
      const reports = await listMyReports(deps, request.body.tokens);
      reply.header('cache-control', 'no-store');
      return {
        items: reports.map((r) => ({
          token: r.token,
          reference: r.reference,
          status: r.status,
          category: r.category,
          place: r.place,
          createdAt: r.createdAt.toISOString(),
          updatedAt: r.updatedAt.toISOString(),
        })),
      };
    },
  );
}
