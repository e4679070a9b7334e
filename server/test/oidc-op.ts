import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import type { CitizenAttribute } from '../features/citizens/attributes.js';
import { samlClassRefs, type TrustLevel } from '../features/citizens/levels.js';

export interface OidcLogin {
  sub: string;
  level: TrustLevel;
  attributes?: Partial<Record<CitizenAttribute, string>>;
}

export interface OidcOp {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Who the next login at the provider will be (the tests' stand-in for a person at the login page). */
  next: OidcLogin;
  env(extra?: Record<string, string>): Record<string, string>;
  close(): Promise<void>;
}

/** OIDC claims of a test person in BundID's shape (address as one structured claim). */
function claimsOf(login: OidcLogin): Record<string, unknown> {
  const a = login.attributes ?? {};
  const address = { street_address: a.street, postal_code: a.postalCode, locality: a.city };
  return {
    sub: login.sub,
    given_name: a.givenName,
    family_name: a.familyName,
    birthdate: a.birthDate,
    email: a.email,
    ...(Object.values(address).some(Boolean) ? { address } : {}),
  };
}

/**
 * A local OIDC provider (oidc-provider) like a Keycloak that brokers BundID: code flow with PKCE, the `acr` of the
 * chosen trust level (STORK-QAA names), BundID-like claims. Its login interaction completes at once as `next`.
 */
export async function startOidcOp(redirectUri: string): Promise<OidcOp> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const accounts = new Map<string, OidcLogin>();
  const op: OidcOp = {
    issuer,
    clientId: 'buergerservice',
    clientSecret: 'local-test-secret-0123456789abcdef',
    next: { sub: 'oidc-sub-erika', level: 'substantial' },
    env: (extra = {}) => ({
      CITIZEN_LOGIN: 'oidc',
      CITIZEN_OIDC_ISSUER: issuer,
      CITIZEN_OIDC_CLIENT_ID: op.clientId,
      CITIZEN_OIDC_CLIENT_SECRET: op.clientSecret,
      RATE_LIMIT_PUBLIC_WRITES_PER_MINUTE: '1000',
      ...extra,
    }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: op.clientId,
        client_secret: op.clientSecret,
        redirect_uris: [redirectUri],
        response_types: ['code'],
        grant_types: ['authorization_code'],
      },
    ],
    acrValues: Object.values(samlClassRefs),
    claims: {
      openid: ['sub'],
      acr: null,
      profile: ['given_name', 'family_name', 'birthdate'],
      email: ['email'],
      address: ['address'],
    },
    features: { devInteractions: { enabled: false }, claimsParameter: { enabled: true } },
    cookies: { keys: ['local-oidc-test-cookie-key'] },
    ttl: { AccessToken: 600, AuthorizationCode: 60, Grant: 600, IdToken: 600, Interaction: 600, Session: 600 },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    findAccount: (_ctx: unknown, sub: string) => {
      const login = accounts.get(sub);
      return login ? { accountId: sub, claims: () => claimsOf(login) } : undefined;
    },
  });
  const callback = provider.callback();
  server.on('request', (req, res) => {
    if (!req.url?.startsWith('/interaction/')) return callback(req, res);
    void (async () => {
      const details = await provider.interactionDetails(req, res);
      const login = op.next;
      accounts.set(login.sub, login);
      const grant = new provider.Grant({ accountId: login.sub, clientId: details.params.client_id });
      grant.addOIDCScope(String(details.params.scope));
      grant.addOIDCClaims(['acr', 'given_name', 'family_name', 'birthdate', 'email', 'address']);
      const grantId = await grant.save();
      await provider.interactionFinished(
        req,
        res,
        { login: { accountId: login.sub, acr: samlClassRefs[login.level] }, consent: { grantId } },
        { mergeWithLastSubmission: false },
      );
    })().catch((err: Error) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(err.message);
    });
  });
  return op;
}

/** Follows the provider's redirects with a cookie jar until it sends the browser back to `redirectUri`. */
export async function followToCallback(start: string, redirectUri: string): Promise<string> {
  const jar = new Map<string, string>();
  let url = start;
  for (let hop = 0; hop < 10; hop++) {
    const res = await fetch(url, {
      redirect: 'manual',
      headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair = ''] = c.split(';');
      const at = pair.indexOf('=');
      jar.set(pair.slice(0, at), pair.slice(at + 1));
    }
    const location = res.headers.get('location');
    if (!location) throw new Error(`OIDC provider answered ${res.status} without a redirect: ${await res.text()}`);
    const next = new URL(location, url);
    if (next.href.startsWith(redirectUri)) return `${next.pathname}${next.search}`;
    url = next.href;
  }
  throw new Error('too many redirects at the OIDC provider');
}
