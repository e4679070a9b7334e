import multipart from '@fastify/multipart';
import type { FastifyError, FastifyRequest } from 'fastify';
import type { App, Deps } from '../../../platform/deps.js';
import { AppError, toAppError, translateFieldErrors } from '../../../platform/errors.js';
import { i18nFor, type Language, negotiateLanguage } from '../../../platform/i18n.js';
import { reportCategoriesCacheTag } from '../core/cache.js';
import { buildCategoryTree, type Category, type CategoryNode, listCategories } from '../core/categories.js';
import { searchLandmarks } from '../core/landmarks.js';
import { maxPhotos } from '../core/photos.js';
import { createAltchaChallenge } from './altcha.js';
import { categoryFrequencyNear, findNearbyOpenReports } from './nearby.js';
import {
  categoriesQuerySchema,
  categoryTreeSchema,
  challengeSchema,
  frequentListSchema,
  frequentQuerySchema,
  landmarkListSchema,
  landmarkQuerySchema,
  nearbyListSchema,
  nearbyQuerySchema,
  problemSchema,
  referenceParamsSchema,
  submitBodySchema,
  submitHeadersSchema,
  submittedSchema,
  supporterBodySchema,
  supporterResultSchema,
} from './schemas.js';
import { submitReport } from './submit-service.js';
import { addSupporter } from './supporters.js';

declare module 'fastify' {
  interface FastifyRequest {
    reportPhotos?: { data: Buffer; filename?: string }[];
  }
}

const problems = { 400: problemSchema, 429: problemSchema };

/** A string field of a parsed query or body whose schema this code does not know (any request of the scope). */
function stringField(source: unknown, name: string): string | undefined {
  const value: unknown = source && typeof source === 'object' ? Reflect.get(source, name) : undefined;
  return typeof value === 'string' ? value : undefined;
}

/** The language asked for (a body's `language`, else `?lang=`), else Accept-Language, else the default. */
function requestLanguage(deps: Deps, request: FastifyRequest, explicit?: string): Language {
  const m = deps.config.municipality;
  const asked = explicit ?? stringField(request.query, 'lang');
  return negotiateLanguage(m.languages, m.defaultLanguage, asked, undefined, request.headers['accept-language']);
}

/** Multipart limits as one clear answer: too large (413 with the limit), too many files. */
function multipartError(err: FastifyError, deps: Deps, lang: Language): AppError | undefined {
  const { t } = i18nFor(lang, deps.config.municipality.timeZone);
  if (err.code === 'FST_REQ_FILE_TOO_LARGE') {
    const mb = Math.round((deps.config.reports.photoMaxBytes / 1024 / 1024) * 10) / 10;
    const message = t('reports-core.problems.photo_too_large', {
      mb: String(mb).replace('.', lang === 'de' ? ',' : '.'),
    });
    return new AppError('payload_too_large', message, { photos: message });
  }
  if (err.code === 'FST_FILES_LIMIT') {
    const message = t('reports-core.problems.too_many_files');
    return new AppError('payload_too_large', message, { photos: message });
  }
  if (err.code === 'FST_PARTS_LIMIT' || err.code === 'FST_FIELDS_LIMIT') {
    return new AppError('payload_too_large', 'Too many form fields');
  }
  return undefined;
}

/** Reads the multipart form: fields into request.body ("answers[code]" into answers), files into reportPhotos. */
async function readMultipart(request: FastifyRequest): Promise<void> {
  if (!request.isMultipart()) return;
  const body: Record<string, unknown> = {};
  const answers: Record<string, string | string[]> = {};
  const photos: { data: Buffer; filename?: string }[] = [];
  for await (const part of request.parts()) {
    if (part.type === 'file') {
      const data = await part.toBuffer();
      // A file input left empty arrives as a nameless part without bytes.
      if (data.length > 0 || part.filename) photos.push({ data, filename: part.filename });
      continue;
    }
    const value = String(part.value ?? '');
    const answer = /^answers\[([^\]]{1,63})\]$/.exec(part.fieldname) ?? /^answers\.(.{1,63})$/.exec(part.fieldname);
    if (answer?.[1]) {
      const code = answer[1];
      const prev = answers[code];
      answers[code] = prev === undefined ? value : [...(Array.isArray(prev) ? prev : [prev]), value];
    } else if (value !== '' || part.fieldname === 'description') {
      body[part.fieldname] = value;
    }
  }
  if (Object.keys(answers).length > 0) body.answers = answers;
  request.body = body;
  request.reportPhotos = photos;
}

function presentQuestion(q: Category['questions'][number], lang: Language) {
  return {
    code: q.code,
    datatype: q.datatype,
    required: q.required,
    label: q.label[lang],
    ...(q.hint ? { hint: q.hint[lang] } : {}),
    ...(q.values ? { values: q.values.map((v) => ({ key: v.key, name: v.name[lang] })) } : {}),
  };
}

function presentNode(c: CategoryNode, lang: Language) {
  const description = c.description[lang];
  return {
    code: c.code,
    name: c.name[lang],
    ...(description ? { description } : {}),
    questions: c.questions.map((q) => presentQuestion(q, lang)),
    targetWorkingDays: c.targetWorkingDays,
  };
}

/**
 * JSON API of the Mängelmelder core: categories, proof-of-work challenge, nearby open reports, landmark search,
 * submitting a report (multipart, idempotent) and supporting one. Multipart parsing lives in this scope only.
 */
export default async function reportRoutes(app: App, deps: Deps): Promise<void> {
  const m = deps.config.municipality;
  const writes = { rateLimit: { max: deps.config.rateLimit.publicWritesPerMinute, timeWindow: '1 minute' } };
  const reads = { rateLimit: { max: deps.config.rateLimit.apiPerMinute, timeWindow: '1 minute' } };

  await app.register(async (scope: App) => {
    await scope.register(multipart, {
      limits: {
        files: maxPhotos,
        fileSize: deps.config.reports.photoMaxBytes,
        fields: 60,
        fieldSize: 64 * 1024,
        parts: 70,
      },
    });
    // Translate field keys for API clients; the parent handler answers (problem+json) and logs.
    scope.setErrorHandler((error, request) => {
      const lang = requestLanguage(deps, request, stringField(request.body, 'language'));
      const err = multipartError(error as FastifyError, deps, lang) ?? toAppError(error);
      const { t } = i18nFor(lang, m.timeZone);
      const title = err.code === 'validation_failed' ? t('reports-core.problems.invalid') : err.message;
      throw translateFieldErrors(err, t, 'reports-core.', title);
    });

    scope.get(
      '/api/reports/categories',
      {
        config: { responseCache: { ttlSeconds: 60, tag: reportCategoriesCacheTag }, ...reads },
        schema: {
          tags: ['reports'],
          summary: 'Report categories as a tree, with their extra questions',
          querystring: categoriesQuerySchema,
          response: { 200: categoryTreeSchema, ...problems },
        },
      },
      async (request) => {
        const lang = requestLanguage(deps, request);
        const tree = buildCategoryTree(await listCategories(deps, m.id));
        return {
          items: tree.map((node) => ({
            ...presentNode(node, lang),
            children: node.children.map((c) => presentNode(c, lang)),
          })),
        };
      },
    );

    scope.get(
      '/api/reports/challenge',
      {
        config: reads,
        schema: {
          tags: ['reports'],
          summary: 'A proof-of-work challenge (ALTCHA) for submitting a report',
          response: { 200: challengeSchema, 429: problemSchema },
        },
      },
      async (_request, reply) => {
        reply.header('cache-control', 'no-store');
        return createAltchaChallenge(deps);
      },
    );

    scope.get(
      '/api/reports/nearby',
      {
        config: reads,
        schema: {
          tags: ['reports'],
          summary: 'Open reports of a category near a point (duplicates)',
          description:
            'Before submitting, offer these as "this is my concern too" (POST …/supporters). Public reports only, ' +
            'as every public view shows them: coordinates rounded to about 10 m, the street without house number.',
          querystring: nearbyQuerySchema,
          response: { 200: nearbyListSchema, ...problems },
        },
      },
      async (request) => {
        const q = request.query;
        const items = await findNearbyOpenReports(deps, m.id, q.category, q.lat, q.lon, q.radius);
        return {
          items: items.map(({ categoryCode, createdAt, ...r }) => ({
            ...r,
            category: categoryCode,
            createdAt: createdAt.toISOString(),
          })),
        };
      },
    );

    scope.get(
      '/api/reports/frequent-categories',
      {
        config: reads,
        schema: {
          tags: ['reports'],
          summary: 'Categories most reported near a point (the report form offers them first)',
          description: 'Public reports of any status within about 500 m, counted per category, most first.',
          querystring: frequentQuerySchema,
          response: { 200: frequentListSchema, ...problems },
        },
      },
      async (request) => {
        const { lat, lon } = request.query;
        const counts = await categoryFrequencyNear(deps, m.id, lat, lon);
        const codes = new Map((await listCategories(deps, m.id)).map((c) => [c.id, c.code]));
        return {
          items: [...counts].flatMap(([id, count]) => {
            const category = codes.get(id);
            return category ? [{ category, count }] : [];
          }),
        };
      },
    );

    scope.get(
      '/api/landmarks',
      {
        config: { responseCache: { ttlSeconds: 60, tag: reportCategoriesCacheTag }, ...reads },
        schema: {
          tags: ['reports'],
          summary: 'Search well-known places (landmarks) for locating a report',
          querystring: landmarkQuerySchema,
          response: { 200: landmarkListSchema, ...problems },
        },
      },
      async (request) => {
        const { q, limit } = request.query;
        const rows = await searchLandmarks(deps, m.id, q, limit);
        return { items: rows.map((l) => ({ name: l.name, kind: l.kind, lat: l.lat, lon: l.lon })) };
      },
    );

    scope.post(
      '/api/reports',
      {
        config: writes,
        bodyLimit: deps.config.bodyLimitBytes + maxPhotos * deps.config.reports.photoMaxBytes,
        preValidation: async (request) => readMultipart(request),
        schema: {
          tags: ['reports'],
          summary: 'Submit a defect report (multipart/form-data, up to 3 photos)',
          description:
            'Fields as listed; answers to extra questions as "answers[code]"; photos as file parts named "photos". ' +
            'Apps send an Idempotency-Key header (a replay returns the first answer) and a solved ALTCHA ' +
            'challenge (GET /api/reports/challenge). Field errors are translated by Accept-Language or "language". ' +
            'Mails go only to confirmed addresses: with a solved ALTCHA the address counts as confirmed and the ' +
            'receipt follows; without it the address first gets one confirmation mail (emailConfirmation "pending").',
          consumes: ['multipart/form-data'],
          headers: submitHeadersSchema,
          body: submitBodySchema,
          response: { 201: submittedSchema, 409: problemSchema, 413: problemSchema, ...problems },
        },
      },
      async (request, reply) => {
        const b = request.body;
        const key = request.headers['idempotency-key'];
        if (b.source === 'app' && !key) {
          throw new AppError('validation_failed', 'Idempotency-Key missing', {
            idempotencyKey: 'reports-core.errors.idempotency_key_required',
          });
        }
        const r = await submitReport(
          deps,
          m.id,
          {
            categoryCode: b.category,
            description: b.description,
            answers: b.answers ?? {},
            location: {
              method: b.locationMethod,
              ...(b.lat !== undefined ? { lat: b.lat } : {}),
              ...(b.lon !== undefined ? { lon: b.lon } : {}),
              ...(b.addressId !== undefined ? { addressId: b.addressId } : {}),
              ...(b.addressText !== undefined ? { addressText: b.addressText } : {}),
              ...(b.landmark !== undefined ? { landmark: b.landmark } : {}),
            },
            photos: request.reportPhotos ?? [],
            contact: { name: b.name, email: b.email, phone: b.phone, notifyEmail: b.notifyEmail, consent: b.consent },
            language: b.language,
            source: b.source,
            ...(b.altcha !== undefined ? { proofOfWork: b.altcha } : {}),
            ...(b.website !== undefined ? { honeypot: b.website } : {}),
          },
          key ? { idempotencyKey: key } : {},
        );
        return reply.status(201).send({
          reference: r.reference,
          status: r.status,
          statusToken: r.statusToken,
          statusUrl: `${deps.config.publicUrl}${r.statusPath}`,
          emailConfirmation: r.emailConfirmation,
        });
      },
    );

    scope.post(
      '/api/reports/:reference/supporters',
      {
        config: writes,
        schema: {
          tags: ['reports'],
          summary: '"This is my concern too": support an open report instead of filing a duplicate',
          description:
            'One supporter per e-mail address (compared lower-case, trimmed) and report: sending the same address ' +
            'again answers 200 with the unchanged count and alreadySupporting = true, and no further mail follows.',
          params: referenceParamsSchema,
          body: supporterBodySchema,
          response: { 200: supporterResultSchema, 404: problemSchema, 409: problemSchema, ...problems },
        },
      },
      async (request) => {
        const { reference } = request.params;
        const b = request.body;
        return addSupporter(deps, m.id, reference, {
          ...(b.email !== undefined ? { email: b.email } : {}),
          notifyEmail: b.notifyEmail,
          language: b.language,
          proofOfWork: b.altcha,
        });
      },
    );
  });
}
