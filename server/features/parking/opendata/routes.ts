import type { App, Deps } from '../../../platform/deps.js';
import { AppError } from '../../../platform/errors.js';
import { i18nFor } from '../../../platform/i18n.js';
import { startOfLocalDay } from '../../../platform/time.js';
import { problemSchema } from '../../addresses/schemas.js';
import { selectMunicipalityHistory } from '../core/history-queries.js';
import { listFacilityStates, parkingCacheTag } from '../core/service.js';
import { presentDatex, presentFeature, presentLot } from './present.js';
import { featureCollectionSchema, geoQuerySchema, lotsSchema, monthQuerySchema } from './schemas.js';

const csvCell = (v: string | number) => {
  const s = String(v);
  return /[;"\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** Open data of parking: current state as ParkAPI JSON, GeoJSON and DATEX II; history as CSV per month. */
export default async function parkingOpenDataRoutes(app: App, deps: Deps): Promise<void> {
  const m = deps.config.municipality;
  // Readings arrive every 5 minutes; every accepted one forgets these answers (parkingCacheTag).
  const responseCache = { ttlSeconds: 60, tag: parkingCacheTag(m.id) };
  const rateLimit = { max: deps.config.rateLimit.apiPerMinute, timeWindow: '1 minute' };
  const tags = ['parking'];

  app.get(
    '/api/parking/lots',
    {
      config: { responseCache, rateLimit },
      schema: {
        tags,
        summary: 'Parking facilities and free spaces now (ParkAPI)',
        description:
          'Every facility with its capacity and free spaces now, in the ParkAPI shape (lots with id, name, coords, ' +
          'total, free, state). A reading older than 30 minutes is never given as current: state is nodata and free ' +
          'is null. Open data (CC BY 4.0).',
        response: { 200: lotsSchema, 429: problemSchema },
      },
    },
    async () => {
      const states = await listFacilityStates(deps);
      const observed = states.flatMap((s) => (s.live === 'live' && s.reading ? [s.reading.observedAt.getTime()] : []));
      return {
        last_updated: observed.length ? new Date(Math.max(...observed)).toISOString() : null,
        last_downloaded: deps.now().toISOString(),
        data_source: deps.config.publicUrl,
        lots: states.map(presentLot),
      };
    },
  );

  app.get(
    '/api/parking/lots.geojson',
    {
      config: { responseCache, rateLimit },
      schema: {
        tags,
        summary: 'Parking facilities and free spaces now (GeoJSON)',
        description: 'The same as the ParkAPI list, as a GeoJSON FeatureCollection of points (longitude, latitude).',
        querystring: geoQuerySchema,
        response: {
          200: {
            description: 'GeoJSON FeatureCollection',
            content: { 'application/geo+json': { schema: featureCollectionSchema } },
          },
          429: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const { t } = i18nFor(request.query.lang === 'en' ? 'en' : 'de', m.timeZone);
      const states = await listFacilityStates(deps);
      const title = (s: (typeof states)[number]) =>
        s.free === null
          ? `${s.facility.name}: ${t('parking.noData')}`
          : `${s.facility.name}: ${t('parking.freeCount', { count: s.free })}`;
      const body = { type: 'FeatureCollection' as const, features: states.map((s) => presentFeature(s, title(s))) };
      return reply.type('application/geo+json; charset=utf-8').send(body);
    },
  );

  app.get(
    '/api/parking/datex2.xml',
    {
      config: { responseCache, rateLimit },
      schema: {
        tags,
        summary: 'Free spaces now (DATEX II)',
        description:
          'A DATEX II v3 ParkingStatusPublication with one parkingRecordStatus per facility that has a current ' +
          'reading (record ids are the facility ids of the ParkAPI list).',
        response: {
          200: { description: 'DATEX II XML', content: { 'application/xml': { schema: { type: 'string' } } } },
          429: problemSchema,
        },
      },
    },
    async (_request, reply) => {
      const states = await listFacilityStates(deps);
      const body = presentDatex(states, { country: 'DE', id: m.ars }, deps.now());
      return reply.type('application/xml; charset=utf-8').send(body);
    },
  );

  app.get(
    '/api/parking/history.csv',
    {
      config: { responseCache: { ...responseCache, ttlSeconds: 300 }, rateLimit },
      schema: {
        tags,
        summary: 'Occupancy history of a month (CSV)',
        description:
          'Every 5-minute bucket of every facility in one month (local time), as CSV with `;`: facility id, name, ' +
          'bucket start (ISO 8601, UTC), free spaces, capacity, status. History is kept for PARKING_HISTORY_DAYS.',
        querystring: monthQuerySchema,
        response: {
          200: { description: 'CSV', content: { 'text/csv': { schema: { type: 'string' } } } },
          400: problemSchema,
          429: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const [year, month] = request.query.month.split('-').map(Number) as [number, number];
      const from = startOfLocalDay(`${year}-${String(month).padStart(2, '0')}-01`, m.timeZone);
      const next = month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
      const to = startOfLocalDay(next, m.timeZone);
      if (from > deps.now()) throw new AppError('validation_failed', 'The month has not begun yet');
      const rows = await selectMunicipalityHistory(deps.db, m.id, from, to);
      const lines = ['facility_id;name;bucket;free;capacity;status'];
      for (const r of rows) {
        lines.push([r.ref, r.name, r.bucket.toISOString(), r.free, r.capacity, r.status].map(csvCell).join(';'));
      }
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="parken-${request.query.month}.csv"`)
        .send(`${lines.join('\n')}\n`);
    },
  );
}
