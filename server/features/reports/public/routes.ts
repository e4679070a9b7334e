import { type Static, Type as T } from '@sinclair/typebox';
import type { App, Deps } from '../../../platform/deps.js';
import { problemSchema } from '../../addresses/schemas.js';
import { reportsCacheTag } from '../core/cache.js';
import { reportStatuses } from '../core/statuses.js';
import { presentMapFeature, presentPublicSummary } from './present.js';
import {
  countLimit,
  getPublicPhoto,
  listMapReports,
  listPublicReports,
  mapFeatureLimit,
  maxBboxSpanDegrees,
  publicPageSize,
} from './service.js';

const filterProperties = {
  category: T.Optional(T.String({ maxLength: 63, description: 'category code (a group includes its children)' })),
  status: T.Optional(
    T.String({ maxLength: 20, description: `"open", "closed" or one status: ${reportStatuses.join(', ')}` }),
  ),
  district: T.Optional(T.String({ maxLength: 40, description: 'district key, e.g. "mitte"' })),
  from: T.Optional(T.String({ maxLength: 10, description: 'reported on or after this day (YYYY-MM-DD, local)' })),
  to: T.Optional(T.String({ maxLength: 10, description: 'reported on or before this day (YYYY-MM-DD, local)' })),
  lang: T.Optional(T.Union([T.Literal('de'), T.Literal('en')], { description: 'language of category names' })),
};

const mapQuerySchema = T.Object(
  {
    bbox: T.Optional(
      T.String({
        maxLength: 100,
        description:
          `minLon,minLat,maxLon,maxLat (WGS84); each side at most ${maxBboxSpanDegrees}°. ` +
          'Without it, the whole municipality.',
      }),
    ),
    ...filterProperties,
  },
  { additionalProperties: false },
);

const listQuerySchema = T.Object(
  {
    ...filterProperties,
    page: T.Integer({ minimum: 1, maximum: 100000, default: 1 }),
    pageSize: T.Integer({ minimum: 1, maximum: 100, default: publicPageSize }),
  },
  { additionalProperties: false },
);

const categoryRefSchema = T.Object({ code: T.String(), name: T.String() });

const mapCollectionSchema = T.Object({
  type: T.Literal('FeatureCollection'),
  features: T.Array(
    T.Object({
      type: T.Literal('Feature'),
      id: T.String({ description: 'the reference' }),
      geometry: T.Object({
        type: T.Literal('Point'),
        coordinates: T.Array(T.Number(), { description: '[lon, lat], WGS84, rounded to 4 decimals (~10 m)' }),
      }),
      properties: T.Object({
        reference: T.String({ description: 'e.g. "BI-2026-000123"' }),
        category: categoryRefSchema,
        status: T.String({ description: reportStatuses.join(' | ') }),
        date: T.String({ description: 'day reported (YYYY-MM-DD, local)' }),
        url: T.String({ description: 'path of the public detail page' }),
      }),
    }),
  ),
  truncated: T.Boolean({ description: `true when more than ${mapFeatureLimit} reports match: zoom in or filter` }),
  limit: T.Integer({ description: 'most features one answer carries' }),
});

const nullable = <S extends ReturnType<typeof T.Object>>(schema: S, description: string) =>
  T.Unsafe<Static<S> | null>({ ...schema, nullable: true, description });

const summarySchema = T.Object({
  reference: T.String(),
  url: T.String(),
  category: categoryRefSchema,
  status: T.String(),
  createdAt: T.String({ format: 'date-time' }),
  closedAt: T.Unsafe<string | null>({ type: 'string', format: 'date-time', nullable: true }),
  excerpt: T.Unsafe<string | null>({
    type: 'string',
    nullable: true,
    description: 'beginning of the moderated public text; null until staff release one',
  }),
  district: nullable(T.Object({ key: T.String(), name: T.String() }), 'the Stadtbezirk, null if unknown'),
  street: T.Unsafe<string | null>({ type: 'string', nullable: true, description: 'street only, no house number' }),
  lat: T.Number(),
  lon: T.Number(),
  supporterCount: T.Integer(),
});

const listSchema = T.Object({
  items: T.Array(summarySchema),
  total: T.Integer({ description: `how many match, counted up to ${countLimit}` }),
  totalCapped: T.Boolean({ description: `true when more than ${countLimit} match (narrow the filter)` }),
  page: T.Integer(),
  pages: T.Integer(),
  pageSize: T.Integer(),
});

const photoParamsSchema = T.Object({
  reference: T.String({ maxLength: 40 }),
  id: T.Integer({ minimum: 1, maximum: 2 ** 53 - 1 }),
});

/** The public report data as JSON (list, map GeoJSON) and the approved photos. Nothing personal, ever. */
export default async function publicReportRoutes(app: App, deps: Deps): Promise<void> {
  const m = deps.config.municipality;
  const rateLimit = { max: deps.config.rateLimit.apiPerMinute, timeWindow: '1 minute' };
  const langOf = (lang: 'de' | 'en' | undefined) => lang ?? (m.defaultLanguage as 'de' | 'en');
  // The language is in the URL (?lang=), which is part of every cache key.
  const responseCache = { ttlSeconds: 30, tag: reportsCacheTag(m.id) };

  app.get(
    '/api/reports/map.geojson',
    {
      config: { responseCache, rateLimit },
      schema: {
        tags: ['reports'],
        summary: 'Public reports on the map (GeoJSON)',
        description:
          `Public reports as a GeoJSON FeatureCollection of points, at most ${mapFeatureLimit}; \`truncated\` is ` +
          'true when more match (zoom in or filter). Without a bounding box: the newest. In a bounding box: a ' +
          'sample spread over it (the box is cut into 10 × 10 cells, each giving up to 10 reports, those nearest ' +
          'its centre), so a crowded area does not hide the rest. Filters as for GET /api/reports. A bad bounding ' +
          `box (not four numbers, out of range, min ≥ max, a side over ${maxBboxSpanDegrees}°) is answered with 400.`,
        querystring: mapQuerySchema,
        response: {
          200: {
            description: 'GeoJSON FeatureCollection',
            content: { 'application/geo+json': { schema: mapCollectionSchema } },
          },
          400: problemSchema,
          429: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const { rows, truncated } = await listMapReports(deps, m.id, q, langOf(q.lang));
      const body = {
        type: 'FeatureCollection' as const,
        features: rows.map(presentMapFeature),
        truncated,
        limit: mapFeatureLimit,
      };
      return reply.type('application/geo+json; charset=utf-8').send(body);
    },
  );

  app.get(
    '/api/reports',
    {
      config: { responseCache, rateLimit },
      schema: {
        tags: ['reports'],
        summary: 'Public reports (list)',
        description:
          'Public reports, newest first, paginated. Only screened reports that are not hidden or merged; no names, ' +
          'contact data or original texts.',
        querystring: listQuerySchema,
        response: { 200: listSchema, 400: problemSchema, 429: problemSchema },
      },
    },
    async (request) => {
      const { page, pageSize, lang, ...filter } = request.query;
      const result = await listPublicReports(deps, m.id, { ...filter, page }, { pageSize });
      return {
        items: result.rows.map((row) => presentPublicSummary(row, langOf(lang))),
        total: result.total,
        totalCapped: result.totalCapped,
        page: result.page,
        pages: result.pages,
        pageSize: result.pageSize,
      };
    },
  );

  app.get(
    '/meldungen/:reference/fotos/:id',
    { schema: { hide: true, params: photoParamsSchema }, config: { rateLimit } },
    async (request, reply) => {
      const { reference, id } = request.params;
      const photo = await getPublicPhoto(deps, m.id, reference, id);
      // The bytes of a photo never change, but its approval may be withdrawn: caches (browsers and shared ones)
      // may keep it, yet must ask each time before they show it (a cheap 304 while it stays approved, a 404 at
      // once when withdrawn).
      const etag = `"p${photo.id}-${photo.byte_size}"`;
      reply.header('cache-control', 'public, no-cache').header('etag', etag);
      if (request.headers['if-none-match'] === etag) return reply.status(304).send();
      return reply.type(photo.content_type).header('content-length', photo.data.length).send(photo.data);
    },
  );
}
