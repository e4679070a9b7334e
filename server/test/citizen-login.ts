import type { FastifyInstance } from 'fastify';
import type { CitizenAttribute } from '../features/citizens/attributes.js';
import type { TrustLevel } from '../features/citizens/levels.js';
import { loginUrl } from '../features/citizens/service.js';
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

/** Starts a login at the app (GET /antraege/anmelden) and returns the AuthnRequest the IdP would receive. */
export async function startLogin(
  app: FastifyInstance,
  o: { next?: string; level?: TrustLevel; attributes?: readonly CitizenAttribute[] } = {},
): Promise<ParsedRequest> {
  const res = await app.inject({
    url: loginUrl(o.next ?? '/antraege/anmeldung', o.level ?? 'basic', o.attributes ?? []),
  });
  if (res.statusCode !== 303) throw new Error(`login start answered ${res.statusCode}: ${res.body.slice(0, 200)}`);
  return parseAuthnRequest(String(res.headers.location));
}

/** POSTs a SAMLResponse to the app's ACS, as the browser does after the IdP (no CSRF token, no cookies). */
export function postToAcs(app: FastifyInstance, samlResponse: string) {
  return app.inject({
    method: 'POST',
    url: '/antraege/saml/acs',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ SAMLResponse: samlResponse }).toString(),
  });
}

/** The `bs_citizen=…` pair of a response's Set-Cookie, or undefined. */
export function citizenCookieOf(res: { headers: Record<string, unknown> }): string | undefined {
  const raw = res.headers['set-cookie'];
  const all = Array.isArray(raw) ? raw : raw ? [String(raw)] : [];
  return all.map((c: string) => c.split(';')[0] ?? '').find((c) => c.startsWith('bs_citizen=') && c.length > 11);
}

/**
 * Logs a citizen in through the real SAML flow against the local IdP (login start, signed response, ACS) and
 * returns the Cookie header value for later requests. The app must be built with `(await testSamlIdp()).env()`.
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
  const res = await postToAcs(app, idp.respond(request, response));
  const cookie = citizenCookieOf(res);
  if (res.statusCode !== 303 || !cookie) throw new Error(`ACS answered ${res.statusCode}: ${res.body.slice(0, 300)}`);
  return cookie;
}
