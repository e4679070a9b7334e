import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { XMLParser } from 'fast-xml-parser';
import { generate } from 'selfsigned';
import { SignedXml } from 'xml-crypto';
import { attributeNames, bpk2Oid, type CitizenAttribute, citizenAttributes } from '../features/citizens/attributes.js';
import { samlClassRefs, type TrustLevel, trustLevels } from '../features/citizens/levels.js';
import { testEnv } from './env.js';

/** People the local IdP can log in as (BundID test identities look like these). */
export const testPersons = {
  erika: {
    pseudonym: 'bpk2-erika-0001',
    attributes: {
      givenName: 'Erika',
      familyName: 'Mustermann',
      birthDate: '1964-08-12',
      street: 'Heidestraße 17',
      postalCode: '51147',
      city: 'Köln',
      email: 'erika@example.org',
    },
  },
  max: {
    pseudonym: 'bpk2-max-0002',
    attributes: { givenName: 'Max', familyName: 'Mustermann', birthDate: '1980-01-01', email: 'max@example.org' },
  },
} as const satisfies Record<string, { pseudonym: string; attributes: Partial<Record<CitizenAttribute, string>> }>;

/** What the IdP read from an AuthnRequest. */
export interface ParsedRequest {
  id: string;
  acsUrl: string;
  spEntityId: string;
  /** The minimum level asked for (from RequestedAuthnContext). */
  level: TrustLevel | undefined;
  /** Requested attribute names (OIDs) from the akdb extension. */
  requested: string[];
  relayState: string | undefined;
}

export interface ResponseOptions {
  pseudonym?: string;
  attributes?: Partial<Record<CitizenAttribute, string>>;
  level?: TrustLevel;
  /** Sign with a key the SP does not know. */
  wrongKey?: boolean;
  /** Which element carries the signature (default: the assertion, as BundID does). */
  sign?: 'assertion' | 'response';
  /** Changes the signed XML afterwards (a tampered attribute). */
  tamper?: (xml: string) => string;
  audience?: string;
  inResponseTo?: string;
  recipient?: string;
  destination?: string;
  assertionId?: string;
  /** Moves every timestamp (negative: issued in the past, so expired). */
  shiftMs?: number;
}

const ns = 'xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion"';
const esc = (s: string) =>
  s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
const xmlId = () => `_${randomBytes(16).toString('hex')}`;
const parser = new XMLParser({ ignoreAttributes: false, removeNSPrefix: true, attributeNamePrefix: '@' });

async function keyPair() {
  const pems = await generate([{ name: 'commonName', value: 'Lokale BundID' }], { keySize: 2048, algorithm: 'sha256' });
  return { key: pems.private, cert: pems.cert };
}

const certBody = (pem: string) => pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');

/** Reads an AuthnRequest from the HTTP-Redirect URL (or just its SAMLRequest value) the SP sent the browser to. */
export function parseAuthnRequest(location: string): ParsedRequest {
  const url = new URL(location, 'http://idp.invalid');
  const raw = url.searchParams.get('SAMLRequest');
  if (!raw) throw new Error(`no SAMLRequest in ${location}`);
  const xml = inflateRawSync(Buffer.from(raw, 'base64')).toString('utf8');
  const doc = parser.parse(xml).AuthnRequest;
  const asList = <V>(v: V | V[] | undefined): V[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
  const refs = asList(doc.RequestedAuthnContext?.AuthnContextClassRef).map(String);
  const requested = asList(doc.Extensions?.AuthenticationRequest?.RequestedAttributes?.RequestedAttribute).map(
    (a: Record<string, string>) => a['@Name'] ?? '',
  );
  return {
    id: doc['@ID'],
    acsUrl: doc['@AssertionConsumerServiceURL'],
    spEntityId: String(typeof doc.Issuer === 'object' ? doc.Issuer['#text'] : doc.Issuer),
    level: trustLevels.find((l) => refs.includes(samlClassRefs[l])),
    requested,
    relayState: url.searchParams.get('RelayState') ?? undefined,
  };
}

export interface SamlIdp {
  url: string;
  entityId: string;
  ssoUrl: string;
  metadataFile: string;
  /** The environment that points an app at this IdP (CITIZEN_LOGIN=saml, its metadata), plus `extra`. */
  env(extra?: Record<string, string>): Record<string, string>;
  /** A signed SAMLResponse (base64) to a request; the options forge bad ones. */
  respond(request: ParsedRequest, options?: ResponseOptions): string;
  close(): Promise<void>;
}

/** A local BundID-like SAML IdP on 127.0.0.1: metadata, a login page (no JS needed), signed responses. */
export async function startSamlIdp(): Promise<SamlIdp> {
  const [own, other] = await Promise.all([keyPair(), keyPair()]);
  const server: Server = createServer((req, res) => {
    handle(req)
      .then(({ status, type, body }) => {
        res.writeHead(status, { 'content-type': type });
        res.end(body);
      })
      .catch((err: Error) => {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(err.message);
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const entityId = `${url}/idp`;
  const ssoUrl = `${url}/sso`;
  const metadata = `<?xml version="1.0"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="${entityId}">
  <md:IDPSSODescriptor WantAuthnRequestsSigned="true" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:KeyDescriptor use="signing"><ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:X509Data><ds:X509Certificate>${certBody(own.cert)}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="${ssoUrl}"/>
  </md:IDPSSODescriptor>
</md:EntityDescriptor>`;
  const metadataFile = join(testEnv().DATA_DIR!, 'idp-metadata.xml');
  writeFileSync(metadataFile, metadata);

  function respond(request: ParsedRequest, o: ResponseOptions = {}): string {
    const shift = o.shiftMs ?? 0;
    const at = (ms: number) => new Date(Date.now() + shift + ms).toISOString();
    const level = o.level ?? request.level ?? 'basic';
    const inResponseTo = o.inResponseTo ?? request.id;
    const recipient = o.recipient ?? request.acsUrl;
    const wanted = new Set(request.requested);
    const values: [string, string][] = [[bpk2Oid, o.pseudonym ?? testPersons.erika.pseudonym]];
    for (const a of citizenAttributes) {
      const v = o.attributes?.[a];
      if (v !== undefined && wanted.has(attributeNames[a].saml)) values.push([attributeNames[a].saml, v]);
    }
    const attributes = values
      .map(
        ([name, v]) =>
          `<saml:Attribute Name="${esc(name)}" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:uri"><saml:AttributeValue>${esc(v)}</saml:AttributeValue></saml:Attribute>`,
      )
      .join('');
    const assertion = `<saml:Assertion ${ns} ID="${o.assertionId ?? xmlId()}" Version="2.0" IssueInstant="${at(0)}"><saml:Issuer>${esc(entityId)}</saml:Issuer><saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:transient">${xmlId()}</saml:NameID><saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData InResponseTo="${esc(inResponseTo)}" NotOnOrAfter="${at(5 * 60_000)}" Recipient="${esc(recipient)}"/></saml:SubjectConfirmation></saml:Subject><saml:Conditions NotBefore="${at(-30_000)}" NotOnOrAfter="${at(5 * 60_000)}"><saml:AudienceRestriction><saml:Audience>${esc(o.audience ?? request.spEntityId)}</saml:Audience></saml:AudienceRestriction></saml:Conditions><saml:AuthnStatement AuthnInstant="${at(0)}" SessionIndex="${xmlId()}"><saml:AuthnContext><saml:AuthnContextClassRef>${samlClassRefs[level]}</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement><saml:AttributeStatement>${attributes}</saml:AttributeStatement></saml:Assertion>`;
    const response = `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ${ns} ID="${xmlId()}" Version="2.0" IssueInstant="${at(0)}" Destination="${esc(o.destination ?? request.acsUrl)}" InResponseTo="${esc(inResponseTo)}"><saml:Issuer>${esc(entityId)}</saml:Issuer><samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>${assertion}</samlp:Response>`;
    const keys = o.wrongKey ? other : own;
    const element = o.sign === 'response' ? 'Response' : 'Assertion';
    const sig = new SignedXml({
      privateKey: keys.key,
      publicCert: keys.cert,
      signatureAlgorithm: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
      canonicalizationAlgorithm: 'http://www.w3.org/2001/10/xml-exc-c14n#',
    });
    sig.addReference({
      xpath: `/*[local-name(.)='Response']${element === 'Assertion' ? "/*[local-name(.)='Assertion']" : ''}`,
      transforms: ['http://www.w3.org/2000/09/xmldsig#enveloped-signature', 'http://www.w3.org/2001/10/xml-exc-c14n#'],
      digestAlgorithm: 'http://www.w3.org/2001/04/xmlenc#sha256',
    });
    const issuer = `/*[local-name(.)='Response']${element === 'Assertion' ? "/*[local-name(.)='Assertion']" : ''}/*[local-name(.)='Issuer']`;
    sig.computeSignature(response, { location: { reference: issuer, action: 'after' } });
    const signed = o.tamper ? o.tamper(sig.getSignedXml()) : sig.getSignedXml();
    return Buffer.from(signed, 'utf8').toString('base64');
  }

  async function handle(req: IncomingMessage): Promise<{ status: number; type: string; body: string }> {
    const path = new URL(req.url ?? '/', url);
    if (req.method === 'GET' && path.pathname === '/metadata') {
      return { status: 200, type: 'application/samlmetadata+xml', body: metadata };
    }
    if (req.method === 'GET' && path.pathname === '/sso') {
      return { status: 200, type: 'text/html; charset=utf-8', body: loginForm(parseAuthnRequest(req.url ?? '')) };
    }
    if (req.method === 'POST' && path.pathname === '/login') {
      const form = new URLSearchParams(await readBody(req));
      const request = JSON.parse(Buffer.from(form.get('request') ?? '', 'base64url').toString()) as ParsedRequest;
      const person = testPersons[(form.get('person') ?? 'erika') as keyof typeof testPersons] ?? testPersons.erika;
      const level = trustLevels.find((l) => l === form.get('level')) ?? 'basic';
      const saml = respond(request, { pseudonym: person.pseudonym, attributes: person.attributes, level });
      return { status: 200, type: 'text/html; charset=utf-8', body: postBack(request, saml) };
    }
    return { status: 404, type: 'text/plain', body: 'not found' };
  }

  return {
    url,
    entityId,
    ssoUrl,
    metadataFile,
    env: (extra = {}) => ({
      CITIZEN_LOGIN: 'saml',
      CITIZEN_SAML_IDP_METADATA_FILE: metadataFile,
      RATE_LIMIT_PUBLIC_WRITES_PER_MINUTE: '1000',
      ...extra,
    }),
    respond,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const page = (title: string, body: string, script = '') =>
  `<!doctype html><html lang="de"><head><meta charset="utf-8"><title>${esc(title)}</title></head><body><main>${body}</main>${script}</body></html>`;

/** The test IdP's login page: pick a person and a trust level; a plain form, no JavaScript needed. */
function loginForm(request: ParsedRequest): string {
  const persons = Object.entries(testPersons)
    .map(
      ([key, p], i) =>
        `<label><input type="radio" name="person" value="${key}"${i === 0 ? ' checked' : ''}> ${esc(`${p.attributes.givenName} ${p.attributes.familyName}`)}</label><br>`,
    )
    .join('');
  const levels = trustLevels
    .map(
      (l) =>
        `<label><input type="radio" name="level" value="${l}"${l === (request.level ?? 'basic') ? ' checked' : ''}> ${l}</label><br>`,
    )
    .join('');
  const encoded = Buffer.from(JSON.stringify(request)).toString('base64url');
  return page(
    'Lokale BundID – Anmeldung',
    `<h1>Lokale BundID (Test)</h1><form method="post" action="/login"><input type="hidden" name="request" value="${encoded}"><fieldset><legend>Testperson</legend>${persons}</fieldset><fieldset><legend>Vertrauensniveau</legend>${levels}</fieldset><button type="submit">Anmelden</button></form>`,
  );
}

/** Posts the response to the SP's ACS: at once with JavaScript, with the visible "Weiter" button without it. */
function postBack(request: ParsedRequest, samlResponse: string): string {
  const relay = request.relayState ? `<input type="hidden" name="RelayState" value="${esc(request.relayState)}">` : '';
  return page(
    'Lokale BundID – Weiterleitung',
    `<h1>Anmeldung erfolgreich</h1><form id="back" method="post" action="${esc(request.acsUrl)}"><input type="hidden" name="SAMLResponse" value="${samlResponse}">${relay}<button type="submit">Weiter</button></form>`,
    '<script>document.getElementById("back").submit()</script>',
  );
}
