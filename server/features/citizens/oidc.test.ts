import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, countRows, type TestApp } from '../../test/app.js';
import { citizenCookieOf } from '../../test/citizen-login.js';
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

async function login(url: string) {
  const start = await t.app.inject({ url });
  expect(start.statusCode).toBe(303);
  const location = String(start.headers.location);
  expect(location.startsWith(op.issuer)).toBe(true);
  return t.app.inject({ url: await followToCallback(location, redirectUri) });
}

describe('OIDC login (a broker such as Keycloak)', () => {
  it('asks with PKCE, state, nonce and acr_values, and logs in with the claims that were asked for', async () => {
    op.next = {
      sub: 'oidc-erika',
      level: 'high',
      attributes: { givenName: 'Erika', familyName: 'Mustermann', city: 'Köln', birthDate: '1964-08-12' },
    };
    const start = await t.app.inject({ url: loginUrl('/antraege/anmeldung', 'substantial', ['givenName', 'city']) });
    const auth = new URL(String(start.headers.location));
    expect(auth.searchParams.get('code_challenge_method')).toBe('S256');
    expect(auth.searchParams.get('state')).toBeTruthy();
    expect(auth.searchParams.get('nonce')).toBeTruthy();
    expect(auth.searchParams.get('acr_values')).toBe('STORK-QAA-Level-4 STORK-QAA-Level-3');
    expect(auth.searchParams.get('scope')?.split(' ').sort()).toEqual(['address', 'openid', 'profile']);
    const res = await t.app.inject({ url: await followToCallback(auth.href, redirectUri) });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/antraege/anmeldung');
    const cookie = citizenCookieOf(res)!;
    const page = await t.app.inject({ url: '/antraege/anmeldung', headers: { cookie } });
    expect(page.body).toContain('Angemeldet als');
    expect(page.body).toContain('Erika');
    expect(page.body).toContain('Köln');
    expect(page.body).not.toContain('1964');
  });

  it('refuses an acr below the level asked, with a page and no session', async () => {
    op.next = { sub: 'oidc-low', level: 'basic' };
    const before = await countRows(t.db, 'SELECT count(*)::int AS n FROM citizen_sessions');
    const res = await login(loginUrl('/antraege/anmeldung', 'high', []));
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('Vertrauensniveau reicht nicht aus');
    expect(citizenCookieOf(res)).toBeUndefined();
    expect(await countRows(t.db, 'SELECT count(*)::int AS n FROM citizen_sessions')).toBe(before);
  });

  it('refuses a callback whose state it did not issue, and one used twice', async () => {
    const forged = await t.app.inject({ url: '/antraege/oidc/callback?code=abc&state=never-issued' });
    expect(forged.statusCode).toBe(400);
    expect(forged.body).toContain('Anmeldung abgelaufen');
    op.next = { sub: 'oidc-twice', level: 'basic' };
    const start = await t.app.inject({ url: loginUrl('/antraege/anmeldung', 'basic', []) });
    const callback = await followToCallback(String(start.headers.location), redirectUri);
    expect((await t.app.inject({ url: callback })).statusCode).toBe(303);
    const again = await t.app.inject({ url: callback });
    expect(again.statusCode).toBe(400);
    expect(citizenCookieOf(again)).toBeUndefined();
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
