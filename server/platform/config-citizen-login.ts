import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Static, Type as T } from '@sinclair/typebox';
import { XMLParser } from 'fast-xml-parser';
import { bool, type Env, int } from './config-env.js';

const acrSchema = T.Object({
  basic: T.String({ minLength: 1 }),
  substantial: T.String({ minLength: 1 }),
  high: T.String({ minLength: 1 }),
});

/** Optional citizen login for online applications (BundID over SAML, or an OIDC broker such as Keycloak). */
export const citizenLoginSchema = T.Object({
  mode: T.Union([T.Literal('off'), T.Literal('saml'), T.Literal('oidc')]),
  sessionIdleMinutes: T.Integer({ minimum: 5, maximum: 24 * 60 }),
  sessionMaxAgeHours: T.Integer({ minimum: 1, maximum: 24 }),
  /** Keys the stored pseudonym (HMAC); changing it separates every citizen from their earlier drafts. */
  pseudonymKey: T.String({ minLength: 32 }),
  saml: T.Object({
    idpEntityId: T.Optional(T.String({ minLength: 1 })),
    idpEntryPoint: T.Optional(T.String({ format: 'uri', pattern: '^https?://' })),
    /** PEM certificates the IdP signs with (from its metadata or CITIZEN_SAML_IDP_CERT_FILE). */
    idpCerts: T.Array(T.String({ minLength: 1 })),
    spEntityId: T.String({ minLength: 1 }),
    spKeyFile: T.Optional(T.String({ minLength: 1 })),
    spCertFile: T.Optional(T.String({ minLength: 1 })),
    clockSkewSeconds: T.Integer({ minimum: 0, maximum: 300 }),
  }),
  oidc: T.Object({
    issuer: T.Optional(T.String({ format: 'uri', pattern: '^https?://' })),
    clientId: T.Optional(T.String({ minLength: 1 })),
    clientSecret: T.Optional(T.String({ minLength: 1 })),
    acr: acrSchema,
    /** Plain-http issuer allowed (the tests' local provider); refused in production. */
    allowHttp: T.Boolean(),
  }),
});
export type CitizenLoginConfig = Static<typeof citizenLoginSchema>;

function readText(path: string, what: string, problems: string[]): string | undefined {
  try {
    return readFileSync(resolve(process.cwd(), path), 'utf8');
  } catch (err) {
    problems.push(`${what}: cannot read ${path} (${(err as NodeJS.ErrnoException).code})`);
    return undefined;
  }
}

/** Base64 DER (as metadata carries it) or a PEM text → PEM. */
export function toPem(cert: string): string {
  if (cert.includes('-----BEGIN')) return cert.trim();
  const body = cert.replace(/\s+/g, '');
  return `-----BEGIN CERTIFICATE-----\n${body.match(/.{1,64}/g)?.join('\n') ?? ''}\n-----END CERTIFICATE-----`;
}

const asList = <V>(v: V | V[] | undefined): V[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** entityID, the SSO endpoint (Redirect binding preferred, else POST) and the signing certificates of IdP metadata. */
export function parseIdpMetadata(xml: string): { entityId?: string; entryPoint?: string; certs: string[] } {
  const parser = new XMLParser({ ignoreAttributes: false, removeNSPrefix: true, attributeNamePrefix: '@' });
  type Node = Record<string, unknown>;
  const doc = parser.parse(xml) as Record<string, Node | undefined>;
  const entity: Node = doc.EntityDescriptor ?? {};
  const idp: Node = asList(entity.IDPSSODescriptor as Node | Node[] | undefined)[0] ?? {};
  const services = asList(idp.SingleSignOnService as Node | Node[] | undefined);
  const binding = (s: Node) => String(s['@Binding'] ?? '');
  const redirect = services.find((s) => binding(s).endsWith('HTTP-Redirect'));
  const post = services.find((s) => binding(s).endsWith('HTTP-POST'));
  const certs = asList(idp.KeyDescriptor as Node | Node[] | undefined)
    .filter((k) => k['@use'] === undefined || k['@use'] === 'signing')
    .map((k) => {
      const data = ((k.KeyInfo as Node | undefined)?.X509Data as Node | undefined)?.X509Certificate;
      return typeof data === 'string' ? toPem(data) : undefined;
    })
    .filter((c): c is string => Boolean(c));
  const entityId = entity['@entityID'] as string | undefined;
  const entryPoint = (redirect ?? post)?.['@Location'] as string | undefined;
  return { ...(entityId ? { entityId } : {}), ...(entryPoint ? { entryPoint } : {}), certs };
}

/** CITIZEN_* settings → the citizenLogin section (before schema validation), with every problem listed. */
export function citizenLoginFromEnv(
  env: Env,
  o: { production: boolean; publicUrl: string; sessionSecret: string | undefined },
  problems: string[],
): Record<string, unknown> {
  const mode = (env.CITIZEN_LOGIN || 'off').toLowerCase();
  const saml: Record<string, unknown> = {
    spEntityId: env.CITIZEN_SAML_SP_ENTITY_ID || `${o.publicUrl.replace(/\/$/, '')}/antraege/saml/metadata`,
    clockSkewSeconds: int(env, 'CITIZEN_SAML_CLOCK_SKEW_SECONDS', problems) ?? 60,
    idpCerts: [],
  };
  if (env.CITIZEN_SAML_SP_KEY_FILE) saml.spKeyFile = resolve(process.cwd(), env.CITIZEN_SAML_SP_KEY_FILE);
  if (env.CITIZEN_SAML_SP_CERT_FILE) saml.spCertFile = resolve(process.cwd(), env.CITIZEN_SAML_SP_CERT_FILE);
  if (mode === 'saml') resolveIdp(env, saml, problems);
  if (mode === 'saml' && Boolean(saml.spKeyFile) !== Boolean(saml.spCertFile)) {
    problems.push('CITIZEN_SAML_SP_KEY_FILE and CITIZEN_SAML_SP_CERT_FILE: set both or neither');
  }
  for (const key of ['spKeyFile', 'spCertFile'] as const) {
    const name = key === 'spKeyFile' ? 'CITIZEN_SAML_SP_KEY_FILE' : 'CITIZEN_SAML_SP_CERT_FILE';
    if (mode === 'saml' && saml[key]) readText(String(saml[key]), name, problems);
  }
  if (mode === 'saml' && o.production && !(saml.spKeyFile && saml.spCertFile)) {
    problems.push(
      'CITIZEN_SAML_SP_KEY_FILE, CITIZEN_SAML_SP_CERT_FILE: required in production with CITIZEN_LOGIN=saml (the ' +
        'key BundID knows this service by; a generated one is for development only)',
    );
  }
  const allowHttp = bool(env, 'CITIZEN_OIDC_ALLOW_HTTP', problems) ?? !o.production;
  if (o.production && allowHttp) problems.push('CITIZEN_OIDC_ALLOW_HTTP: refused in production');
  const oidc: Record<string, unknown> = {
    issuer: env.CITIZEN_OIDC_ISSUER || undefined,
    clientId: env.CITIZEN_OIDC_CLIENT_ID || undefined,
    clientSecret: env.CITIZEN_OIDC_CLIENT_SECRET || undefined,
    acr: {
      basic: env.CITIZEN_OIDC_ACR_BASIC || 'STORK-QAA-Level-1',
      substantial: env.CITIZEN_OIDC_ACR_SUBSTANTIAL || 'STORK-QAA-Level-3',
      high: env.CITIZEN_OIDC_ACR_HIGH || 'STORK-QAA-Level-4',
    },
    allowHttp,
  };
  if (mode === 'oidc') {
    for (const [key, name] of [
      ['issuer', 'CITIZEN_OIDC_ISSUER'],
      ['clientId', 'CITIZEN_OIDC_CLIENT_ID'],
      ['clientSecret', 'CITIZEN_OIDC_CLIENT_SECRET'],
    ] as const) {
      if (!oidc[key]) problems.push(`${name}: required with CITIZEN_LOGIN=oidc`);
    }
    if (!allowHttp && String(oidc.issuer ?? '').startsWith('http://')) {
      problems.push('CITIZEN_OIDC_ISSUER: must be https');
    }
  }
  // Derived from the session secret unless set, so a deployment has one secret less to manage.
  const pseudonymKey =
    env.CITIZEN_PSEUDONYM_KEY ||
    (o.sessionSecret ? createHmac('sha256', o.sessionSecret).update('citizen-pseudonym').digest('base64url') : '');
  return {
    mode,
    sessionIdleMinutes: int(env, 'CITIZEN_SESSION_IDLE_MINUTES', problems) ?? 30,
    sessionMaxAgeHours: int(env, 'CITIZEN_SESSION_MAX_AGE_HOURS', problems) ?? 4,
    pseudonymKey,
    saml,
    oidc,
  };
}

/** The IdP from its metadata file, or from an entry point and a certificate file (these win over the metadata). */
function resolveIdp(env: Env, saml: Record<string, unknown>, problems: string[]): void {
  const file = env.CITIZEN_SAML_IDP_METADATA_FILE;
  const fromMetadata = file ? readText(file, 'CITIZEN_SAML_IDP_METADATA_FILE', problems) : undefined;
  const meta = fromMetadata ? parseIdpMetadata(fromMetadata) : { certs: [] as string[] };
  const certFile = env.CITIZEN_SAML_IDP_CERT_FILE;
  const cert = certFile ? readText(certFile, 'CITIZEN_SAML_IDP_CERT_FILE', problems) : undefined;
  saml.idpEntryPoint = env.CITIZEN_SAML_IDP_ENTRY_POINT || meta.entryPoint;
  saml.idpEntityId = env.CITIZEN_SAML_IDP_ENTITY_ID || meta.entityId;
  saml.idpCerts = cert ? [toPem(cert)] : meta.certs;
  if (!saml.idpEntryPoint) {
    problems.push('CITIZEN_SAML_IDP_METADATA_FILE or CITIZEN_SAML_IDP_ENTRY_POINT: required with CITIZEN_LOGIN=saml');
  }
  if ((saml.idpCerts as string[]).length === 0 && !(file && !fromMetadata) && !(certFile && !cert)) {
    problems.push(
      'CITIZEN_SAML_IDP_CERT_FILE: required with CITIZEN_LOGIN=saml unless the IdP metadata names a signing certificate',
    );
  }
}
