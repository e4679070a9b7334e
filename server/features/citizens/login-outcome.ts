import type { CitizenAttributes } from './attributes.js';
import type { TrustLevel } from './levels.js';
import type { CitizenProvider } from './queries.js';

/** Why a login was refused; the page says what to do for each, never the detail (which is logged). */
// `browser`: the login was not started in this browser (no or another login cookie), as in login CSRF.
export const refusalReasons = ['refused', 'expired', 'level', 'cancelled', 'browser'] as const;
export type RefusalReason = (typeof refusalReasons)[number];

/** The result of checking an identity provider's answer, SAML or OIDC alike. */
export type LoginOutcome =
  | {
      ok: true;
      provider: CitizenProvider;
      pseudonym: string;
      level: TrustLevel;
      attributes: CitizenAttributes;
      nextPath: string;
      /** The login request answered (SAML request ID or OIDC state) and its browser's cookie digest. */
      requestId: string;
      browserHash: string | undefined;
    }
  | { ok: false; reason: RefusalReason; detail: string };
