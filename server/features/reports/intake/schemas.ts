import { type Static, Type as T } from '@sinclair/typebox';
import { problemSchema } from '../../addresses/schemas.js';
import { openStatuses, statusSchema } from '../core/statuses.js';
import { jsMethods } from './citizen-form.js';

export { problemSchema };

const lang = T.Union([T.Literal('de'), T.Literal('en')], { description: 'language of names and labels' });

export const categoriesQuerySchema = T.Object({ lang: T.Optional(lang) }, { additionalProperties: false });

const questionDto = T.Object({
  code: T.String(),
  datatype: T.String({ description: 'string, number, datetime, text, singlevaluelist or multivaluelist' }),
  required: T.Boolean(),
  label: T.String(),
  hint: T.Optional(T.String()),
  values: T.Optional(T.Array(T.Object({ key: T.String(), name: T.String() }))),
});

const categoryLeaf = T.Object({
  code: T.String({ description: 'stable code; also the Open311 service_code' }),
  name: T.String(),
  description: T.Optional(T.String()),
  questions: T.Array(questionDto),
  targetWorkingDays: T.Integer(),
});

export const categoryTreeSchema = T.Object({
  items: T.Array(
    T.Object({
      code: T.String(),
      name: T.String(),
      description: T.Optional(T.String()),
      questions: T.Array(questionDto, { description: 'empty for groups' }),
      targetWorkingDays: T.Integer(),
      children: T.Array(categoryLeaf, { description: 'the selectable categories of a group; empty for a leaf' }),
    }),
  ),
});

export const challengeSchema = T.Object(
  {
    algorithm: T.String(),
    challenge: T.String(),
    maxnumber: T.Optional(T.Integer()),
    salt: T.String(),
    signature: T.String(),
  },
  { description: 'ALTCHA challenge (hash-based proof of work); valid for 24 hours, each solution is accepted once' },
);

export const nearbyQuerySchema = T.Object(
  {
    category: T.String({ minLength: 1, maxLength: 63 }),
    lat: T.Number({ minimum: -90, maximum: 90 }),
    lon: T.Number({ minimum: -180, maximum: 180 }),
    radius: T.Integer({ minimum: 10, maximum: 1000, default: 250, description: 'metres' }),
  },
  { additionalProperties: false },
);

export const frequentQuerySchema = T.Object(
  {
    lat: T.Number({ minimum: -90, maximum: 90 }),
    lon: T.Number({ minimum: -180, maximum: 180 }),
  },
  { additionalProperties: false },
);

export const frequentListSchema = T.Object({
  items: T.Array(
    T.Object({
      category: T.String({ description: 'category code' }),
      count: T.Integer({ description: 'public reports of the category within about 500 m' }),
    }),
  ),
});

export const nearbyListSchema = T.Object({
  items: T.Array(
    T.Object({
      reference: T.String(),
      status: statusSchema(openStatuses),
      category: T.String(),
      lat: T.Number({ description: 'rounded to 4 decimals (~10 m), as on every public view' }),
      lon: T.Number({ description: 'rounded to 4 decimals (~10 m), as on every public view' }),
      distanceMetres: T.Integer({ description: 'from the rounded coordinates' }),
      street: T.Unsafe<string | null>({ type: 'string', nullable: true, description: 'street only, no house number' }),
      description: T.Unsafe<string | null>({
        type: 'string',
        nullable: true,
        description: 'the moderated public text; null until approved',
      }),
      supporterCount: T.Integer(),
      createdAt: T.String({ format: 'date-time' }),
    }),
  ),
});

export const landmarkQuerySchema = T.Object(
  {
    q: T.String({ minLength: 2, maxLength: 200, description: 'e.g. "kesselbrink", "tierpark"' }),
    limit: T.Integer({ minimum: 1, maximum: 50, default: 10 }),
  },
  { additionalProperties: false },
);

export const landmarkListSchema = T.Object({
  items: T.Array(T.Object({ name: T.String(), kind: T.String(), lat: T.Number(), lon: T.Number() })),
});

/** The multipart form of POST /api/reports (fields; photos as up to three file parts named "photos"). */
export const submitBodySchema = T.Object(
  {
    category: T.String({ minLength: 1, maxLength: 63, description: 'category code' }),
    description: T.String({ maxLength: 20000, description: '1 to 4,000 characters' }),
    answers: T.Optional(
      T.Record(T.String(), T.Union([T.String(), T.Array(T.String())]), {
        description: 'answers to the category questions, sent as fields "answers[code]"',
      }),
    ),
    locationMethod: T.Union(
      jsMethods.map((m) => T.Literal(m)),
      { description: 'how the location is given: map/gps/coordinates need lat+lon' },
    ),
    lat: T.Optional(T.Number({ minimum: -90, maximum: 90 })),
    lon: T.Optional(T.Number({ minimum: -180, maximum: 180 })),
    addressId: T.Optional(T.Integer({ minimum: 1 })),
    addressText: T.Optional(T.String({ maxLength: 300 })),
    landmark: T.Optional(T.String({ maxLength: 1000 })),
    name: T.Optional(T.String({ maxLength: 1000 })),
    email: T.Optional(T.String({ maxLength: 1000 })),
    phone: T.Optional(T.String({ maxLength: 1000 })),
    notifyEmail: T.Boolean({ default: false, description: 'status updates by e-mail (needs email)' }),
    consent: T.Boolean({ default: false, description: 'required when any contact data is given' }),
    language: T.Union([T.Literal('de'), T.Literal('en')], { default: 'de' }),
    source: T.Union([T.Literal('web'), T.Literal('app')], {
      default: 'app',
      description: 'app: proof of work and Idempotency-Key required',
    }),
    altcha: T.Optional(T.String({ maxLength: 4000, description: 'solved ALTCHA payload (base64 JSON)' })),
    website: T.Optional(T.String({ maxLength: 1000, description: 'honeypot: must stay empty' })),
    photos: T.Optional(
      T.Array(T.Unsafe<unknown>({ type: 'string', format: 'binary' }), {
        maxItems: 3,
        description: 'up to 3 photos (JPEG, PNG, WebP), each at most the configured size',
      }),
    ),
  },
  { additionalProperties: false },
);
export type SubmitBody = Static<typeof submitBodySchema>;

export const submitHeadersSchema = T.Object({
  'idempotency-key': T.Optional(
    T.String({ minLength: 8, maxLength: 128, description: 'a replay with the same key returns the first answer' }),
  ),
});

export const submittedSchema = T.Object({
  reference: T.String({ description: 'e.g. BI-2026-000123' }),
  status: T.String(),
  statusToken: T.String({ description: 'secret token of the private status link' }),
  statusUrl: T.String({ format: 'uri' }),
  emailConfirmation: T.Optional(
    T.Union([T.Literal('none'), T.Literal('confirmed'), T.Literal('pending')], {
      description:
        'mails to the reporter: none asked for; confirmed (solved ALTCHA: the receipt follows); pending (the ' +
        'address gets a confirmation link first, and no other mail until it is used)',
    }),
  ),
});

export const referenceParamsSchema = T.Object({ reference: T.String({ pattern: '^[A-Z]{1,4}-[0-9]{4}-[0-9]{6,}$' }) });

export const supporterBodySchema = T.Object(
  {
    email: T.Optional(T.String({ maxLength: 1000 })),
    notifyEmail: T.Boolean({ default: false }),
    language: T.Union([T.Literal('de'), T.Literal('en')], { default: 'de' }),
    altcha: T.String({ minLength: 1, maxLength: 4000, description: 'solved ALTCHA payload (base64 JSON)' }),
  },
  { additionalProperties: false },
);

export const supporterResultSchema = T.Object({
  supporterCount: T.Integer(),
  alreadySupporting: T.Boolean({
    description: 'true when this address supported (or reported) the report before: nothing was added (idempotent)',
  }),
});
