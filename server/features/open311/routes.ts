import formbody from '@fastify/formbody';
import { Type as T } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { App, Deps } from '../../platform/deps.js';
import { registerResponseCache } from '../../platform/http/response-cache.js';
import { registerCompression } from '../../platform/http/security.js';
import { type I18n, i18nFor, type Language, negotiateLanguage } from '../../platform/i18n.js';
import { reportCategoriesCacheTag, reportsCacheTag } from '../reports/core/cache.js';
import { createServiceRequest } from './create.js';
import { discovery } from './discovery.js';
import { keyedRateLimit } from './limits.js';
import { type RawParams, rawParams } from './params.js';
import { type Format, installErrorHandlers, isFormat, send, unknownFormat } from './reply.js';
import {
  createBodySchema,
  createdListSchema,
  discoverySchema,
  errorListSchema,
  plainQuerySchema,
  requestListSchema,
  requestQuerySchema,
  requestsQuerySchema,
  serviceDefinitionSchema,
  serviceListSchema,
} from './schemas.js';
import {
  checkJurisdiction,
  getServiceDefinition,
  getServiceRequest,
  getToken,
  listServiceRequests,
  listServices,
  type Open311Context,
} from './service.js';

/** The format an extension names; a GeoReport 404 for any other. */
function formatOf(format: string): Format {
  if (!isFormat(format)) throw unknownFormat(format);
  return format;
}

const minuteOf = (date: Date) => Math.floor(date.getTime() / 60_000);

/** Checks the extension and the jurisdiction; returns the format. */
function prepare(deps: Deps, request: { params: { format: string }; query: RawParams }): Format {
  const format = formatOf(request.params.format);
  checkJurisdiction(deps, request.query);
  return format;
}

const formatParams = T.Object({ format: T.String() });

const doc = <E extends object>(summary: string, description: string, extra: E) => ({
  tags: ['open311'],
  summary,
  description,
  ...extra,
});

const answers = (schema: unknown, root: string) => ({
  200: {
    description: `JSON, or XML with the root element <${root}> (by the extension)`,
    content: { 'application/json': { schema }, 'text/xml': { schema: { type: 'string' } } },
  },
  '4xx': {
    description: 'GeoReport errors: 400 invalid argument, 403 api_key, 404 not found (root element <errors>)',
    content: { 'application/json': { schema: errorListSchema }, 'text/xml': { schema: { type: 'string' } } },
  },
});

/**
 * The Open311 GeoReport v2 server under /open311: discovery, services, service definitions, POST and GET requests,
 * tokens. JSON or XML by extension; errors as the specification's list of {code, description}. Its own scope:
 * no cookies, no page pipeline, compressed answers (a thousand requests are large), CORS for public reads.
 */
export async function registerOpen311(app: FastifyInstance, deps: Deps): Promise<void> {
  await app.register(async (scope: App) => open311Scope(scope, deps), { prefix: '/open311' });
}

async function open311Scope(app: App, deps: Deps): Promise<void> {
  const m = deps.config.municipality;
  const translators = new Map<Language, I18n>();
  const i18nOf = (request: FastifyRequest): I18n => {
    const locale = rawParams(request.query).locale;
    const lang = negotiateLanguage(
      m.languages as Language[],
      m.defaultLanguage as Language,
      (Array.isArray(locale) ? locale[0] : locale)?.slice(0, 2).toLowerCase(),
      undefined,
      request.headers['accept-language'],
    );
    const known = translators.get(lang);
    if (known) return known;
    const i18n = i18nFor(lang, m.timeZone);
    translators.set(lang, i18n);
    return i18n;
  };
  const context = (request: FastifyRequest, reply: FastifyReply): Open311Context => {
    const i18n = i18nOf(request);
    reply.header('content-language', i18n.lang).header('vary', 'Accept-Language');
    return { lang: i18n.lang, t: i18n.t as Open311Context['t'] };
  };

  await registerCompression(app);
  // GeoReport v2 posts forms only; JSON or multipart bodies are refused as unsupported.
  app.removeAllContentTypeParsers();
  await app.register(formbody, { bodyLimit: deps.config.bodyLimitBytes });
  // Public open data: any web page may read it (no cookies are involved anywhere in this scope).
  app.addHook('onRequest', (request, reply, done) => {
    if (request.method === 'GET' || request.method === 'HEAD') reply.header('access-control-allow-origin', '*');
    done();
  });
  // Aggregators poll the lists: answers are cached per URL and language until a report (or category) changes.
  registerResponseCache(app);

  installErrorHandlers(app, i18nOf);

  const rateLimit = { max: deps.config.rateLimit.apiPerMinute, timeWindow: '1 minute' };
  const read = { config: { rateLimit } };
  const cached = (tag: string, vary: (request: FastifyRequest) => string) => ({
    config: { rateLimit, responseCache: { ttlSeconds: 30, tag, vary } },
  });
  const services = cached(reportCategoriesCacheTag, (request) => i18nOf(request).lang);
  // The default window (the last 90 days) moves with the clock: a new key each minute.
  const requests = cached(reportsCacheTag(m.id), (request) => `${i18nOf(request).lang} ${minuteOf(deps.now())}`);

  app.get(
    '/discovery.:format',
    {
      ...read,
      schema: doc(
        'Service discovery',
        'The Open311 discovery document: contact, how to get an API key, and the GeoReport v2 endpoint.',
        { params: formatParams, querystring: plainQuerySchema, response: answers(discoverySchema, 'discovery') },
      ),
    },
    async (request, reply) => {
      return send(reply, formatOf(request.params.format), 'discovery', await discovery(deps, context(request, reply)));
    },
  );

  app.get(
    '/v2/services.:format',
    {
      ...services,
      schema: doc('GET Service List', 'Every category a defect can be reported under, with its group.', {
        params: formatParams,
        querystring: plainQuerySchema,
        response: answers(serviceListSchema, 'services'),
      }),
    },
    async (request, reply) => {
      const format = prepare(deps, request);
      return send(reply, format, 'services', await listServices(deps, context(request, reply)));
    },
  );

  app.get(
    '/v2/services/:code.:format',
    {
      ...services,
      schema: doc('GET Service Definition', "The category's extra questions as attributes.", {
        params: T.Object({ code: T.String(), format: T.String() }),
        querystring: plainQuerySchema,
        response: answers(serviceDefinitionSchema, 'service_definition'),
      }),
    },
    async (request, reply) => {
      const format = prepare(deps, request);
      const { code } = request.params;
      const definition = await getServiceDefinition(deps, context(request, reply), code);
      return send(reply, format, 'service_definition', definition);
    },
  );

  app.post(
    '/v2/requests.:format',
    {
      config: { rateLimit: keyedRateLimit(deps) },
      schema: doc(
        'POST Service Request',
        'Creates a report (application/x-www-form-urlencoded, api_key required). Answers the service_request_id ' +
          'at once (every service is realtime; no tokens). media_url is accepted but never fetched.',
        {
          consumes: ['application/x-www-form-urlencoded'],
          params: formatParams,
          body: createBodySchema,
          response: answers(createdListSchema, 'service_requests'),
        },
      ),
    },
    async (request, reply) => {
      const format = formatOf(request.params.format);
      const body = rawParams(request.body);
      checkJurisdiction(deps, body);
      const created = await createServiceRequest(deps, context(request, reply), body);
      return send(reply, format, 'service_requests', created);
    },
  );

  app.get(
    '/v2/requests.:format',
    {
      ...requests,
      schema: doc(
        'GET Service Requests',
        'Public requests, newest first: by default those of the last 90 days, at most 1,000. No personal data. ' +
          'Extensions: extensions=true (detailed status, public history, district, supporters), page/page_size, ' +
          'updated_after/updated_before, bbox.',
        {
          params: formatParams,
          querystring: requestsQuerySchema,
          response: answers(requestListSchema, 'service_requests'),
        },
      ),
    },
    async (request, reply) => {
      const format = prepare(deps, request);
      const requests = await listServiceRequests(deps, context(request, reply), request.query);
      return send(reply, format, 'service_requests', requests);
    },
  );

  app.get(
    '/v2/requests/:id.:format',
    {
      ...requests,
      schema: doc('GET Service Request', 'One public request (an array with one item).', {
        params: T.Object({ id: T.String(), format: T.String() }),
        querystring: requestQuerySchema,
        response: answers(requestListSchema, 'service_requests'),
      }),
    },
    async (request, reply) => {
      const format = prepare(deps, request);
      const { id } = request.params;
      const found = await getServiceRequest(deps, context(request, reply), id, request.query);
      return send(reply, format, 'service_requests', found);
    },
  );

  app.get(
    '/v2/tokens/:token.:format',
    {
      ...read,
      schema: doc(
        'GET service_request_id from a token',
        'Every service is realtime, so no token is ever issued: each token is answered 404.',
        {
          params: T.Object({ token: T.String(), format: T.String() }),
          querystring: plainQuerySchema,
          response: answers(createdListSchema, 'service_requests'),
        },
      ),
    },
    async (request) => {
      prepare(deps, request);
      return getToken(request.params.token);
    },
  );
}
