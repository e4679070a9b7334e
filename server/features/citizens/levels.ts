/** Vertrauensniveaus of a citizen login, weakest first (eIDAS: niedrig/basic, substanziell, hoch). */
export const trustLevels = ['basic', 'substantial', 'high'] as const;
export type TrustLevel = (typeof trustLevels)[number];

/** True for one of the trust level names (query strings, stored rows). */
export function isTrustLevel(value: unknown): value is TrustLevel {
  return typeof value === 'string' && (trustLevels as readonly string[]).includes(value);
}

/** True when a login at `have` is enough for a service that needs `need`. */
export function meetsLevel(have: TrustLevel, need: TrustLevel): boolean {
  return trustLevels.indexOf(have) >= trustLevels.indexOf(need);
}

/** BundID's SAML AuthnContextClassRef per level (what we ask for and what an assertion must name). */
export const samlClassRefs: Readonly<Record<TrustLevel, string>> = {
  basic: 'STORK-QAA-Level-1',
  substantial: 'STORK-QAA-Level-3',
  high: 'STORK-QAA-Level-4',
};

// Level 2 (a user name and password with a verified e-mail) counts as basic: no service needs it by name.
const fromSamlRef: Readonly<Record<string, TrustLevel>> = {
  'STORK-QAA-Level-1': 'basic',
  'STORK-QAA-Level-2': 'basic',
  'STORK-QAA-Level-3': 'substantial',
  'STORK-QAA-Level-4': 'high',
};

/** The level an assertion's AuthnContextClassRef stands for, or undefined for an unknown one. */
export function levelOfSamlRef(ref: string | undefined): TrustLevel | undefined {
  return ref === undefined ? undefined : fromSamlRef[ref.trim()];
}

/** The OIDC `acr` value per level (configurable: a Keycloak broker may name them its own way). */
export type AcrValues = Readonly<Record<TrustLevel, string>>;

/** The level an ID token's `acr` stands for under this mapping, or undefined. */
export function levelOfAcr(acr: unknown, values: AcrValues): TrustLevel | undefined {
  if (typeof acr !== 'string') return undefined;
  return trustLevels.find((level) => values[level] === acr);
}

/** The acr_values to ask for: the level and every stronger one, strongest first (the OP picks the first it can). */
export function acrValuesFor(need: TrustLevel, values: AcrValues): string[] {
  return trustLevels
    .filter((level) => meetsLevel(level, need))
    .reverse()
    .map((level) => values[level]);
}
