import { createHash } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  type Encoding,
  type FrontCache,
  frontKey,
  hasSession,
  matchesEtag,
  pickEncoding,
  withoutContent,
} from './front-cache.js';
import './types.js';

/**
 * A short-lived cache of whole answers for hot public GET routes (address autocomplete, public report lists and
 * maps, Open311 lists, anonymous pages). A route opts in with `config: { responseCache: { ttlSeconds, tag } }`.
 * The answer is stored serialised and compressed once per encoding, so a repeat costs a map lookup and a small
 * write; every answer carries a weak ETag and `If-None-Match` is answered 304. A change of the underlying data
 * calls `invalidateResponses(tag)`; other processes see it after `ttlSeconds`.
 *
 * Never cached: answers other than 200, answers that set a cookie, answers marked personal (`markPersonal`, e.g. a
 * page that rendered a CSRF token), and requests that carry a staff or citizen session. A scope given the front
 * cache (front-cache.ts) also puts every answer it served from the cache there, when the answer depends on nothing
 * the front cannot see.
 */
export interface ResponseCacheConfig {
  ttlSeconds: number;
  /** Names the data the answers depend on, for `invalidateResponses` (include the municipality). */
  tag: string;
  /** What else than the URL the answer depends on (e.g. the negotiated language). */
  vary?: (request: FastifyRequest) => string;
  /** Cache-Control sent with the answer; default `public, max-age=<ttlSeconds>`. */
  cacheControl?: string;
  /** True for a request whose answer is this visitor's own (e.g. a cookie that changes the page): not cached. */
  bypass?: (request: FastifyRequest) => boolean;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    responseCache?: ResponseCacheConfig;
  }
}

interface Entry {
  body: Buffer;
  /** Every header of the answer, built once. */
  headers: Record<string, string>;
  etag: string;
  expires: number;
  generation: number;
  /** The keys under which the front holds this answer (dropped with it). */
  frontKeys: string[];
}

const generations = new Map<string, number>();
// Per scope: a page is tens of kilobytes, so the budget is in bytes, not entries.
const maxBytes = 16 * 1024 * 1024;
// Headers a route sets that belong to the answer itself (not to one client, as rate-limit counters do).
const keptHeaders = ['content-type', 'content-language', 'access-control-allow-origin'];
// Headers of a sent answer that the front does not replay: Node writes them per connection, or the length is set
// from the body.
const perConnection = new Set(['content-length', 'date', 'connection', 'keep-alive', 'transfer-encoding']);
// Headers that make an answer this client's own: such an answer is never put in front.
const perClient = /^(set-cookie|retry-after|x-ratelimit-|ratelimit)/;

/** The page language, the only thing besides the URL that a page's cached answer varies by. */
const languageVary = (request: FastifyRequest) => request.i18n.lang;

/**
 * A page that every anonymous visitor sees alike, rendered once per URL and language (the page scope's request
 * context has negotiated it by then). Browsers and proxies revalidate it by its ETag. A page that renders a CSRF
 * token marks itself personal and is not stored; neither is one that sets a cookie (a ?lang= choice). `bypass`
 * names the requests whose page is personal from the start (a cookie the page reads): neither served nor stored.
 */
export function pageCache(tag: string, ttlSeconds = 60, bypass?: ResponseCacheConfig['bypass']): ResponseCacheConfig {
  return {
    ttlSeconds,
    tag,
    vary: languageVary,
    cacheControl: 'no-cache',
    ...(bypass ? { bypass } : {}),
  };
}

/** Drops every cached answer that depends on `tag` (in this process). */
export function invalidateResponses(tag: string): void {
  generations.set(tag, (generations.get(tag) ?? 0) + 1);
}

const personal = new WeakSet<FastifyRequest>();

/** Marks this request's answer as made for this visitor only (a CSRF token, a name): it is never cached. */
export function markPersonal(request: FastifyRequest): void {
  personal.add(request);
}

function encode(body: Buffer, encoding: Encoding): Buffer {
  if (encoding === 'br') return brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } });
  if (encoding === 'gzip') return gzipSync(body);
  return body;
}

function mergeVary(current: unknown): string {
  const names = String(current ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
  return [...new Set([...names, 'Accept-Encoding'])].join(', ');
}

interface Pending {
  key: string;
  generation: number;
}
const pending = new WeakMap<FastifyRequest, Pending>();

/** Answers the front may hold: those that vary by nothing but the URL, the encoding and the page language. */
const frontEligible = (cache: ResponseCacheConfig) =>
  cache.bypass === undefined && (cache.vary === undefined || cache.vary === languageVary);

const routeOf = (request: FastifyRequest) => request.routeOptions.url ?? 'unmatched';
const hits = new WeakMap<FastifyRequest, { key: string; entry: Entry; tag: string; route: string }>();

/** The headers Fastify sent with a cache hit, as the front replays them; undefined when one is the client's own. */
function replayable(sent: Record<string, unknown>, body: Buffer): Record<string, string> | undefined {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(sent)) {
    if (value === undefined || perConnection.has(name)) continue;
    if (perClient.test(name)) return undefined;
    headers[name] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  headers['content-length'] = String(body.length);
  return headers;
}

/**
 * Installs the cache on a scope; only routes with `config.responseCache` use it. Register it after the hooks
 * whose headers (language, CORS, security) every answer needs, and before the routes. With `front`, answers this
 * scope serves from the cache are also put in front (only in a scope whose hooks add nothing per request).
 */
export function registerResponseCache(app: FastifyInstance, front?: FrontCache): void {
  const entries = new Map<string, Entry>();
  let bytes = 0;
  const drop = (key: string) => {
    const old = entries.get(key);
    if (!old) return;
    bytes -= old.body.length;
    entries.delete(key);
    for (const k of old.frontKeys) front?.forget(k);
  };

  app.addHook('onRequest', (request, reply, done) => {
    const cache = request.routeOptions.config.responseCache;
    if (!cache || request.method !== 'GET' || hasSession(request.headers.cookie) || cache.bypass?.(request)) {
      return done();
    }
    const encoding = pickEncoding(request.headers['accept-encoding']);
    const key = `${cache.tag} ${encoding} ${cache.vary?.(request) ?? ''} ${request.url}`;
    const generation = generations.get(cache.tag) ?? 0;
    const entry = entries.get(key);
    if (!entry || entry.expires <= Date.now() || entry.generation !== generation) {
      if (entry) drop(key);
      // The generation as this request starts: an answer read before a change is never stored as after it.
      pending.set(request, { key, generation });
      return done();
    }
    if (matchesEtag(request.headers['if-none-match'], entry.etag))
      return reply.code(304).headers(withoutContent(entry.headers)).send();
    if (front && frontEligible(cache)) hits.set(request, { key, entry, tag: cache.tag, route: routeOf(request) });
    reply.headers(entry.headers).send(entry.body);
  });

  // A hit as Fastify sent it goes in front, while the cache still holds it.
  if (front) {
    app.addHook('onResponse', (request, reply, done) => {
      const hit = hits.get(request);
      if (!hit || reply.statusCode !== 200 || entries.get(hit.key) !== hit.entry) return done();
      const { entry, tag } = hit;
      const headers = replayable(reply.getHeaders(), entry.body);
      if (!headers) return done();
      const key = frontKey(request.raw);
      if (!entry.frontKeys.includes(key)) entry.frontKeys.push(key);
      front.put(key, {
        route: hit.route,
        body: entry.body,
        etag: entry.etag,
        headers,
        notModified: withoutContent(headers),
        fresh: () => entry.expires > Date.now() && entry.generation === (generations.get(tag) ?? 0),
      });
      done();
    });
  }

  app.addHook('onSend', (request, reply, payload, done) => {
    const cache = request.routeOptions.config.responseCache;
    const miss = pending.get(request);
    if (!cache || !miss) return done(null, payload);
    reply.header('vary', mergeVary(reply.getHeader('vary')));
    const cookie = reply.getHeader('set-cookie') !== undefined;
    if (reply.statusCode !== 200 || typeof payload !== 'string' || personal.has(request)) return done(null, payload);
    const raw = Buffer.from(payload);
    const etag = `W/"${createHash('sha1').update(raw).digest('base64url').slice(0, 22)}"`;
    const encoding = pickEncoding(request.headers['accept-encoding']);
    const headers: Record<string, string> = {
      'cache-control': cache.cacheControl ?? `public, max-age=${cache.ttlSeconds}`,
      vary: String(reply.getHeader('vary')),
      etag,
    };
    for (const name of keptHeaders) {
      const value = reply.getHeader(name);
      if (value !== undefined) headers[name] = String(value);
    }
    headers['content-type'] ??= 'application/json; charset=utf-8';
    const body = encode(raw, encoding);
    if (encoding !== 'identity') headers['content-encoding'] = encoding;
    // An answer that sets a cookie belongs to this visitor: sent, never stored.
    if (!cookie) {
      drop(miss.key);
      while (bytes + body.length > maxBytes && entries.size > 0) drop(entries.keys().next().value as string);
      entries.set(miss.key, {
        body,
        headers,
        etag,
        expires: Date.now() + cache.ttlSeconds * 1000,
        generation: miss.generation,
        frontKeys: [],
      });
      bytes += body.length;
    }
    if (matchesEtag(request.headers['if-none-match'], etag)) {
      reply.code(304).headers(withoutContent(headers));
      return done(null, '');
    }
    reply.headers(headers);
    done(null, body);
  });
}
