import type { App, Deps } from '../../platform/deps.js';
import { addressesCacheTag } from './cache.js';
import { presentAddress, presentDistricts, presentNearest } from './present.js';
import {
  addressIdParamsSchema,
  addressListSchema,
  addressSchema,
  addressSearchQuerySchema,
  districtCollectionSchema,
  nearestAddressSchema,
  problemSchema,
  reverseQuerySchema,
} from './schemas.js';
import { findNearestAddress, getAddress, listDistricts, searchAddressesByText } from './service.js';

const problems = { 400: problemSchema };

/** JSON API of the address register: search, reverse lookup, one address, the districts as GeoJSON. */
/** The register changes only by import, which invalidates these answers. */
const responseCache = { ttlSeconds: 60, tag: addressesCacheTag };

export default async function addressRoutes(app: App, deps: Deps): Promise<void> {
  const municipality = deps.config.municipality;

  app.get(
    '/api/addresses',
    {
      config: { responseCache },
      schema: {
        tags: ['addresses'],
        summary: 'Search addresses',
        description:
          'Forgiving search: "herforder str 22" finds "Herforder Straße 22"; umlauts and ß either way; typos; ' +
          'prefixes while typing. The typed house number comes first, then nearby numbers.',
        querystring: addressSearchQuerySchema,
        response: { 200: addressListSchema, ...problems },
      },
    },
    async (request) => {
      const { q, limit } = request.query;
      const rows = await searchAddressesByText(deps, municipality.id, q, limit);
      return { items: rows.map(presentAddress) };
    },
  );

  app.get(
    '/api/addresses/reverse',
    {
      config: { responseCache },
      schema: {
        tags: ['addresses'],
        summary: 'Nearest address to a point',
        description: 'A point outside the municipality is answered with 400 (validation_failed).',
        querystring: reverseQuerySchema,
        response: { 200: nearestAddressSchema, 404: problemSchema, ...problems },
      },
    },
    async (request) => {
      const { lat, lon } = request.query;
      return presentNearest(await findNearestAddress(deps, municipality, lat, lon));
    },
  );

  app.get(
    '/api/addresses/:id',
    {
      config: { responseCache },
      schema: {
        tags: ['addresses'],
        summary: 'One address',
        params: addressIdParamsSchema,
        response: { 200: addressSchema, 404: problemSchema, ...problems },
      },
    },
    async (request) => {
      const { id } = request.params;
      return presentAddress(await getAddress(deps.db, municipality.id, id));
    },
  );

  app.get(
    '/api/districts',
    {
      config: { responseCache },
      schema: {
        tags: ['addresses'],
        summary: 'Districts (Stadtbezirke) as GeoJSON',
        response: {
          200: {
            description: 'GeoJSON FeatureCollection',
            content: { 'application/geo+json': { schema: districtCollectionSchema } },
          },
          429: problemSchema,
        },
      },
    },
    async (_request, reply) => {
      const body = presentDistricts(await listDistricts(deps, municipality.id));
      return reply.type('application/geo+json; charset=utf-8').send(body);
    },
  );
}
