import type { App, Deps } from '../../../platform/deps.js';
import { pageQuerySchema, single } from '../../../platform/http/page-schemas.js';
import { pageCache } from '../../../platform/http/response-cache.js';
import { pageContext } from '../../../platform/views/context.js';
import { sendHtml } from '../../../platform/views/render.js';
import { abcQueryMaxLength, listAbc, listRecyclingCentresNow, normaliseAbcQuery, searchAbc } from './service.js';
import { AbcPage } from './views/abc-page.js';
import { BulkyPage } from './views/bulky-page.js';
import { CentresPage } from './views/centres-page.js';

/** Cache tag of the information pages (the Abfall-ABC and Sperrmüll pages are the same for everyone). */
export const wasteInfoCacheTag = (municipalityId: string) => `waste-info:${municipalityId}`;

/** Abfall-ABC, Wertstoffhöfe (with map data) and Sperrmüll: public pages without forms that change anything. */
export default async function wasteInfoPages(app: App, deps: Deps): Promise<void> {
  const municipalityId = deps.config.municipality.id;
  const cached = { responseCache: pageCache(wasteInfoCacheTag(municipalityId)) };
  const reads = { rateLimit: { max: deps.config.rateLimit.apiPerMinute, timeWindow: '1 minute' } };

  app.get(
    '/abfall/abc',
    { schema: { hide: true, querystring: pageQuerySchema }, config: { ...cached, ...reads } },
    async (request, reply) => {
      const ctx = pageContext(request, reply);
      const q = (single(request.query.q) ?? '').replace(/\s+/g, ' ').trim().slice(0, abcQueryMaxLength);
      if (!q) return sendHtml(reply, <AbcPage ctx={ctx} q="" all={await listAbc(deps, municipalityId)} />);
      if (normaliseAbcQuery(q).length < 2) {
        const error = ctx.i18n.t('waste-citizen.search.tooShort');
        return sendHtml(reply, <AbcPage ctx={ctx} q={q} error={error} />, 400);
      }
      return sendHtml(reply, <AbcPage ctx={ctx} q={q} results={await searchAbc(deps, municipalityId, q)} />);
    },
  );

  // "Open now" changes by the minute: rendered per request (three rows).
  app.get('/abfall/wertstoffhoefe', { schema: { hide: true } }, async (request, reply) => {
    const centres = await listRecyclingCentresNow(deps, municipalityId);
    return sendHtml(reply, <CentresPage ctx={pageContext(request, reply)} centres={centres} />);
  });

  app.get(
    '/abfall/wertstoffhoefe/karte.geojson',
    { schema: { hide: true, querystring: pageQuerySchema } },
    async (_request, reply) => {
      const centres = await listRecyclingCentresNow(deps, municipalityId);
      return reply.type('application/geo+json; charset=utf-8').send({
        type: 'FeatureCollection',
        features: centres.map((c) => ({
          type: 'Feature',
          geometry: { type: 'Point', coordinates: [c.lon, c.lat] },
          properties: { title: `${c.name}, ${c.street}`, url: `/abfall/wertstoffhoefe#hof-${c.key}` },
        })),
      });
    },
  );

  app.get('/abfall/sperrmuell', { schema: { hide: true }, config: cached }, async (request, reply) =>
    sendHtml(reply, <BulkyPage ctx={pageContext(request, reply)} />),
  );
}
