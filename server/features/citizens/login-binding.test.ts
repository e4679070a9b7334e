import { beforeAll, describe, expect, it } from 'vitest';
import { countRows, type TestApp } from '../../test/app.js';
import { citizenCookieOf, postToAcs, samlTestApp, startLogin, submitResponse } from '../../test/citizen-login.js';
import type { SamlIdp } from '../../test/saml-idp.js';

// Login CSRF: a valid SAML response only logs in the browser that started its login (the bs_citizen_login cookie).

const citizens = samlTestApp();
let idp: SamlIdp;
let t: TestApp;
beforeAll(() => {
  idp = citizens.idp;
  t = citizens.t;
});
const sessions = () => citizens.sessions();

async function expectRefused(res: Awaited<ReturnType<typeof postToAcs>>, title: string) {
  expect(res.statusCode).toBe(400);
  expect(citizenCookieOf(res)).toBeUndefined();
  expect(res.body).toContain(title);
  expect(res.body).toContain('Bitte starten Sie die Anmeldung');
}

describe('a SAML login completes only in the browser that started it', () => {
  it('sets a short-lived login cookie at the start, only for /antraege, and reuses it for a second start', async () => {
    const res = await t.app.inject({ url: '/antraege/anmelden?niveau=basic' });
    expect(String(res.headers['set-cookie'])).toMatch(
      /^bs_citizen_login=[\w-]{43}; Max-Age=1020; Path=\/antraege; HttpOnly; SameSite=Lax$/,
    );
    const first = await startLogin(t.app);
    const second = await startLogin(t.app, { browser: first.browser });
    expect(second.browser).toBe(first.browser);
    // Only the digest is stored with the request.
    const { rows } = await t.db.query<{ browser_hash: string }>(
      'SELECT browser_hash FROM citizen_login_requests WHERE municipality_id = $1 AND id = $2',
      [t.config.municipality.id, first.id],
    );
    expect(rows[0]?.browser_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0]?.browser_hash).not.toContain(first.browser.split('=')[1]);
  });

  it("refuses an attacker's valid response posted into a browser without (or with another) login cookie", async () => {
    const victim = await startLogin(t.app);
    for (const browser of [undefined, victim.browser]) {
      const attacker = await startLogin(t.app);
      const before = await sessions();
      const res = await submitResponse(t.app, idp.respond(attacker, { pseudonym: 'bpk2-attacker' }), browser);
      await expectRefused(res, 'Anmeldung nicht in diesem Browser begonnen');
      expect(await sessions()).toBe(before);
    }
    // The victim's own login still works.
    const own = await submitResponse(t.app, idp.respond(victim), victim.browser);
    expect(own.statusCode).toBe(303);
    expect(citizenCookieOf(own)).toBeDefined();
  });

  it('a completion code works once; the attempt from the wrong browser spends it too', async () => {
    const request = await startLogin(t.app);
    const acs = await postToAcs(t.app, idp.respond(request));
    const completion = String(acs.headers.location);
    const before = await sessions();
    expect((await t.app.inject({ url: completion, headers: { cookie: request.browser } })).statusCode).toBe(303);
    expect(await sessions()).toBe(before + 1);
    const again = await t.app.inject({ url: completion, headers: { cookie: request.browser } });
    await expectRefused(again, 'Anmeldung abgelaufen');
    expect(await sessions()).toBe(before + 1);

    const other = await startLogin(t.app);
    const code = String((await postToAcs(t.app, idp.respond(other))).headers.location);
    await expectRefused(await t.app.inject({ url: code }), 'Anmeldung nicht in diesem Browser begonnen');
    await expectRefused(await t.app.inject({ url: code, headers: { cookie: other.browser } }), 'Anmeldung abgelaufen');
  });

  it('refuses an expired completion code, an unknown one and a malformed one', async () => {
    const request = await startLogin(t.app);
    const completion = String((await postToAcs(t.app, idp.respond(request))).headers.location);
    t.clock.advance(2 * 60_000 + 1000);
    try {
      const res = await t.app.inject({ url: completion, headers: { cookie: request.browser } });
      await expectRefused(res, 'Anmeldung abgelaufen');
    } finally {
      t.clock.advance(-(2 * 60_000 + 1000));
    }
    for (const code of [`?code=${'A'.repeat(43)}`, '?code=kurz', '']) {
      const res = await t.app.inject({
        url: `/antraege/anmelden/abschluss${code}`,
        headers: { cookie: request.browser },
      });
      await expectRefused(res, 'Anmeldung abgelaufen');
    }
  });

  it('refuses a response to a login started before the binding existed (no cookie digest stored)', async () => {
    const request = await startLogin(t.app);
    await t.db.query('UPDATE citizen_login_requests SET browser_hash = NULL WHERE municipality_id = $1 AND id = $2', [
      t.config.municipality.id,
      request.id,
    ]);
    const res = await submitResponse(t.app, idp.respond(request), request.browser);
    await expectRefused(res, 'Anmeldung nicht in diesem Browser begonnen');
  });

  it('keeps the pseudonym only as its HMAC while the completion waits, and nothing after it is used', async () => {
    const request = await startLogin(t.app, { attributes: ['givenName'] });
    const acs = await postToAcs(
      t.app,
      idp.respond(request, { pseudonym: 'bpk2-waiting', attributes: { givenName: 'Erika' } }),
    );
    const waiting = await t.db.query<{ pseudonym_hash: string; attributes: Record<string, string> }>(
      'SELECT pseudonym_hash, attributes FROM citizen_login_completions WHERE municipality_id = $1 AND request_id = $2',
      [t.config.municipality.id, request.id],
    );
    expect(waiting.rows[0]?.pseudonym_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(waiting.rows[0]?.attributes).toEqual({ givenName: 'Erika' });
    await t.app.inject({ url: String(acs.headers.location), headers: { cookie: request.browser } });
    expect(
      await countRows(t.db, 'SELECT count(*)::int AS n FROM citizen_login_completions WHERE request_id = $1', [
        request.id,
      ]),
    ).toBe(0);
  });
});
