import { type Static, Type as T } from '@sinclair/typebox';
import { searchLimit } from './service.js';

export const districtRefSchema = T.Object({
  key: T.String({ description: 'stable key, e.g. "mitte"' }),
  name: T.String({ description: 'e.g. "Mitte"' }),
});

export const addressSchema = T.Object(
  {
    id: T.Integer(),
    label: T.String({ description: 'street, number and suffix as written on a letter: "Herforder Straße 22a"' }),
    street: T.String(),
    houseNumber: T.Integer(),
    suffix: T.String({ description: 'house number suffix, lower case; "" when none' }),
    postcode: T.String({ pattern: '^[0-9]{5}$' }),
    // `nullable` (OpenAPI 3.0) instead of a union: the serializer writes it directly instead of testing each
    // branch against every address, which is most of the cost of a search answer.
    district: T.Unsafe<Static<typeof districtRefSchema> | null>({
      ...districtRefSchema,
      nullable: true,
      description: 'the Stadtbezirk; null if unknown',
    }),
    lat: T.Number({ description: 'WGS84 latitude' }),
    lon: T.Number({ description: 'WGS84 longitude' }),
  },
  { description: 'an address of the register' },
);
export type AddressDto = Static<typeof addressSchema>;

export const addressSearchQuerySchema = T.Object(
  {
    q: T.String({
      minLength: 2,
      maxLength: 200,
      description: 'free text: street with or without house number, e.g. "herforder str 22"',
    }),
    limit: T.Integer({ minimum: 1, maximum: searchLimit.max, default: searchLimit.default }),
  },
  { additionalProperties: false },
);

export const addressListSchema = T.Object({ items: T.Array(addressSchema) });

export const reverseQuerySchema = T.Object(
  {
    lat: T.Number({ minimum: -90, maximum: 90, description: 'WGS84 latitude' }),
    lon: T.Number({ minimum: -180, maximum: 180, description: 'WGS84 longitude' }),
  },
  { additionalProperties: false },
);

export const nearestAddressSchema = T.Object({
  address: addressSchema,
  distanceMetres: T.Number({ description: 'straight-line distance from the point, in metres' }),
});

export const addressIdParamsSchema = T.Object({ id: T.Integer({ minimum: 1 }) });

export const districtCollectionSchema = T.Object({
  type: T.Literal('FeatureCollection'),
  features: T.Array(
    T.Object({
      type: T.Literal('Feature'),
      id: T.String(),
      properties: districtRefSchema,
      geometry: T.Object(
        { type: T.Union([T.Literal('Polygon'), T.Literal('MultiPolygon')]), coordinates: T.Array(T.Unknown()) },
        { description: 'GeoJSON geometry, WGS84 [lon, lat]' },
      ),
    }),
  ),
});

/** RFC 9457 problem details, as every API error is answered. */
export const problemSchema = T.Object(
  {
    type: T.String(),
    title: T.String(),
    status: T.Integer(),
    code: T.String(),
    instance: T.Optional(T.String()),
    errors: T.Optional(T.Array(T.Object({ field: T.String(), message: T.String() }))),
  },
  { description: 'problem details (application/problem+json)' },
);
