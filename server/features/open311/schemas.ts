import { Type as T, type TSchema } from '@sinclair/typebox';
import { reportStatuses, statusSchema } from '../reports/core/statuses.js';

/**
 * GeoReport v2 answers as schemas: they document the routes in OpenAPI and the tests check every JSON answer
 * against them (the same rules as the Open311 schema validator: required fields, types, enums, null for empty).
 */

const nullable = <S extends TSchema>(s: S) => T.Union([s, T.Null()]);
const dateTime = T.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(Z|[+-]\\d{2}:\\d{2})$',
  description: 'W3C datetime with offset, e.g. 2026-05-04T14:03:09+02:00',
});

export const serviceSchema = T.Object(
  {
    service_code: T.String({ description: 'the category code' }),
    service_name: T.String(),
    description: nullable(T.String()),
    metadata: T.Boolean({ description: 'true: the category has extra questions (GET its definition)' }),
    type: T.Literal('realtime'),
    keywords: nullable(T.String({ description: 'comma separated' })),
    group: nullable(T.String({ description: 'the name of the category group' })),
  },
  { additionalProperties: false },
);

export const serviceListSchema = T.Array(serviceSchema);

export const attributeSchema = T.Object(
  {
    variable: T.Literal(true),
    code: T.String(),
    datatype: T.Union(
      ['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist'].map((d) => T.Literal(d)),
    ),
    required: T.Boolean(),
    datatype_description: nullable(T.String()),
    order: T.Integer({ minimum: 1 }),
    description: T.String(),
    values: T.Optional(T.Array(T.Object({ key: T.String(), name: T.String() }, { additionalProperties: false }))),
  },
  { additionalProperties: false },
);

export const serviceDefinitionSchema = T.Object(
  { service_code: T.String(), attributes: T.Array(attributeSchema) },
  { additionalProperties: false },
);

const extendedAttributesSchema = T.Object(
  {
    detailed_status: statusSchema(reportStatuses),
    status_history: T.Array(
      T.Object({ status: T.String(), note: nullable(T.String()), datetime: dateTime }, { additionalProperties: false }),
    ),
    district: nullable(T.String()),
    supporters: T.Integer({ minimum: 0 }),
  },
  { additionalProperties: false, description: 'only with extensions=true' },
);

export const requestSchema = T.Object(
  {
    service_request_id: T.String({ description: 'the report reference, e.g. BI-2026-000123' }),
    status: T.Union([T.Literal('open'), T.Literal('closed')]),
    status_notes: nullable(T.String({ description: 'the latest public note' })),
    service_name: T.String(),
    service_code: T.String(),
    description: nullable(T.String({ maxLength: 4000, description: 'the public (moderated) text' })),
    agency_responsible: nullable(T.String({ description: 'the department (or the external body) in charge' })),
    service_notice: nullable(T.String()),
    requested_datetime: dateTime,
    updated_datetime: dateTime,
    expected_datetime: nullable(dateTime),
    address: nullable(T.String({ description: 'street level only: "Herforder Straße, 33602 Bielefeld"' })),
    address_id: T.Null({ description: 'never given (the house could point at the reporter)' }),
    zipcode: nullable(T.String()),
    lat: T.Number({ description: 'WGS84, rounded to 4 decimals' }),
    long: T.Number({ description: 'WGS84, rounded to 4 decimals' }),
    media_url: nullable(T.String({ description: 'the first approved photo' })),
    extended_attributes: T.Optional(extendedAttributesSchema),
  },
  { additionalProperties: false },
);

export const requestListSchema = T.Array(requestSchema);

export const createdListSchema = T.Array(
  T.Object(
    { service_request_id: T.String(), service_notice: nullable(T.String()), account_id: T.Null() },
    { additionalProperties: false },
  ),
);

export const errorListSchema = T.Array(
  T.Object(
    {
      code: T.Integer({ description: 'the HTTP status' }),
      description: T.String({ description: 'for people; names the parameter first, e.g. "lat: …"' }),
    },
    { additionalProperties: false },
  ),
);

export const discoverySchema = T.Object(
  {
    changeset: T.String(),
    contact: T.String(),
    key_service: T.String(),
    endpoints: T.Array(
      T.Object(
        {
          specification: T.Literal('http://wiki.open311.org/GeoReport_v2'),
          url: T.String(),
          changeset: T.String(),
          type: T.Union([T.Literal('production'), T.Literal('test')]),
          formats: T.Array(T.String()),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

const text = (description?: string) =>
  T.Optional(T.Union([T.String(), T.Array(T.String())], description ? { description } : {}));

/** Arguments every GET takes (empty = not given, as the specification defines optional arguments). */
const commonQuery = {
  jurisdiction_id: text('optional: one jurisdiction per endpoint (municipality key, ARS or web domain)'),
  locale: T.Optional(T.String({ description: 'extension: de or en (default: Accept-Language, else German)' })),
};

export const plainQuerySchema = T.Object(commonQuery);

export const requestQuerySchema = T.Object({
  ...commonQuery,
  extensions: T.Optional(T.String({ description: 'extension: true adds extended_attributes' })),
});

export const requestsQuerySchema = T.Object({
  ...commonQuery,
  service_request_id: text('comma list of ids; overrides every other argument'),
  service_code: text('comma list (or repeated)'),
  start_date: T.Optional(T.String({ description: 'W3C datetime (or day); default: 90 days before end_date' })),
  end_date: T.Optional(T.String({ description: 'W3C datetime (or day); at most 90 days after start_date' })),
  status: text('open, closed or both (comma list or repeated)'),
  extensions: T.Optional(T.String({ description: 'extension: true adds extended_attributes' })),
  page: T.Optional(T.String({ description: 'extension: page number, from 1' })),
  page_size: T.Optional(T.String({ description: 'extension: 1 to 1000 (default 1000)' })),
  updated_after: T.Optional(T.String({ description: 'extension: W3C datetime; replaces the default window' })),
  updated_before: T.Optional(T.String({ description: 'extension: W3C datetime' })),
  bbox: T.Optional(T.String({ description: 'extension: minLon,minLat,maxLon,maxLat (WGS84)' })),
});

export const formatParam = T.Union([T.Literal('json'), T.Literal('xml')], {
  description: 'json or xml',
});

export const createBodySchema = T.Object(
  {
    api_key: text('the key issued to the client (required; 403 without)'),
    jurisdiction_id: text(),
    service_code: text('required'),
    lat: text('WGS84; with long, or give address_string or address_id'),
    long: text(),
    address_string: text('an address in the municipality (or, with lat/long, words for the place)'),
    address_id: text('an id of our address register'),
    email: text(),
    first_name: text(),
    last_name: text(),
    phone: text(),
    description: text('up to 4,000 characters, no HTML'),
    media_url: text('accepted but never fetched'),
    device_id: text('accepted, not stored'),
    account_id: text('accepted, not stored'),
  },
  { additionalProperties: true, description: 'plus attribute[code]=value and attribute[code][]=value for lists' },
);
