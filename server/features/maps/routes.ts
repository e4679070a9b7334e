import { Type as T } from '@sinclair/typebox';
import type { App, Deps } from '../../platform/deps.js';
import { AppError, sendProblem } from '../../platform/errors.js';
import { TileService } from './service.js';

const tileParamsSchema = T.Object(
  {
    z: T.Integer({ minimum: 0, maximum: 22 }),
    x: T.Integer({ minimum: 0, maximum: 4_194_303 }),
    y: T.Integer({ minimum: 0, maximum: 4_194_303 }),
  },
  { additionalProperties: false },
);

/** How long browsers keep a tile before asking again (with its ETag, answered 304 when unchanged). */
const browserMaxAgeSeconds = 24 * 3600;

/**
 * GET /tiles/{z}/{x}/{y}.png: the background map from our own origin (no cookies, no page pipeline), so browsers
 * never contact the tile upstream. Refusals and failures answer application/problem+json (404, 503).
 */
export default async function mapTileRoutes(app: App, deps: Deps): Promise<TileService> {
  const tiles = new TileService(deps, app.logger);
  // Its own scope, so its error handler covers the tile route only.
  await app.register(async (scope: App) => {
    // An unreachable upstream is logged once by the service; its 503s are expected answers, not errors to log each.
    scope.setErrorHandler((err, request, reply) => {
      if (!(err instanceof AppError) || err.code !== 'unavailable') throw err;
      reply.header('retry-after', String(Math.max(1, deps.config.mapTiles.retrySeconds)));
      reply.header('cache-control', 'no-store');
      return sendProblem(reply, err, request);
    });
    // A map view loads 20–60 tiles and each move more; the limit only stops a client that scrapes the whole area.
    const rateLimit = { max: deps.config.rateLimit.apiPerMinute * 5, timeWindow: '1 minute' };
    const options = { config: { rateLimit }, schema: { hide: true, params: tileParamsSchema } };
    scope.get('/tiles/:z/:x/:y.png', options, async (request, reply) => {
      const { z, x, y } = request.params;
      const tile = await tiles.getTile(z, x, y);
      const etag = `W/"${tile.body.length.toString(36)}-${Math.floor(tile.storedAt).toString(36)}"`;
      reply.header('cache-control', `public, max-age=${browserMaxAgeSeconds}, stale-while-revalidate=604800`);
      reply.header('etag', etag);
      reply.header('last-modified', new Date(tile.storedAt).toUTCString());
      const match = request.headers['if-none-match'];
      if (match?.split(',').some((tag) => tag.trim() === etag || tag.trim() === '*')) {
        return reply.code(304).send();
      }
      return reply.type(tile.contentType).send(tile.body);
    });
  });
  return tiles;
}
