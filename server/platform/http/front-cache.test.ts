import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.js';
import { citizenSessionCookieName, sessionCookieName } from '../auth/sessions.js';
import type { FrontCache } from './front-cache.js';
import { invalidateResponses, pageCache } from './response-cache.js';

// The front of the response cache answers repeats of cached anonymous answers from the HTTP server's request event.
// Through a real socket (inject() bypasses the server): what it sends must be what Fastify sent for the same hit,
// and whatever could make an answer someone's own must still go through Fastify.

let t: TestApp;
let front: FrontCache;
let origin = '';
let rendered = 0;
const metricsToken = 'front-cache-metrics-token-0123';

const page = (pages: FastifyInstance) => {
  const cached = { schema: { hide: true }, config: { responseCache: pageCache('front-probe') } };
  pages.get('/test/front', cached, async (request, reply) =>
    reply.type('text/html').send(`<p lang="${request.i18n.lang}">${++rendered} ${'Parkhaus '.repeat(80)}</p>`),
  );
  const mine = (request: { headers: { cookie?: string } }) => request.headers.cookie?.includes('mine=') ?? false;
  const bypassed = { schema: { hide: true }, config: { responseCache: pageCache('front-probe', 60, mine) } };
  pages.get('/test/front-own', bypassed, async (_request, reply) =>
    reply.type('text/html').send(`<p>${++rendered} ${'Tonne '.repeat(80)}</p>`),
  );
};
const api = (scope: FastifyInstance) => {
  const cached = { schema: { hide: true }, config: { responseCache: { ttlSeconds: 60, tag: 'front-probe' } } };
  scope.get('/api/test/front', cached, async () => ({ n: ++rendered, lots: 'frei '.repeat(120) }));
};

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

function get(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(`${origin}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** The headers that describe the answer (not the connection or the moment). */
const described = (a: Answer) => {
  const { date: _, connection: __, 'keep-alive': ___, ...rest } = a.headers;
  return rest;
};

/** Asks until the front holds the answer (a miss stores it, Fastify's first hit puts it in front). */
async function warm(path: string, headers: Record<string, string> = {}): Promise<Answer> {
  await get(path, headers);
  return get(path, headers);
}

const br = { 'accept-encoding': 'gzip, deflate, br' };

async function metric(route: string, status: number): Promise<number> {
  const res = await get('/metrics', { authorization: `Bearer ${metricsToken}` });
  const line = res.body
    .toString()
    .split('\n')
    .find((l) => l.startsWith(`http_requests_total{method="GET",route="${route}",status="${status}"}`));
  return Number(line?.split(' ').pop() ?? 0);
}

beforeAll(async () => {
  t = await buildTestApp({ env: { METRICS_TOKEN: metricsToken }, extend: { pages: page, api } });
  front = t.app.frontCache!;
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  origin = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
});
afterAll(() => t.close());

describe('the front cache', () => {
  it('replays exactly the answer Fastify sent for the cache hit, and answers 304 to its ETag', async () => {
    const before = rendered;
    const hit = await warm('/test/front', br);
    const served = front.served;
    const again = await get('/test/front', br);
    expect(front.served).toBe(served + 1);
    expect(rendered).toBe(before + 1);
    expect(again.status).toBe(200);
    expect(described(again)).toEqual(described(hit));
    expect(again.body.equals(hit.body)).toBe(true);
    expect(Number(again.headers['content-length'])).toBe(again.body.length);
    expect(again.headers['content-encoding']).toBe('br');
    expect(again.headers['content-security-policy']).toContain("script-src 'self'");
    expect(again.headers.vary).toContain('Accept-Language');
    expect(brotliDecompressSync(again.body).toString()).toContain('<p lang="de">');
    expect(again.headers.date).toBeDefined();

    const revalidated = await get('/test/front', { ...br, 'if-none-match': String(hit.headers.etag) });
    expect(front.served).toBe(served + 2);
    expect(revalidated.status).toBe(304);
    expect(revalidated.body.length).toBe(0);
    expect(revalidated.headers.etag).toBe(hit.headers.etag);
    expect(revalidated.headers['content-encoding']).toBeUndefined();
    expect((await get('/test/front', { ...br, 'if-none-match': 'W/"other"' })).status).toBe(200);
  });

  it('keeps languages and encodings apart', async () => {
    await warm('/test/front', br);
    const english = await warm('/test/front', { ...br, 'accept-language': 'en-GB,en;q=0.9' });
    const served = front.served;
    const en = await get('/test/front', { ...br, 'accept-language': 'en-GB,en;q=0.9' });
    expect(front.served).toBe(served + 1);
    expect(en.body.equals(english.body)).toBe(true);
    expect(en.headers['content-language']).toBe('en');
    expect(brotliDecompressSync(en.body).toString()).toContain('<p lang="en">');

    const byCookie = await warm('/test/front', { ...br, cookie: 'lang=en' });
    expect(byCookie.headers['content-language']).toBe('en');
    expect((await get('/test/front', { ...br, cookie: 'lang=en' })).headers['content-language']).toBe('en');

    await warm('/test/front', { 'accept-encoding': 'gzip' });
    const gz = await get('/test/front', { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toContain('<p lang="de">');
    await warm('/test/front');
    const plain = await get('/test/front');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toContain('<p lang="de">');
  });

  it('leaves to Fastify sessions, routes with a bypass, answers that set a cookie and other methods', async () => {
    await warm('/test/front', br);
    const served = front.served;
    for (const name of [sessionCookieName, citizenSessionCookieName]) {
      const before = rendered;
      await get('/test/front', { ...br, cookie: `${name}=abc` });
      expect(rendered, name).toBe(before + 1);
    }
    // A route whose page is personal for some visitors: never in front, even when the cache serves it.
    await warm('/test/front-own', br);
    await get('/test/front-own', br);
    const before = rendered;
    expect((await get('/test/front-own', { ...br, cookie: 'mine=1' })).status).toBe(200);
    expect(rendered).toBe(before + 1);
    // ?lang= sets the language cookie: that answer is the visitor's own each time.
    for (let i = 0; i < 3; i++) {
      expect((await get('/test/front?lang=en', br)).headers['set-cookie']).toEqual([
        expect.stringContaining('lang=en'),
      ]);
    }
    expect((await get('/test/front', br, 'HEAD')).status).toBe(200);
    expect(front.served).toBe(served);
  });

  it('drops an answer as soon as the cache drops it', async () => {
    await warm('/test/front', br);
    const old = await get('/test/front', br);
    invalidateResponses('front-probe');
    const before = rendered;
    const served = front.served;
    const fresh = await get('/test/front', br);
    expect(front.served).toBe(served);
    expect(rendered).toBe(before + 1);
    expect(fresh.headers.etag).not.toBe(old.headers.etag);
  });

  it('puts the API scope in front too', async () => {
    const hit = await warm('/api/test/front', br);
    const served = front.served;
    const again = await get('/api/test/front', br);
    expect(front.served).toBe(served + 1);
    expect(described(again)).toEqual(described(hit));
    expect(JSON.parse(brotliDecompressSync(again.body).toString()).lots).toContain('frei');
  });

  it('counts its answers in the request metrics under their route', async () => {
    await warm('/test/front', br);
    const before = await metric('/test/front', 200);
    const served = front.served;
    for (let i = 0; i < 3; i++) await get('/test/front', br);
    expect(front.served).toBe(served + 3);
    expect(await metric('/test/front', 200)).toBe(before + 3);
  });

  it('is emptied when the server starts closing, so the last requests get what Fastify answers then', async () => {
    const other = await buildTestApp({ db: t.db, extend: { pages: page } });
    await other.app.listen({ port: 0, host: '127.0.0.1' });
    const otherOrigin = `http://127.0.0.1:${(other.app.server.address() as AddressInfo).port}`;
    const saved = origin;
    origin = otherOrigin;
    try {
      await warm('/test/front', br);
      await get('/test/front', br);
    } finally {
      origin = saved;
    }
    const otherFront = other.app.frontCache!;
    expect(otherFront.served).toBe(1);
    expect(otherFront.size).toBe(1);
    await other.close();
    expect(otherFront.size).toBe(0);
  });

  it('is off when every request is to be logged', async () => {
    const logged = await buildTestApp({ db: t.db, env: { LOG_REQUESTS: 'true', LOG_LEVEL: 'silent' } });
    expect(logged.app.frontCache).toBeUndefined();
    await logged.close();
  });
});
