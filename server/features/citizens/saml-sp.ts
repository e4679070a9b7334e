import { randomBytes } from 'node:crypto';
import { SAML, type SamlConfig, SamlStatusError, ValidateInResponseTo } from '@node-saml/node-saml';
import { XMLParser } from 'fast-xml-parser';
import type { Deps } from '../../platform/deps.js';
import { recordAssertion } from './assertion-queries.js';
import { attributeNames, bpk2Oid, type CitizenAttribute, pickAttributes } from './attributes.js';
import { levelOfSamlRef, meetsLevel, samlClassRefs, type TrustLevel } from './levels.js';
import type { LoginOutcome } from './login-outcome.js';
import { loginRequestTtlMs, SamlRequestCache } from './saml-cache.js';
import { loadSpKeys } from './sp-keys.js';

export const samlPaths = { metadata: '/antraege/saml/metadata', acs: '/antraege/saml/acs' } as const;
// BundID's request extension: which attributes the service needs (akdb:RequestedAttributes).
const akdbNamespace = 'https://www.akdb.de/request/2018/09';

export interface SamlSp {
  metadata(): string;
  /** The IdP URL (HTTP-Redirect binding, signed) for a new login; records the request ID. */
  authorizeUrl(want: {
    level: TrustLevel;
    attributes: CitizenAttribute[];
    nextPath: string;
    browserHash: string;
  }): Promise<string>;
  /** Checks a POSTed SAMLResponse completely; never throws for a bad response. */
  validate(body: Record<string, string>): Promise<LoginOutcome>;
}

type Xml = Record<string, unknown[] | Record<string, string> | string | undefined> & { $?: Record<string, string> };
const first = (node: unknown, ...path: string[]): Xml | undefined => {
  let at = node as Xml | undefined;
  for (const key of path) at = (at?.[key] as Xml[] | undefined)?.[0];
  return at;
};
const textOf = (node: Xml | undefined) => (typeof node === 'string' ? node : (node?._ as string | undefined));

/** The SAML service provider (BundID) for this deployment; keys are loaded or generated once. */
export async function createSamlSp(deps: Deps): Promise<SamlSp> {
  const { config } = deps;
  const saml = config.citizenLogin.saml;
  const keys = await loadSpKeys(config);
  const acsUrl = `${config.publicUrl.replace(/\/$/, '')}${samlPaths.acs}`;
  const base: SamlConfig = {
    issuer: saml.spEntityId,
    callbackUrl: acsUrl,
    entryPoint: saml.idpEntryPoint,
    idpCert: saml.idpCerts,
    audience: saml.spEntityId,
    privateKey: keys.privateKey,
    publicCert: keys.cert,
    // Encrypted assertions (as BundID sends them) are decrypted with the same key; metadata names it for both uses.
    decryptionPvk: keys.privateKey,
    signatureAlgorithm: 'sha256',
    digestAlgorithm: 'http://www.w3.org/2001/04/xmlenc#sha256',
    // Either the response or the assertion must carry a valid signature (node-saml then requires the other never).
    wantAuthnResponseSigned: false,
    wantAssertionsSigned: false,
    acceptedClockSkewMs: saml.clockSkewSeconds * 1000,
    maxAssertionAgeMs: loginRequestTtlMs,
    validateInResponseTo: ValidateInResponseTo.always,
    requestIdExpirationPeriodMs: loginRequestTtlMs,
    identifierFormat: null,
    racComparison: 'minimum',
  };
  const metadata = new SAML({ ...base, cacheProvider: new SamlRequestCache(deps) }).generateServiceProviderMetadata(
    keys.cert,
    keys.cert,
  );

  return {
    metadata: () => metadata,
    async authorizeUrl(want) {
      const id = `_${randomBytes(20).toString('hex')}`;
      const requested = [bpk2Oid, ...want.attributes.map((a) => attributeNames[a].saml)];
      const sp = new SAML({
        ...base,
        generateUniqueId: () => id,
        authnContext: [samlClassRefs[want.level]],
        cacheProvider: new SamlRequestCache(deps, want),
        samlAuthnRequestExtensions: {
          'akdb:AuthenticationRequest': {
            '@xmlns:akdb': akdbNamespace,
            '@Version': '2',
            'akdb:RequestedAttributes': {
              'akdb:RequestedAttribute': requested.map((name) => ({ '@Name': name, '@RequiredAttribute': 'true' })),
            },
          },
        },
      });
      return sp.getAuthorizeUrlAsync('', undefined, {});
    },
    validate: (body) => validateResponse(deps, base, acsUrl, body),
  };
}

async function validateResponse(
  deps: Deps,
  base: SamlConfig,
  acsUrl: string,
  body: Record<string, string>,
): Promise<LoginOutcome> {
  if (typeof body.SAMLResponse !== 'string' || !body.SAMLResponse) return refuse('refused', 'no SAMLResponse');
  const cache = new SamlRequestCache(deps);
  const sp = new SAML({ ...base, cacheProvider: cache });
  let profile: Awaited<ReturnType<SAML['validatePostResponseAsync']>>['profile'];
  try {
    ({ profile } = await sp.validatePostResponseAsync({ SAMLResponse: body.SAMLResponse }));
  } catch (err) {
    if (err instanceof SamlStatusError) return refuse('cancelled', err.message);
    const message = (err as Error).message;
    return refuse(/InResponseTo/.test(message) ? 'expired' : 'refused', message);
  }
  const request = cache.spent;
  if (!profile || !request || request.id !== profile.inResponseTo) return refuse('expired', 'request not spent here');
  const saml = deps.config.citizenLogin.saml;
  if (saml.idpEntityId && profile.issuer !== saml.idpEntityId) return refuse('refused', 'issuer');
  const destination = responseDestination(profile.getSamlResponseXml?.() ?? '');
  if (destination !== undefined && destination !== acsUrl) return refuse('refused', 'destination');
  const assertion = (profile.getAssertion?.() as { Assertion?: Xml } | undefined)?.Assertion;
  const confirmations = (first(assertion, 'Subject')?.SubjectConfirmation as Xml[] | undefined) ?? [];
  const recipients = confirmations.map((c) => first(c, 'SubjectConfirmationData')?.$?.Recipient);
  if (recipients.length === 0 || recipients.some((r) => r !== acsUrl)) return refuse('refused', 'recipient');
  const classRef = textOf(first(assertion, 'AuthnStatement', 'AuthnContext', 'AuthnContextClassRef'));
  const level = levelOfSamlRef(classRef);
  if (!level || !meetsLevel(level, request.level)) return refuse('level', `level ${classRef ?? 'none'}`);
  const attributes = (profile.attributes ?? {}) as Record<string, unknown>;
  const pseudonym = attributes[bpk2Oid];
  if (typeof pseudonym !== 'string' || !pseudonym.trim()) return refuse('refused', 'no bPK2');
  const assertionId = assertion?.$?.ID;
  const notOnOrAfter = first(assertion, 'Conditions')?.$?.NotOnOrAfter;
  const expires = notOnOrAfter ? new Date(notOnOrAfter) : new Date(deps.now().getTime() + loginRequestTtlMs);
  if (!assertionId) return refuse('refused', 'no assertion ID');
  const fresh = await recordAssertion(deps.db, deps.config.municipality.id, assertionId, expires);
  if (!fresh) return refuse('refused', 'assertion replay');
  return {
    ok: true,
    provider: 'saml',
    pseudonym: pseudonym.trim(),
    level,
    attributes: pickAttributes(request.attributes, (names) => attributes[names.saml]),
    nextPath: request.nextPath,
    requestId: request.id,
    browserHash: request.browserHash,
  };
}

function refuse(reason: Exclude<LoginOutcome, { ok: true }>['reason'], detail: string): LoginOutcome {
  return { ok: false, reason, detail };
}

/** The Destination of the Response element, if it names one. */
function responseDestination(xml: string): string | undefined {
  if (!xml) return undefined;
  const parser = new XMLParser({ ignoreAttributes: false, removeNSPrefix: true, attributeNamePrefix: '@' });
  const doc = parser.parse(xml) as { Response?: { '@Destination'?: string } };
  return doc.Response?.['@Destination'];
}
