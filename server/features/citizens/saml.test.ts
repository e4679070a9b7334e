import type { FastifyRequest } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../test/app.js';
import {
  citizenCookieOf,
  cookieOf,
  loginCitizen,
  postToAcs,
  samlTestApp,
  startLogin,
  submitResponse,
} from '../../test/citizen-login.js';
import type { SamlIdp } from '../../test/saml-idp.js';
import { findCitizen } from './service.js';

const citizens = samlTestApp();
let idp: SamlIdp;
let t: TestApp;
beforeAll(() => {
  idp = citizens.idp;
  t = citizens.t;
});
const sessions = () => citizens.sessions();

describe('SAML login (BundID)', () => {
  it('logs in with the asked level and attributes, and shows who is logged in', async () => {
    const request = await startLogin(t.app, {
      next: '/antraege/anmeldung',
      level: 'substantial',
      attributes: ['givenName', 'familyName'],
    });
    expect(request.level).toBe('substantial');
    expect(request.requested).toEqual(['urn:oid:1.3.6.1.4.1.25484.494450.3', 'urn:oid:2.5.4.42', 'urn:oid:2.5.4.4']);
    // The ACS (a cross-site POST, no cookies) accepts the response but starts no session: it sends the browser on.
    const acs = await postToAcs(
      t.app,
      idp.respond(request, {
        level: 'high',
        attributes: { givenName: 'Erika', familyName: 'Mustermann', birthDate: '1964-08-12' },
      }),
    );
    expect(acs.statusCode).toBe(303);
    expect(acs.headers.location).toMatch(/^\/antraege\/anmelden\/abschluss\?code=[\w-]{43}$/);
    expect(acs.headers['cache-control']).toBe('no-store');
    expect(citizenCookieOf(acs)).toBeUndefined();
    // The completion step, with the cookie of the browser that started the login, does.
    const res = await t.app.inject({ url: String(acs.headers.location), headers: { cookie: request.browser } });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/antraege/anmeldung');
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/bs_citizen=[\w-]{43}; Path=\/antraege; HttpOnly; SameSite=Lax/);
    // The login cookie has done its work.
    expect(setCookie).toMatch(/bs_citizen_login=; Max-Age=0; Path=\/antraege; Expires=[^;]+; HttpOnly; SameSite=Lax/);
    expect(cookieOf(res, 'bs_citizen_login')).toBeUndefined();
    const page = await t.app.inject({ url: '/antraege/anmeldung', headers: { cookie: citizenCookieOf(res)! } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Angemeldet als');
    expect(page.body).toContain('Erika Mustermann');
    expect(page.body).toContain('Vertrauensniveau hoch');
    // Only what was asked for is kept: the birth date was sent but not requested.
    const { rows } = await t.db.query<{ attributes: Record<string, string> }>(
      'SELECT attributes FROM citizen_sessions WHERE municipality_id = $1',
      [t.config.municipality.id],
    );
    expect(rows.at(-1)?.attributes).toEqual({ givenName: 'Erika', familyName: 'Mustermann' });
    expect(page.headers['cache-control']).toBe('no-store');
  });

  it('accepts a response signed as a whole instead of its assertion', async () => {
    const request = await startLogin(t.app);
    const res = await submitResponse(t.app, idp.respond(request, { sign: 'response' }), request.browser);
    expect(res.statusCode).toBe(303);
    expect(citizenCookieOf(res)).toBeDefined();
  });

  it('stores only an HMAC of the pseudonym; the same pseudonym is the same citizen, another one is not', async () => {
    const cookies = [
      await loginCitizen(t.app, { pseudonym: 'bpk2-same' }),
      await loginCitizen(t.app, { pseudonym: 'bpk2-same' }),
      await loginCitizen(t.app, { pseudonym: 'bpk2-other' }),
    ];
    const ids = await Promise.all(
      cookies.map(async (cookie) => {
        const request = { cookies: { bs_citizen: cookie.slice('bs_citizen='.length) } } as unknown as FastifyRequest;
        return (await findCitizen(t.deps, request))?.id;
      }),
    );
    expect(ids[0]).toBeDefined();
    expect(ids[1]).toBe(ids[0]);
    expect(ids[2]).toBeDefined();
    expect(ids[2]).not.toBe(ids[0]);
    const { rows } = await t.db.query<{ pseudonym_hash: string }>(
      'SELECT pseudonym_hash FROM citizens WHERE municipality_id = $1',
      [t.config.municipality.id],
    );
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.pseudonym_hash))).toBe(true);
  });

  it('logout ends the session on the server and drops the cookie', async () => {
    const cookie = await loginCitizen(t.app, { attributes: { givenName: 'Max' } });
    const form = await t.app.inject({ url: '/antraege/anmeldung', headers: { cookie } });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form.body)?.[1];
    const csrfCookie = String(form.headers['set-cookie'])
      .split(/,(?=\s*\w+=)/)
      .map((c) => c.split(';')[0]!.trim())
      .find((c) => c.startsWith('bs_csrf='));
    const before = await sessions();
    const res = await t.app.inject({
      method: 'POST',
      url: '/antraege/abmelden',
      headers: { cookie: `${cookie}; ${csrfCookie}`, 'content-type': 'application/x-www-form-urlencoded' },
      payload: `_csrf=${encodeURIComponent(csrf!)}&weiter=${encodeURIComponent('/antraege/anmeldung?abgemeldet=1')}`,
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/antraege/anmeldung?abgemeldet=1');
    expect(String(res.headers['set-cookie'])).toMatch(/bs_citizen=;/);
    expect(await sessions()).toBe(before - 1);
    const after = await t.app.inject({ url: '/antraege/anmeldung', headers: { cookie } });
    expect(after.body).not.toContain('Angemeldet als');
  });

  it('refuses a logout without a CSRF token', async () => {
    const cookie = await loginCitizen(t.app);
    const res = await t.app.inject({
      method: 'POST',
      url: '/antraege/abmelden',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: '',
    });
    expect(res.statusCode).toBe(403);
  });

  it('sends the citizen only to a path on this site (no open redirect)', async () => {
    for (const next of ['https://evil.example/x', '//evil.example/x', '/\\evil.example', '/%2F%2Fevil.example']) {
      const request = await startLogin(t.app, { next });
      const res = await submitResponse(t.app, idp.respond(request), request.browser);
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe('/antraege/anmeldung');
    }
    const request = await startLogin(t.app, { next: '/antraege/x?y=1' });
    const res = await submitResponse(t.app, idp.respond(request), request.browser);
    expect(res.headers.location).toBe('/antraege/x?y=1');
  });

  it('publishes SP metadata naming the ACS and the signing certificate', async () => {
    const res = await t.app.inject({ url: '/antraege/saml/metadata' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/samlmetadata+xml');
    const { XMLParser, XMLValidator } = await import('fast-xml-parser');
    expect(XMLValidator.validate(res.body)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, removeNSPrefix: true, attributeNamePrefix: '@' }).parse(
      res.body,
    );
    const sp = doc.EntityDescriptor.SPSSODescriptor;
    expect(doc.EntityDescriptor['@entityID']).toBe(`${t.config.publicUrl}/antraege/saml/metadata`);
    const acs = [sp.AssertionConsumerService].flat();
    expect(acs[0]['@Location']).toBe(`${t.config.publicUrl}/antraege/saml/acs`);
    const keys = [sp.KeyDescriptor].flat();
    expect(keys.some((k: Record<string, unknown>) => k['@use'] === 'signing')).toBe(true);
    expect(JSON.stringify(keys)).toMatch(/X509Certificate/);
  });
});
