import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import type { CitizenAttribute } from '../features/citizens/attributes.js';
import type { TrustLevel } from '../features/citizens/levels.js';
import { loginUrl } from '../features/citizens/service.js';
import { buildTestApp, countRows, type TestApp } from './app.js';
import { type ParsedRequest, parseAuthnRequest, type ResponseOptions, type SamlIdp, startSamlIdp } from './saml-idp.js';

let shared: Promise<SamlIdp> | undefined;

/**
 * The local SAML IdP of this test file (started once). Build the app with `idp.env()` so it trusts this IdP:
 * `buildTestApp({ env: (await testSamlIdp()).env() })`.
 */
export function testSamlIdp(): Promise<SamlIdp> {
  shared ??= startSamlIdp();
  return shared;
}

/** A login started at the app: the AuthnRequest the IdP receives and the starting browser's login cookie. */
export type StartedLogin = ParsedRequest & { browser: string };

/**
 * Starts a login at the app (GET /antraege/anmelden) and returns the AuthnRequest the IdP would receive, with the
 * `bs_citizen_login=…` pair the start set (`browser` passes one a previous start set, as a browser would).
 */
export async function startLogin(
  app: FastifyInstance,
  o: { next?: string; level?: TrustLevel; attributes?: readonly CitizenAttribute[]; browser?: string } = {},
): Promise<StartedLogin> {
  const res = await app.inject({
    url: loginUrl(o.next ?? '/antraege/anmeldung', o.level ?? 'basic', o.attributes ?? []),
    ...(o.browser ? { headers: { cookie: o.browser } } : {}),
  });
  if (res.statusCode !== 303) throw new Error(`login start answered ${res.statusCode}: ${res.body.slice(0, 200)}`);
  const browser = cookieOf(res, 'bs_citizen_login');
  if (!browser) throw new Error('login start set no bs_citizen_login cookie');
  return { ...parseAuthnRequest(String(res.headers.location)), browser };
}

/** POSTs a SAMLResponse to the app's ACS, as the browser does after the IdP (a cross-site POST: no cookies). */
export function postToAcs(app: FastifyInstance, samlResponse: string) {
  return app.inject({
    method: 'POST',
    url: '/antraege/saml/acs',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ SAMLResponse: samlResponse }).toString(),
  });
}

/**
 * Posts a SAMLResponse to the ACS and, when it accepts, follows its redirect to the completion step with the
 * `browser` cookie (the pair from `startLogin`, or another browser's, or none); returns the last response.
 */
export async function submitResponse(app: FastifyInstance, samlResponse: string, browser: string | undefined) {
  const acs = await postToAcs(app, samlResponse);
  const location = String(acs.headers.location ?? '');
  if (acs.statusCode !== 303 || !location.startsWith('/antraege/anmelden/abschluss?')) return acs;
  return app.inject({ url: location, ...(browser ? { headers: { cookie: browser } } : {}) });
}

/** The `name=…` pair of a response's Set-Cookie with a value, or undefined. */
export function cookieOf(res: { headers: Record<string, unknown> }, name: string): string | undefined {
  const raw = res.headers['set-cookie'];
  const all = Array.isArray(raw) ? raw : raw ? [String(raw)] : [];
  return all
    .map((c: string) => c.split(';')[0] ?? '')
    .find((c) => c.startsWith(`${name}=`) && c.length > name.length + 1);
}

/** The `bs_citizen=…` pair of a response's Set-Cookie, or undefined. */
export function citizenCookieOf(res: { headers: Record<string, unknown> }): string | undefined {
  return cookieOf(res, 'bs_citizen');
}

/**
 * Logs a citizen in through the real SAML flow against the local IdP (login start with its login cookie, signed
 * response, ACS, completion step with that cookie) and returns the session's Cookie header value for later
 * requests. The app must be built with `(await testSamlIdp()).env()`.
 */
export async function loginCitizen(
  app: FastifyInstance,
  opts: { level?: TrustLevel; attributes?: Partial<Record<CitizenAttribute, string>>; pseudonym?: string } = {},
): Promise<string> {
  const idp = await testSamlIdp();
  const attributes = opts.attributes ?? {};
  const request = await startLogin(app, {
    level: opts.level ?? 'basic',
    attributes: Object.keys(attributes) as CitizenAttribute[],
  });
  const response: ResponseOptions = { level: opts.level ?? 'basic', attributes };
  if (opts.pseudonym) response.pseudonym = opts.pseudonym;
  const res = await submitResponse(app, idp.respond(request, response), request.browser);
  const cookie = citizenCookieOf(res);
  if (res.statusCode !== 303 || !cookie) throw new Error(`login answered ${res.statusCode}: ${res.body.slice(0, 300)}`);
  return cookie;
}

/**
 * A test file's app that trusts the local IdP: built before the file's tests, closed after them. `sessions()` counts
 * the citizen sessions of its municipality (a refused login must leave none behind).
 */
export function samlTestApp(): { readonly idp: SamlIdp; readonly t: TestApp; sessions(): Promise<number> } {
  const held: { idp?: SamlIdp; t?: TestApp } = {};
  beforeAll(async () => {
    held.idp = await testSamlIdp();
    held.t = await buildTestApp({ env: held.idp.env() });
  });
  afterAll(async () => {
    await held.t?.close();
    await held.idp?.close();
  });
  return {
    get idp() {
      return held.idp!;
    },
    get t() {
      return held.t!;
    },
    sessions: () =>
      countRows(held.t!.db, 'SELECT count(*)::int AS n FROM citizen_sessions WHERE municipality_id = $1', [
        held.t!.config.municipality.id,
      ]),
  };
}
