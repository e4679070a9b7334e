import * as client from 'openid-client';
import type { Deps } from '../../platform/deps.js';
import { type CitizenAttribute, oidcScopesFor, pickAttributes } from './attributes.js';
import { acrValuesFor, levelOfAcr, meetsLevel, type TrustLevel } from './levels.js';
import { sameBrowser } from './login-binding.js';
import type { LoginOutcome } from './login-outcome.js';
import { insertLoginRequest, spendLoginRequest } from './request-queries.js';
import { loginRequestTtlMs } from './saml-cache.js';

export const oidcCallbackPath = '/antraege/oidc/callback';

export interface OidcRp {
  authorizeUrl(want: {
    level: TrustLevel;
    attributes: CitizenAttribute[];
    nextPath: string;
    browserHash: string;
  }): Promise<string>;
  /**
   * Checks the callback (state, the browser that started it by its login cookie's digest, code with PKCE, ID token
   * with nonce, acr); never throws for a bad answer.
   */
  callback(requestUrl: string, browserHash: string | undefined): Promise<LoginOutcome>;
}

/** Reads a claim path (`address.locality`) from the ID token claims, then from userinfo. */
function claimAt(sources: Record<string, unknown>[], path: readonly string[]): unknown {
  for (const source of sources) {
    let at: unknown = source;
    for (const key of path) at = at && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined;
    if (at !== undefined) return at;
  }
  return undefined;
}

/** The OIDC relying party (authorization code + PKCE + state + nonce); the provider is discovered on first use. */
export function createOidcRp(deps: Deps): OidcRp {
  const { config } = deps;
  const oidc = config.citizenLogin.oidc;
  const redirectUri = `${config.publicUrl.replace(/\/$/, '')}${oidcCallbackPath}`;
  let discovered: Promise<client.Configuration> | undefined;
  const provider = () => {
    discovered ??= client
      .discovery(new URL(oidc.issuer!), oidc.clientId!, oidc.clientSecret!, undefined, {
        ...(oidc.allowHttp ? { execute: [client.allowInsecureRequests] } : {}),
        timeout: 10,
      })
      .catch((err: unknown) => {
        // Not kept: the next login asks the provider again.
        discovered = undefined;
        throw err;
      });
    return discovered;
  };

  return {
    async authorizeUrl(want) {
      const server = await provider();
      const state = client.randomState();
      const nonce = client.randomNonce();
      const codeVerifier = client.randomPKCECodeVerifier();
      const now = deps.now();
      await insertLoginRequest(deps.db, config.municipality.id, {
        id: state,
        provider: 'oidc',
        ...want,
        nonce,
        codeVerifier,
        issuedAt: now.toISOString(),
        now,
        expiresAt: new Date(now.getTime() + loginRequestTtlMs),
      });
      const acr = acrValuesFor(want.level, oidc.acr);
      return client
        .buildAuthorizationUrl(server, {
          redirect_uri: redirectUri,
          scope: oidcScopesFor(want.attributes).join(' '),
          code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
          code_challenge_method: 'S256',
          state,
          nonce,
          acr_values: acr.join(' '),
          claims: JSON.stringify({ id_token: { acr: { essential: true, values: acr } } }),
        })
        .toString();
    },

    async callback(requestUrl, browserHash) {
      const url = new URL(requestUrl, redirectUri);
      const state = url.searchParams.get('state');
      if (!state || state.length > 200) return { ok: false, reason: 'refused', detail: 'no state' };
      const request = await spendLoginRequest(deps.db, config.municipality.id, state, 'oidc', deps.now());
      if (!request?.codeVerifier || !request.nonce) return { ok: false, reason: 'expired', detail: 'unknown state' };
      // Before the code is redeemed: a callback in a browser that did not start this login is refused (login CSRF).
      if (!sameBrowser(request.browserHash, browserHash)) {
        return { ok: false, reason: 'browser', detail: browserHash ? 'other login cookie' : 'no login cookie' };
      }
      if (url.searchParams.get('error')) {
        return { ok: false, reason: 'cancelled', detail: `provider error ${url.searchParams.get('error')}` };
      }
      try {
        const server = await provider();
        const tokens = await client.authorizationCodeGrant(server, url, {
          pkceCodeVerifier: request.codeVerifier,
          expectedState: state,
          expectedNonce: request.nonce,
          idTokenExpected: true,
        });
        const claims = tokens.claims();
        if (!claims?.sub) return { ok: false, reason: 'refused', detail: 'no sub' };
        const level = levelOfAcr(claims.acr, oidc.acr);
        if (!level || !meetsLevel(level, request.level)) {
          return { ok: false, reason: 'level', detail: `acr ${String(claims.acr ?? 'none')}` };
        }
        const info = request.attributes.length
          ? await client.fetchUserInfo(server, tokens.access_token, claims.sub)
          : {};
        const sources = [claims as Record<string, unknown>, info as Record<string, unknown>];
        return {
          ok: true,
          provider: 'oidc',
          pseudonym: claims.sub,
          level,
          attributes: pickAttributes(request.attributes, (names) => claimAt(sources, names.oidc)),
          nextPath: request.nextPath,
          requestId: request.id,
          browserHash: request.browserHash,
        };
      } catch (err) {
        return { ok: false, reason: 'refused', detail: (err as Error).message };
      }
    },
  };
}
