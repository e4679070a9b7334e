import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/**
 * A short-lived cache of whole JSON answers for hot public GET routes (the address autocomplete answers the same
 * keystrokes again and again). A route opts in with `config: { responseCache: { ttlSeconds, tag } }`. The answer
 * is stored serialised and compressed once per encoding, so a repeat costs a map lookup and a small write. A
 * change of the underlying data calls `invalidateResponses(tag)`; other processes see it after `ttlSeconds`.
 */
export interface ResponseCacheConfig {
  ttlSeconds: number;
  /** Names the data the answers depend on, for `invalidateResponses`. */
  tag: string;
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
  expires: number;
  generation: number;
}

const generations = new Map<string, number>();
const maxEntries = 5000;

/** Drops every cached answer that depends on `tag` (in this process). */
export function invalidateResponses(tag: string): void {
  generations.set(tag, (generations.get(tag) ?? 0) + 1);
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

const hits = new WeakSet<FastifyRequest>();

/** Installs the cache on a scope; only routes with `config.responseCache` use it. */
export function registerResponseCache(app: FastifyInstance): void {
  const entries = new Map<string, Entry>();
  const keyOf = (request: FastifyRequest, encoding: Encoding) => `${encoding} ${request.url}`;

  app.addHook('onRequest', (request, reply, done) => {
    const cache = request.routeOptions.config.responseCache;
    if (!cache || request.method !== 'GET') return done();
    const encoding = pickEncoding(request.headers['accept-encoding']);
    const key = keyOf(request, encoding);
    const entry = entries.get(key);
    if (!entry || entry.expires <= Date.now() || entry.generation !== (generations.get(cache.tag) ?? 0)) {
      if (entry) entries.delete(key);
      return done();
    }
    hits.add(request);
    reply.headers(entry.headers).send(entry.body);
  });

  app.addHook('onSend', (request, reply, payload, done) => {
    const cache = request.routeOptions.config.responseCache;
    if (!cache || hits.has(request) || request.method !== 'GET') return done(null, payload);
    reply.header('vary', 'Accept-Encoding');
    if (reply.statusCode !== 200 || typeof payload !== 'string') return done(null, payload);
    const encoding = pickEncoding(request.headers['accept-encoding']);
    const body = encode(Buffer.from(payload), encoding);
    if (entries.size >= maxEntries) entries.delete(entries.keys().next().value as string);
    const headers: Record<string, string> = {
      'content-type': String(reply.getHeader('content-type') ?? 'application/json; charset=utf-8'),
      'cache-control': `public, max-age=${cache.ttlSeconds}`,
      vary: 'Accept-Encoding',
      ...(encoding === 'identity' ? {} : { 'content-encoding': encoding }),
    };
    entries.set(keyOf(request, encoding), {
      body,
      headers,
      expires: Date.now() + cache.ttlSeconds * 1000,
      generation: generations.get(cache.tag) ?? 0,
    });
    reply.headers(headers);
    done(null, body);
  });
}
