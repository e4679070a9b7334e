import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp, testDb } from '../../test/app.js';

/** An app behind `TRUST_PROXY`, with a probe route that shows the address the app sees as the client's. */
async function behind(trustProxy: string): Promise<TestApp> {
  return buildTestApp({
    db: await testDb(),
    env: { TRUST_PROXY: trustProxy, RATE_LIMIT_LOGIN_PER_MINUTE: '3' },
    extend: { api: (api) => api.get('/api/test/client-ip', async (request) => ({ ip: request.ip })) },
  });
}

const proxy = '10.0.0.1';

describe('TRUST_PROXY with a hop count of 1 (one reverse proxy in front)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await behind('1');
  });
  afterAll(() => t.close());

  const login = (forwardedFor: string) =>
    t.app.inject({
      method: 'POST',
      url: '/admin/login',
      remoteAddress: proxy,
      headers: { 'x-forwarded-for': forwardedFor, accept: 'text/html' },
      payload: { email: 'x@example.org', password: 'wrong wrong wrong' },
    });

  it('gives no fresh login budget for a rotating client-chosen X-Forwarded-For value', async () => {
    const statuses: number[] = [];
    // The client sends its own X-Forwarded-For; the proxy appends the address it sees (198.51.100.7).
    for (let i = 0; i < 5; i++) statuses.push((await login(`203.0.113.${i}, 198.51.100.7`)).statusCode);
    expect(statuses.slice(0, 3)).not.toContain(429);
    expect(statuses.slice(3)).toEqual([429, 429]);
    // Another real client behind the same proxy has its own budget.
    expect((await login('198.51.100.8')).statusCode).not.toBe(429);
  });

  it('takes the address the proxy appended, not the leftmost one', async () => {
    const res = await t.app.inject({
      url: '/api/test/client-ip',
      remoteAddress: proxy,
      headers: { 'x-forwarded-for': '203.0.113.99, 198.51.100.7' },
    });
    expect(res.json()).toEqual({ ip: '198.51.100.7' });
  });
});

describe('TRUST_PROXY with the proxies’ addresses', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await behind('10.0.0.0/8, 127.0.0.1');
  });
  afterAll(() => t.close());

  const ipOf = async (remoteAddress: string, forwardedFor: string) =>
    (
      await t.app.inject({ url: '/api/test/client-ip', remoteAddress, headers: { 'x-forwarded-for': forwardedFor } })
    ).json().ip;

  it('skips trusted proxies from the right and stops at the first other address', async () => {
    expect(await ipOf(proxy, '203.0.113.99, 198.51.100.7')).toBe('198.51.100.7');
    expect(await ipOf(proxy, '203.0.113.99, 198.51.100.7, 10.2.3.4')).toBe('198.51.100.7');
  });

  it('ignores X-Forwarded-For from a client that is not a listed proxy', async () => {
    expect(await ipOf('198.51.100.20', '10.9.9.9, 203.0.113.99')).toBe('198.51.100.20');
  });
});
