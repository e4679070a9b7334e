import { createHash } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { citizenSessionCookieName, sessionCookieName } from '../auth/sessions.js';
import './types.js';

/**
 * A short-lived cache of whole answers for hot public GET routes (address autocomplete, public report lists and
 * maps, Open311 lists, anonymous pages). A route opts in with `config: { responseCache: { ttlSeconds, tag } }`.
 * The answer is stored serialised and compressed once per encoding, so a repeat costs a map lookup and a small
 * write; every answer carries a weak ETag and `If-None-Match` is answered 304. A change of the underlying data
 * calls `invalidateResponses(tag)`; other processes see it after `ttlSeconds`.
 *
 * Never cached: answers other than 200, answers that set a cookie, answers marked personal (`markPersonal`, e.g. a
 * page that rendered a CSRF token), and requests that carry a staff or citizen session.
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

type Encoding = 'br' | 'gzip' | 'identity';
interface Entry {
  body: Buffer;
  /** Every header of the answer, built once. */
  headers: Record<string, string>;
  etag: string;
  expires: number;
  generation: number;
}

const generations = new Map<string, number>();
// Per scope: a page is tens of kilobytes, so the budget is in bytes, not entries.
const maxBytes = 16 * 1024 * 1024;
// Headers a route sets that belong to the answer itself (not to one client, as rate-limit counters do).
const keptHeaders = ['content-type', 'content-language', 'access-control-allow-origin'];

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
    vary: (request) => request.i18n.lang,
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

function pickEncoding(accept: string | undefined): Encoding {
  if (!accept) return 'identity';
  if (accept.includes('br')) return 'br';
  if (accept.includes('gzip')) return 'gzip';
  return 'identity';
}

function encode(body: Buffer, encoding: Encoding): Buffer {
  if (encoding === 'br') return brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } });
  if (encoding === 'gzip') return gzipSync(body);
  return body;
}

/** True when `If-None-Match` names this (weak) ETag or is `*` (weak comparison, RFC 9110 13.1.2). */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const bare = etag.replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t.replace(/^W\//, '') === bare;
  });
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

// A staff or citizen session makes every answer personal: neither served from nor stored in the cache.
const hasSession = (request: FastifyRequest) => {
  const cookie = request.headers.cookie;
  return (
    cookie !== undefined &&
    (cookie.includes(`${sessionCookieName}=`) || cookie.includes(`${citizenSessionCookieName}=`))
  );
};

/** The headers of a 304: those of the answer, without the ones that describe a body. */
function withoutContent(headers: Record<string, string>): Record<string, string> {
  const { 'content-encoding': _, 'content-type': __, ...rest } = headers;
  return rest;
}

/**
 * Installs the cache on a scope; only routes with `config.responseCache` use it. Register it after the hooks
 * whose headers (language, CORS, security) every answer needs, and before the routes.
 */
export function registerResponseCache(app: FastifyInstance): void {
  const entries = new Map<string, Entry>();
  let bytes = 0;
  const drop = (key: string) => {
    const old = entries.get(key);
    if (!old) return;
    bytes -= old.body.length;
    entries.delete(key);
  };

  app.addHook('onRequest', (request, reply, done) => {
    const cache = request.routeOptions.config.responseCache;
    if (!cache || request.method !== 'GET' || hasSession(request) || cache.bypass?.(request)) return done();
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
    if (matches(request.headers['if-none-match'], entry.etag))
      return reply.code(304).headers(withoutContent(entry.headers)).send();
    reply.headers(entry.headers).send(entry.body);
  });

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
      });
      bytes += body.length;
    }
    if (matches(request.headers['if-none-match'], etag)) {
      reply.code(304).headers(withoutContent(headers));
      return done(null, '');
    }
    reply.headers(headers);
    done(null, body);
  });
}
