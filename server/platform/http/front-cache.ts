import http, { type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http';
import type { FastifyHttpOptions } from 'fastify';
import { citizenSessionCookieName, sessionCookieName } from '../auth/sessions.js';

/**
 * The front of the response cache (response-cache.ts): a repeat of an answer that Fastify has already served from
 * the cache once is written straight from the HTTP server's request event, before Fastify's routing and hooks.
 * On the hot anonymous pages (the live parking list, the start page) those hooks cost more than the answer itself.
 *
 * What it replays is exactly what Fastify sent for that cache hit: the same headers (security headers, language,
 * Vary, ETag) and the same compressed body. It is keyed by everything the cached answer may depend on: the URL,
 * the chosen encoding, Accept-Language and the `lang` cookie (the page language is negotiated from those and the
 * URL). Only answers that depend on nothing else are put in front: no route with a `bypass`, no answer with a
 * custom `vary`, none that set a cookie. Requests with a staff or citizen session, other methods than GET, and
 * every request after the server starts closing go through Fastify, as does anything the front does not hold.
 */

export type Encoding = 'br' | 'gzip' | 'identity';

export function pickEncoding(accept: string | undefined): Encoding {
  if (!accept) return 'identity';
  if (accept.includes('br')) return 'br';
  if (accept.includes('gzip')) return 'gzip';
  return 'identity';
}

/** True when `If-None-Match` names this (weak) ETag or is `*` (weak comparison, RFC 9110 13.1.2). */
export function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const bare = etag.replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t.replace(/^W\//, '') === bare;
  });
}

/** The headers of a 304: those of the answer, without the ones that describe a body. */
export function withoutContent(headers: Record<string, string>): Record<string, string> {
  const { 'content-encoding': _, 'content-type': __, 'content-length': ___, ...rest } = headers;
  return rest;
}

/** A staff or citizen session makes every answer personal: neither served from nor stored in a cache. */
export function hasSession(cookie: string | undefined): boolean {
  return (
    cookie !== undefined &&
    (cookie.includes(`${sessionCookieName}=`) || cookie.includes(`${citizenSessionCookieName}=`))
  );
}

function langCookie(cookie: string | undefined): string {
  if (!cookie) return '';
  for (const part of cookie.split(';')) {
    const eq = part.indexOf('=');
    if (eq !== -1 && part.slice(0, eq).trim() === 'lang') return part.slice(eq + 1).trim();
  }
  return '';
}

/** The front's key of a request: everything a front-eligible cached answer can depend on. */
export function frontKey(req: Pick<IncomingMessage, 'headers' | 'url'>): string {
  const h = req.headers;
  return `${pickEncoding(h['accept-encoding'])}\n${h['accept-language'] ?? ''}\n${langCookie(h.cookie)}\n${req.url}`;
}

/** One answer in front: its body and headers as Fastify sent them, and whether the cache still holds it. */
export interface FrontItem {
  route: string;
  body: Buffer;
  etag: string;
  headers: Record<string, string>;
  notModified: Record<string, string>;
  fresh(): boolean;
}

export interface FrontCache {
  /** Answers the request from the front; false when Fastify must handle it. */
  serve(req: IncomingMessage, res: ServerResponse): boolean;
  put(key: string, item: FrontItem): void;
  forget(key: string): void;
  /** Called for every answer the front writes (the request metrics count them like any other). */
  onServed: ((route: string, status: number, seconds: number) => void) | undefined;
  /** Answers written by the front so far. */
  readonly served: number;
  readonly size: number;
  /** From now on every request goes through Fastify (the server is closing). */
  close(): void;
}

// Enough for every cached URL in each language and encoding; past it the oldest keys go first.
const maxKeys = 4096;

export function createFrontCache(): FrontCache {
  const index = new Map<string, FrontItem>();
  let open = true;
  let served = 0;
  const front: FrontCache = {
    serve(req, res) {
      if (!open || index.size === 0 || req.method !== 'GET' || hasSession(req.headers.cookie)) return false;
      const key = frontKey(req);
      const item = index.get(key);
      if (!item) return false;
      if (!item.fresh()) {
        index.delete(key);
        return false;
      }
      const started = performance.now();
      const status = matchesEtag(req.headers['if-none-match'], item.etag) ? 304 : 200;
      if (status === 304) res.writeHead(304, item.notModified).end();
      else res.writeHead(200, item.headers).end(item.body);
      served += 1;
      front.onServed?.(item.route, status, (performance.now() - started) / 1000);
      return true;
    },
    put(key, item) {
      index.delete(key);
      if (index.size >= maxKeys) index.delete(index.keys().next().value as string);
      index.set(key, item);
    },
    forget(key) {
      index.delete(key);
    },
    onServed: undefined,
    get served() {
      return served;
    },
    get size() {
      return index.size;
    },
    close() {
      open = false;
      index.clear();
    },
  };
  return front;
}

/**
 * Fastify's `serverFactory` for a plain HTTP/1.1 server with the front in its request event. It sets what Fastify
 * sets on the servers it makes itself (timeouts, requests per socket).
 */
export function frontServerFactory(front: FrontCache) {
  return (handler: RequestListener, options: FastifyHttpOptions<http.Server>) => {
    const server = http.createServer(options.http ?? {}, (req, res) => {
      if (!front.serve(req, res)) handler(req, res);
    });
    if (options.keepAliveTimeout !== undefined) server.keepAliveTimeout = options.keepAliveTimeout;
    if (options.requestTimeout !== undefined) server.requestTimeout = options.requestTimeout;
    if (options.connectionTimeout !== undefined) server.setTimeout(options.connectionTimeout);
    if (options.maxRequestsPerSocket) server.maxRequestsPerSocket = options.maxRequestsPerSocket;
    return server;
  };
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The process's front cache; undefined when request lines are logged (LOG_REQUESTS). */
    frontCache: FrontCache | undefined;
  }
}
