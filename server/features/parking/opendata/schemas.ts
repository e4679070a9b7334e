import { Type as T } from '@sinclair/typebox';

const nullable = <S extends Parameters<typeof T.Union>[0][number]>(s: S) => T.Union([s, T.Null()]);

export const lotSchema = T.Object({
  id: T.String({ description: 'the facility id the feeds use (Parkleitsystem number)' }),
  name: T.String(),
  address: T.String(),
  lot_type: T.String(),
  coords: T.Object({ lat: T.Number(), lng: T.Number() }),
  total: T.Integer(),
  free: nullable(T.Integer()),
  state: T.Union([T.Literal('open'), T.Literal('closed'), T.Literal('nodata')]),
  status: nullable(T.String()),
  trend: nullable(T.String()),
  observed_at: nullable(T.String({ format: 'date-time' })),
  forecast: T.Boolean(),
  demo: T.Boolean(),
});

export const lotsSchema = T.Object({
  last_updated: nullable(T.String({ format: 'date-time' })),
  last_downloaded: T.String({ format: 'date-time' }),
  data_source: T.String(),
  lots: T.Array(lotSchema),
});

export const featureCollectionSchema = T.Object({
  type: T.Literal('FeatureCollection'),
  features: T.Array(
    T.Object({
      type: T.Literal('Feature'),
      geometry: T.Object({ type: T.Literal('Point'), coordinates: T.Array(T.Number(), { minItems: 2, maxItems: 2 }) }),
      properties: T.Intersect([lotSchema, T.Object({ url: T.String(), title: T.String() })]),
    }),
  ),
});

export const geoQuerySchema = T.Object({
  lang: T.Optional(T.String({ maxLength: 5, description: 'de or en (marker titles)' })),
  bbox: T.Optional(T.String({ maxLength: 100, description: 'ignored: every facility is returned' })),
});

export const monthQuerySchema = T.Object({
  month: T.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: 'the month, YYYY-MM' }),
});
