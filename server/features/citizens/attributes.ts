/** What a service may ask of a citizen's identity (BundID "Merkmale"); nothing else is ever kept. */
export const citizenAttributes = [
  'givenName',
  'familyName',
  'birthDate',
  'street',
  'postalCode',
  'city',
  'email',
] as const;
export type CitizenAttribute = (typeof citizenAttributes)[number];
export type CitizenAttributes = Partial<Record<CitizenAttribute, string>>;

/** True for one of the attribute names. */
export function isCitizenAttribute(value: unknown): value is CitizenAttribute {
  return typeof value === 'string' && (citizenAttributes as readonly string[]).includes(value);
}

/** BundID's pseudonymous identifier (bPK2): stable per citizen and service provider; always requested. */
export const bpk2Oid = 'urn:oid:1.3.6.1.4.1.25484.494450.3';

/**
 * The one table of attribute names: BundID's SAML attribute (OID) and the OIDC claim (a path into the ID token or
 * userinfo; address parts are members of the `address` claim). Street is X.520 postalAddress, as BundID sends it.
 */
export const attributeNames: Readonly<Record<CitizenAttribute, { saml: string; oidc: readonly string[] }>> = {
  givenName: { saml: 'urn:oid:2.5.4.42', oidc: ['given_name'] },
  familyName: { saml: 'urn:oid:2.5.4.4', oidc: ['family_name'] },
  birthDate: { saml: 'urn:oid:1.2.40.0.10.2.1.1.55', oidc: ['birthdate'] },
  street: { saml: 'urn:oid:2.5.4.16', oidc: ['address', 'street_address'] },
  postalCode: { saml: 'urn:oid:2.5.4.17', oidc: ['address', 'postal_code'] },
  city: { saml: 'urn:oid:2.5.4.7', oidc: ['address', 'locality'] },
  email: { saml: 'urn:oid:0.9.2342.19200300.100.1.3', oidc: ['email'] },
};

/** The OIDC scopes that carry the requested claims (openid always). */
export function oidcScopesFor(attributes: readonly CitizenAttribute[]): string[] {
  const scopes = new Set(['openid']);
  for (const a of attributes) {
    if (a === 'email') scopes.add('email');
    else if (a === 'street' || a === 'postalCode' || a === 'city') scopes.add('address');
    else scopes.add('profile');
  }
  return [...scopes];
}

// Longer values are no name, date or address: they are cut rather than stored whole.
const maxValueLength = 200;

/** The requested attributes out of a lookup by provider name; only strings, trimmed, only what was asked for. */
export function pickAttributes(
  requested: readonly CitizenAttribute[],
  read: (names: { saml: string; oidc: readonly string[] }) => unknown,
): CitizenAttributes {
  const out: CitizenAttributes = {};
  for (const a of requested) {
    const value = read(attributeNames[a]);
    const text = Array.isArray(value) ? value[0] : value;
    if (typeof text === 'string' && text.trim()) out[a] = text.trim().slice(0, maxValueLength);
  }
  return out;
}

/** `merkmale=givenName,familyName` → the known names, each once, in the list's order; unknown ones are dropped. */
export function parseAttributeList(raw: string | undefined): CitizenAttribute[] {
  if (!raw) return [];
  const wanted = new Set(raw.split(',').map((s) => s.trim()));
  return citizenAttributes.filter((a) => wanted.has(a));
}
