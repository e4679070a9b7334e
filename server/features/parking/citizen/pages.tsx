import { Type as T } from '@sinclair/typebox';
import type { App, Deps } from '../../../platform/deps.js';
import { pageId, pageQuerySchema, single } from '../../../platform/http/page-schemas.js';
import { pageCache } from '../../../platform/http/response-cache.js';
import { pageContext } from '../../../platform/views/context.js';
import { addHomeModule, addHomePanel } from '../../../platform/views/registry.js';
import { sendHtml } from '../../../platform/views/render.js';
import { searchAddressesByText } from '../../addresses/service.js';
import { loadProfile } from '../core/profile-service.js';
import { getFacilityState, listFacilityStates, parkingCacheTag } from '../core/service.js';
import { forecastFacility } from '../forecast/service.js';
import { dayCurves } from '../history/service.js';
import { isSortKey, sortStates } from './sorting.js';
import { ParkingDetailPage } from './views/detail-page.js';
import { type ListData, ParkingListPage } from './views/list-page.js';
import { ParkingPanel } from './views/panel.js';

const idParams = T.Object({ id: T.String({ maxLength: 40 }) });

function coordinate(raw: string | undefined, min: number, max: number): number | undefined {
  if (!raw || !/^-?\d{1,3}(\.\d{1,8})?$/.test(raw)) return undefined;
  const n = Number(raw);
  return n >= min && n <= max ? n : undefined;
}

/** Parking for citizens: the live list (sorted, with distances), a facility's page, the start page's tile and panel. */
export default async function parkingCitizenPages(app: App, deps: Deps): Promise<void> {
  const m = deps.config.municipality;
  const cached = { responseCache: pageCache(parkingCacheTag(m.id)) };
  const reads = { rateLimit: { max: deps.config.rateLimit.apiPerMinute, timeWindow: '1 minute' } };
  addHomeModule(app, { href: '/parken', titleKey: 'parking.module.title', textKey: 'parking.module.text', order: 40 });
  addHomePanel(app, {
    id: 'parking',
    order: 40,
    async load(request) {
      const states = await listFacilityStates(deps);
      return states.length > 0 ? <ParkingPanel ctx={{ i18n: request.i18n }} states={states} /> : null;
    },
  });

  app.get(
    '/parken',
    { schema: { hide: true, querystring: pageQuerySchema }, config: { ...cached, ...reads } },
    async (request, reply) => {
      const q = request.query;
      const rawSort = single(q.sortierung);
      const sort = isSortKey(rawSort) ? rawSort : 'free';
      const address = (single(q.adresse) ?? '').trim().slice(0, 200);
      const lat = coordinate(single(q.lat), -90, 90);
      const lon = coordinate(single(q.lon), -180, 180);
      const { t } = request.i18n;
      let origin: { lat: number; lon: number } | null = null;
      let label: ListData['origin'] = null;
      let addressError = false;
      if (lat !== undefined && lon !== undefined) {
        origin = { lat, lon };
        label = { kind: 'position', label: t('parking.sort.yourPosition') };
      } else if (address) {
        const [hit] = await searchAddressesByText(deps, m.id, address, 1);
        if (hit) {
          origin = { lat: hit.lat, lon: hit.lon };
          const suffix = hit.house_number_suffix ?? '';
          label = { kind: 'address', label: `${hit.street} ${hit.house_number}${suffix}` };
        } else addressError = true;
      }
      if (!origin && sort === 'distance') {
        origin = { lat: m.map.lat, lon: m.map.lon };
        label = { kind: 'centre', label: m.name };
      }
      const states = sortStates(await listFacilityStates(deps), sort, origin);
      const data: ListData = { states, sort, origin: label, address, addressError, now: deps.now() };
      return sendHtml(
        reply,
        <ParkingListPage ctx={pageContext(request, reply)} data={data} />,
        addressError ? 400 : 200,
      );
    },
  );

  app.get(
    '/parken/:id',
    { schema: { hide: true, params: idParams, querystring: pageQuerySchema }, config: { ...cached, ...reads } },
    async (request, reply) => {
      const state = await getFacilityState(deps, pageId(request.params.id, 'Parking facility'));
      const profile = await loadProfile(deps, state.facility.id);
      const [forecast, curves] = await Promise.all([
        forecastFacility(deps, state, profile),
        dayCurves(deps, state.facility, profile),
      ]);
      const ctx = pageContext(request, reply);
      return sendHtml(reply, <ParkingDetailPage ctx={ctx} state={state} forecast={forecast} curves={curves} />);
    },
  );
}
