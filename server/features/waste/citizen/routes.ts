import type { App, Deps } from '../../../platform/deps.js';
import { problemSchema } from '../../addresses/schemas.js';
import { wasteCacheTag } from '../core/cache.js';
import { type NextCollections, nextCollectionsSchema, nextParamsSchema } from './schemas.js';
import { getCalendarAddress, listNextCollections, todayOf } from './service.js';

/** JSON API of the Abfallkalender for citizens: the next collections of an address. */
export default async function wasteCitizenRoutes(app: App, deps: Deps): Promise<void> {
  const m = deps.config.municipality;
  // Forgotten on every import (forgetWasteCaches); "today" moves at midnight, so an answer lives one minute.
  const responseCache = { ttlSeconds: 60, tag: wasteCacheTag(m.id) };
  app.get(
    '/api/waste/addresses/:id/next',
    {
      config: { responseCache },
      schema: {
        tags: ['waste'],
        summary: 'Next collection per bin type at an address',
        params: nextParamsSchema,
        response: { 200: nextCollectionsSchema, 404: problemSchema, 400: problemSchema },
      },
    },
    async (request): Promise<NextCollections> => {
      const { id } = request.params;
      const address = await getCalendarAddress(deps, id);
      const next = await listNextCollections(deps, id);
      return {
        address,
        today: todayOf(deps),
        next: next.map((c) => ({
          date: c.date,
          binType: { key: c.binType.key, kind: c.binType.kind, name: c.binType.name },
          shiftedFrom: c.shiftedFrom,
        })),
      };
    },
  );
}
