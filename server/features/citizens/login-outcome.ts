import type { CitizenAttributes } from './attributes.js';
import type { TrustLevel } from './levels.js';
import type { CitizenProvider } from './queries.js';

/** Why a login was refused; the page says what to do for each, never the detail (which is logged). */
export const refusalReasons = ['refused', 'expired', 'level', 'cancelled'] as const;
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
    }
  | { ok: false; reason: RefusalReason; detail: string };
