import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, countRows, type TestApp } from '../../test/app.js';
import { citizenCookieOf, cookieOf } from '../../test/citizen-login.js';
import { followToCallback, type OidcOp, startOidcOp } from '../../test/oidc-op.js';
import { loginUrl } from './service.js';

let op: OidcOp;
let t: TestApp;
let redirectUri: string;

beforeAll(async () => {
  redirectUri = 'http://localhost:3000/antraege/oidc/callback';
  op = await startOidcOp(redirectUri);
  t = await buildTestApp({ env: op.env({ PUBLIC_URL: 'http://localhost:3000' }) });
});
afterAll(async () => {
  await t.close();
  await op.close();
});

/** Starts a login; returns the callback URL the provider sends the browser back to and the browser's login cookie. */
async function start(url: string) {
  const res = await t.app.inject({ url });
  expect(res.statusCode).toBe(303);
  const location = String(res.headers.location);
  expect(location.startsWith(op.issuer)).toBe(true);
  const browser = cookieOf(res, 'bs_citizen_login');
  expect(browser).toMatch(/^bs_citizen_login=[\w-]{43}$/);
  return { location, browser: browser!, callback: await followToCallback(location, redirectUri) };
}

/** Back at the callback, with the login cookie of the browser that started it (or another one, or none). */
const callback = (url: string, browser: string | undefined) =>
  t.app.inject({ url, ...(browser ? { headers: { cookie: browser } } : {}) });

async function login(url: string) {
  const started = await start(url);
  return callback(started.callback, started.browser);
}

const sessions = () => countRows(t.db, 'SELECT count(*)::int AS n FROM citizen_sessions');

describe('OIDC login (a broker such as Keycloak)', () => {
  it('asks with PKCE, state, nonce and acr_values, and logs in with the claims that were asked for', async () => {
    op.next = {
      sub: 'oidc-erika',
      level: 'high',
      attributes: { givenName: 'Erika', familyName: 'Mustermann', city: 'Köln', birthDate: '1964-08-12' },
    };
    const started = await start(loginUrl('/antraege/anmeldung', 'substantial', ['givenName', 'city']));
    const auth = new URL(started.location);
    expect(auth.searchParams.get('code_challenge_method')).toBe('S256');
    expect(auth.searchParams.get('state')).toBeTruthy();
    expect(auth.searchParams.get('nonce')).toBeTruthy();
    expect(auth.searchParams.get('acr_values')).toBe('STORK-QAA-Level-4 STORK-QAA-Level-3');
    expect(auth.searchParams.get('scope')?.split(' ').sort()).toEqual(['address', 'openid', 'profile']);
    const res = await callback(started.callback, started.browser);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/antraege/anmeldung');
    expect(String(res.headers['set-cookie'])).toMatch(/bs_citizen_login=; Max-Age=0/);
    const cookie = citizenCookieOf(res)!;
    const page = await t.app.inject({ url: '/antraege/anmeldung', headers: { cookie } });
    expect(page.body).toContain('Angemeldet als');
    expect(page.body).toContain('Erika');
    expect(page.body).toContain('Köln');
    expect(page.body).not.toContain('1964');
  });

  it('refuses an acr below the level asked, with a page and no session', async () => {
    op.next = { sub: 'oidc-low', level: 'basic' };
    const before = await sessions();
    const res = await login(loginUrl('/antraege/anmeldung', 'high', []));
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('Vertrauensniveau reicht nicht aus');
    expect(citizenCookieOf(res)).toBeUndefined();
    expect(await sessions()).toBe(before);
  });

  it('refuses a callback whose state it did not issue, and one used twice', async () => {
    const forged = await t.app.inject({ url: '/antraege/oidc/callback?code=abc&state=never-issued' });
    expect(forged.statusCode).toBe(400);
    expect(forged.body).toContain('Anmeldung abgelaufen');
    op.next = { sub: 'oidc-twice', level: 'basic' };
    const started = await start(loginUrl('/antraege/anmeldung', 'basic', []));
    expect((await callback(started.callback, started.browser)).statusCode).toBe(303);
    const again = await callback(started.callback, started.browser);
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain('Anmeldung abgelaufen');
    expect(citizenCookieOf(again)).toBeUndefined();
  });

  it('refuses a callback in a browser that did not start the login (login CSRF)', async () => {
    // The attacker starts a login in their browser and stops at the callback URL, which they make a victim open.
    for (const victim of [undefined, (await start(loginUrl('/antraege/anmeldung', 'basic', []))).browser]) {
      op.next = { sub: 'oidc-attacker', level: 'basic' };
      const attacker = await start(loginUrl('/antraege/anmeldung', 'basic', []));
      const before = await sessions();
      const res = await callback(attacker.callback, victim);
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('Anmeldung nicht in diesem Browser begonnen');
      expect(res.body).toContain('Bitte starten Sie die Anmeldung noch einmal');
      expect(citizenCookieOf(res)).toBeUndefined();
      expect(await sessions()).toBe(before);
      // The state is spent: the attacker cannot try it in another browser either.
      expect((await callback(attacker.callback, attacker.browser)).statusCode).toBe(400);
    }
  });

  it('the same sub is the same citizen', async () => {
    op.next = { sub: 'oidc-same', level: 'basic' };
    await login(loginUrl('/antraege/anmeldung', 'basic', []));
    await login(loginUrl('/antraege/anmeldung', 'basic', []));
    expect(
      await countRows(t.db, 'SELECT count(*)::int AS n FROM citizens WHERE municipality_id = $1 AND provider = $2', [
        t.config.municipality.id,
        'oidc',
      ]),
    ).toBe(3);
  });
});
