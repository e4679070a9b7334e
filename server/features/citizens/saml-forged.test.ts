import { beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../test/app.js';
import { citizenCookieOf, postToAcs, samlTestApp, startLogin, submitResponse } from '../../test/citizen-login.js';
import type { ResponseOptions, SamlIdp } from '../../test/saml-idp.js';

const citizens = samlTestApp();
let idp: SamlIdp;
let t: TestApp;
beforeAll(() => {
  idp = citizens.idp;
  t = citizens.t;
});
const sessions = () => citizens.sessions();

/** Posts a response and expects a refusal page with no cookie and no new session. */
async function expectRefused(res: Awaited<ReturnType<typeof postToAcs>>, status: number, title: string) {
  expect(res.statusCode).toBe(status);
  expect(citizenCookieOf(res)).toBeUndefined();
  expect(res.headers['content-type']).toContain('text/html');
  expect(res.body).toContain(title);
  expect(res.body).toContain('Was Sie jetzt tun können');
  // Never the technical reason.
  expect(res.body).not.toMatch(/signature|InResponseTo|audience|assertion/i);
}

const forgeries: [string, ResponseOptions, number, string][] = [
  ['signed with a key the IdP metadata does not name', { wrongKey: true }, 400, 'Anmeldung nicht möglich'],
  [
    'an attribute changed after signing',
    { attributes: { givenName: 'Erika' }, tamper: (xml) => xml.replace('>Erika<', '>Mallory<') },
    400,
    'Anmeldung nicht möglich',
  ],
  ['meant for another service (audience)', { audience: 'https://evil.example/sp' }, 400, 'Anmeldung nicht möglich'],
  ['expired (NotOnOrAfter passed)', { shiftMs: -2 * 3_600_000 }, 400, 'Anmeldung nicht möglich'],
  ['answering a request we never sent', { inResponseTo: '_never-issued-0001' }, 400, 'Anmeldung abgelaufen'],
  ['for another recipient', { recipient: 'https://evil.example/acs' }, 400, 'Anmeldung nicht möglich'],
  ['to another destination', { destination: 'https://evil.example/acs' }, 400, 'Anmeldung nicht möglich'],
  ['at a lower trust level than asked', { level: 'basic' }, 403, 'Vertrauensniveau reicht nicht aus'],
];

describe('forged or unfit SAML responses are refused with a clear page and no session', () => {
  for (const [what, options, status, title] of forgeries) {
    it(what, async () => {
      const before = await sessions();
      const request = await startLogin(t.app, { level: 'substantial', attributes: ['givenName'] });
      const res = await postToAcs(t.app, idp.respond(request, { level: 'substantial', ...options }));
      await expectRefused(res, status, title);
      expect(await sessions()).toBe(before);
    });
  }

  it('a response replayed after it was used', async () => {
    const request = await startLogin(t.app);
    const response = idp.respond(request);
    expect((await postToAcs(t.app, response)).statusCode).toBe(303);
    const before = await sessions();
    await expectRefused(await postToAcs(t.app, response), 400, 'Anmeldung abgelaufen');
    expect(await sessions()).toBe(before);
  });

  it('the same response posted twice at once logs in only once', async () => {
    const request = await startLogin(t.app);
    const response = idp.respond(request);
    const before = await sessions();
    const results = await Promise.all([
      submitResponse(t.app, response, request.browser),
      submitResponse(t.app, response, request.browser),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([303, 400]);
    expect(await sessions()).toBe(before + 1);
  });

  it('an assertion ID seen before, inside a response to a new request', async () => {
    const first = await startLogin(t.app);
    const assertionId = '_assertion-replayed-0001';
    expect((await postToAcs(t.app, idp.respond(first, { assertionId }))).statusCode).toBe(303);
    const second = await startLogin(t.app);
    await expectRefused(await postToAcs(t.app, idp.respond(second, { assertionId })), 400, 'Anmeldung nicht möglich');
  });

  it('a request that expired before the answer came', async () => {
    const request = await startLogin(t.app);
    t.clock.advance(16 * 60_000);
    try {
      await expectRefused(await postToAcs(t.app, idp.respond(request)), 400, 'Anmeldung abgelaufen');
    } finally {
      t.clock.advance(-16 * 60_000);
    }
  });

  it('a post without any SAMLResponse (not blocked by CSRF, refused by the check)', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/antraege/saml/acs',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'RelayState=x',
    });
    await expectRefused(res, 400, 'Anmeldung nicht möglich');
  });

  it('an unknown trust level in the login link', async () => {
    const res = await t.app.inject({ url: '/antraege/anmelden?niveau=ultra' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Anmeldung nicht möglich');
  });
});
