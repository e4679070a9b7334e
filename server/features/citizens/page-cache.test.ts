import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../platform/deps.js';
import { pageCache } from '../../platform/http/response-cache.js';
import { buildTestApp, type TestApp } from '../../test/app.js';
import { loginCitizen, testSamlIdp } from '../../test/citizen-login.js';
import { findCitizen } from './service.js';

let t: TestApp;

beforeAll(async () => {
  const idp = await testSamlIdp();
  // A cached page under /antraege that greets a logged-in citizen by name, as an application page might.
  t = await buildTestApp({
    env: idp.env(),
    extend: {
      pages: (scope) => {
        (scope as App).get(
          '/antraege/probe',
          { config: { responseCache: pageCache('citizens-probe') } },
          async (request) => {
            const citizen = await findCitizen(t.deps, request);
            return `hello ${citizen?.attributes.givenName ?? 'anonymous'}`;
          },
        );
      },
    },
  });
});
afterAll(async () => {
  await t.close();
  await (await testSamlIdp()).close();
});

describe('a citizen session never makes a cached page personal', () => {
  it('serves a logged-in citizen past the cache and never stores their page', async () => {
    const anonymous = await t.app.inject({ url: '/antraege/probe' });
    expect(anonymous.body).toBe('hello anonymous');
    expect(anonymous.headers.etag).toBeDefined();
    const cookie = await loginCitizen(t.app, { attributes: { givenName: 'Erika' } });
    const personal = await t.app.inject({ url: '/antraege/probe', headers: { cookie } });
    expect(personal.body).toBe('hello Erika');
    expect(personal.headers.etag).toBeUndefined();
    expect((await t.app.inject({ url: '/antraege/probe' })).body).toBe('hello anonymous');
  });
});
