import { randomBytes, randomUUID } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { compactDecrypt, type JWK } from 'jose';
import type { FitConnectConfig } from '../platform/config-fit-connect.js';
import { isJweFor, newSigningKey, rsaKey, type SigningKey, signEvent } from './fit-connect-keys.js';

// A local FIT-Connect for tests: OAuth token endpoint, Submission API v1 (destinations and their keys, submissions,
// attachments, the case event log), the Routing API's /v1/routes and the submission service's JWKS, on 127.0.0.1.
// It enforces the platform's rules (announced attachments uploaded before submit, JWE for the destination's key,
// size limit) and plays the office: it decrypts what arrived and accepts or rejects with signed events.

const problemPrefix = 'https://schema.fitko.de/fit-connect/submission-api/problems/';

export interface StandInDestination {
  destinationId: string;
  encryptionKid: string;
  /** The published encryption key (public JWK). */
  publicKey: JWK;
}

export interface ReceivedSubmission {
  submissionId: string;
  caseId: string;
  serviceType: { identifier: string; name: string };
  announcedAttachments: string[];
  submitted: boolean;
  /** The office side: decrypts metadata, data and attachments with the destination's private key. */
  decrypt(): Promise<{ metadata: string; data: string; attachments: Record<string, Uint8Array> }>;
}

interface Destination extends StandInDestination {
  status: string;
  services: string[];
  ars: string[];
  privateKey: CryptoKey;
  signing?: Promise<SigningKey>;
}
interface Submission {
  submissionId: string;
  caseId: string;
  destination: Destination;
  serviceType: { identifier: string; name: string };
  announced: string[];
  attachments: Map<string, string>;
  encryptedMetadata?: string;
  encryptedData?: string;
  events: string[];
}
interface Rule {
  remaining: number;
  status?: number;
  delayMs?: number;
  match: (method: string, path: string) => boolean;
}

export interface LocalFitConnect {
  config: FitConnectConfig;
  addDestination(options?: {
    services?: string[];
    ars?: string[];
    status?: string;
    keyBits?: number;
    keyUse?: 'enc' | 'sig';
  }): Promise<StandInDestination>;
  received(destinationId: string): ReceivedSubmission[];
  /** The office accepts: an accept-submission event signed with the destination's signing key. */
  accept(submissionId: string): Promise<void>;
  /** The office rejects: a reject-submission event with these problems. */
  reject(submissionId: string, problems: { type: string; title: string; detail: string }[]): Promise<void>;
  /** Appends an accept event with the destination's kid but signed by another key. */
  forgeEvent(submissionId: string): Promise<void>;
  /** The next `count` requests that `match` (default: any) are answered with `status` (default 503). */
  failNext(count: number, status?: number, match?: Rule['match']): void;
  /** The next `count` requests that `match` are answered only after `delayMs`. */
  stallNext(count: number, delayMs: number, match?: Rule['match']): void;
  /** Every token issued so far stops working (the client still thinks it valid). */
  expireTokens(): void;
  tokenLifetimeSeconds: number;
  tokensIssued: number;
  requests: { method: string; path: string; status: number }[];
  close(): Promise<void>;
}

/** Starts a local FIT-Connect on 127.0.0.1 (random port) with one client's credentials. */
export async function startFitConnectService(options: { maxBodyBytes?: number } = {}): Promise<LocalFitConnect> {
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  const clientId = `client-${randomUUID()}`;
  const clientSecret = randomBytes(24).toString('base64url');
  const platformKey = await newSigningKey();
  const destinations = new Map<string, Destination>();
  const submissions = new Map<string, Submission>();
  const tokens = new Map<string, number>();
  const rules: Rule[] = [];
  let origin = '';

  const officeKey = (d: Destination) => {
    d.signing ??= newSigningKey();
    return d.signing;
  };
  const submissionOf = (id: string) => {
    const s = submissions.get(id);
    if (!s) throw new Error(`no submission ${id}`);
    return s;
  };

  type Answer = [status: number, body?: unknown, contentType?: string];
  const problem = (status: number, type: string, detail: string): Answer => [
    status,
    { type: `${problemPrefix}${type}`, title: type.replaceAll('-', ' '), status, detail },
    'application/problem+json',
  ];

  async function route(method: string, url: URL, headers: IncomingMessage['headers'], body: string): Promise<Answer> {
    const path = url.pathname;
    if (method === 'POST' && path === '/token') {
      const form = new URLSearchParams(body);
      if (form.get('grant_type') !== 'client_credentials') return [400, { error: 'unsupported_grant_type' }];
      if (form.get('client_id') !== clientId || form.get('client_secret') !== clientSecret) {
        return [401, { error: 'invalid_client', error_description: 'client authentication failed' }];
      }
      const token = randomBytes(32).toString('base64url');
      tokens.set(token, Date.now() + service.tokenLifetimeSeconds * 1000);
      service.tokensIssued++;
      return [200, { access_token: token, token_type: 'Bearer', expires_in: service.tokenLifetimeSeconds }];
    }
    if (method === 'GET' && path === '/.well-known/jwks.json') return [200, { keys: [platformKey.publicJwk] }];
    if (method === 'GET' && path === '/v1/routes') {
      const identifier = `urn:de:fim:leika:leistung:${url.searchParams.get('leikaKey')}`;
      const ars = url.searchParams.get('ars') ?? '';
      const routes = [...destinations.values()]
        .filter((d) => d.services.includes(identifier) && d.ars.some((a) => ars.startsWith(a)))
        .map((d) => ({
          destinationId: d.destinationId,
          destinationName: 'Stand-in office',
          destinationSignature: 'a.b.c',
        }));
      return [200, { count: routes.length, offset: 0, totalCount: routes.length, routes }];
    }
    const token = headers.authorization?.replace(/^Bearer /, '') ?? '';
    if ((tokens.get(token) ?? 0) < Date.now()) return problem(401, 'unauthorized', 'missing or expired access token');

    let m = path.match(/^\/v1\/destinations\/([\w-]+)(?:\/keys\/([\w-]+))?$/);
    if (method === 'GET' && m) {
      const d = destinations.get(m[1]!);
      if (!d) return problem(404, 'destination-not-found', 'no such destination');
      if (!m[2]) {
        const services = d.services.map((identifier) => ({ identifier, submissionSchemas: [], regions: d.ars }));
        const { destinationId, status, encryptionKid } = d;
        return [200, { destinationId, status, services, encryptionKid, metadataVersions: ['1.0.0'] }];
      }
      if (m[2] === d.encryptionKid) return [200, d.publicKey];
      const signing = d.signing && (await d.signing);
      if (signing?.kid === m[2]) return [200, signing.publicJwk];
      return problem(404, 'key-not-found', 'no such key');
    }
    if (method === 'POST' && path === '/v1/submissions') {
      const req = JSON.parse(body) as {
        destinationId?: string;
        serviceType?: Submission['serviceType'];
        announcedAttachments?: string[];
      };
      const d = destinations.get(req.destinationId ?? '');
      if (!d) return problem(404, 'destination-not-found', 'no such destination');
      if (d.status !== 'active') return problem(422, 'destination-state-invalid', `destination is ${d.status}`);
      if (!req.serviceType || !d.services.includes(req.serviceType.identifier)) {
        return problem(422, 'service-not-allowed', 'the destination does not offer this service');
      }
      const s: Submission = {
        submissionId: randomUUID(),
        caseId: randomUUID(),
        destination: d,
        serviceType: req.serviceType,
        announced: req.announcedAttachments ?? [],
        attachments: new Map(),
        events: [],
      };
      submissions.set(s.submissionId, s);
      s.events.push(await signEvent(platformKey, origin, s, 'create-submission'));
      return [201, { destinationId: d.destinationId, submissionId: s.submissionId, caseId: s.caseId }];
    }
    m = path.match(/^\/v1\/submissions\/([\w-]+)(?:\/attachments\/([\w-]+))?$/);
    if (method === 'PUT' && m) {
      const s = submissions.get(m[1]!);
      if (!s) return problem(404, 'submission-not-found', 'no such submission');
      if (s.encryptedData) return problem(409, 'submission-state-invalid', 'the submission was already submitted');
      const kid = s.destination.encryptionKid;
      if (m[2]) {
        if (!s.announced.includes(m[2]))
          return problem(404, 'attachment-not-found', 'this attachment was not announced');
        if (headers['content-type'] !== 'application/jose')
          return problem(415, 'unsupported-media-type', 'send application/jose');
        if (!isJweFor(body, kid)) return problem(422, 'encryption-invalid', "not a JWE for the destination's key");
        s.attachments.set(m[2], body);
        return [204];
      }
      const req = JSON.parse(body) as { encryptedMetadata?: string; encryptedData?: string };
      if (!isJweFor(req.encryptedMetadata, kid) || !isJweFor(req.encryptedData, kid)) {
        return problem(422, 'encryption-invalid', "metadata and data must be JWE for the destination's key");
      }
      const missing = s.announced.filter((id) => !s.attachments.has(id));
      if (missing.length)
        return problem(422, 'missing-attachments', `announced attachments not uploaded: ${missing.join(', ')}`);
      s.encryptedMetadata = req.encryptedMetadata;
      s.encryptedData = req.encryptedData;
      s.events.push(await signEvent(platformKey, origin, s, 'submit-submission'));
      return [202, { destinationId: s.destination.destinationId, submissionId: s.submissionId, caseId: s.caseId }];
    }
    m = path.match(/^\/v1\/cases\/([\w-]+)\/events$/);
    if (method === 'GET' && m) {
      const s = [...submissions.values()].find((x) => x.caseId === m![1]);
      if (!s) return problem(404, 'case-not-found', 'no such case');
      return [200, { count: s.events.length, offset: 0, totalCount: s.events.length, eventLog: s.events }];
    }
    return problem(404, 'not-found', `${method} ${path}`);
  }

  const server = http.createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= maxBodyBytes) chunks.push(c);
    });
    req.on('end', async () => {
      const method = req.method ?? 'GET';
      const url = new URL(req.url ?? '/', origin);
      const rule = rules.find((r) => r.remaining > 0 && r.match(method, url.pathname));
      if (rule) rule.remaining--;
      if (rule?.delayMs) await new Promise((r) => setTimeout(r, rule.delayMs));
      let answer: Answer;
      if (rule?.status) answer = problem(rule.status, 'service-unavailable', 'the stand-in was told to fail');
      else if (size > maxBodyBytes) answer = problem(413, 'payload-too-large', `at most ${maxBodyBytes} bytes`);
      else
        answer = await route(method, url, req.headers, Buffer.concat(chunks).toString()).catch(() =>
          problem(400, 'bad-request', 'unreadable body'),
        );
      const [status, body, type = 'application/json'] = answer;
      service.requests.push({ method, path: url.pathname, status });
      if (res.destroyed) return;
      res.writeHead(status, body === undefined ? {} : { 'content-type': type });
      res.end(body === undefined ? undefined : JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const service: LocalFitConnect = {
    config: {
      tokenUrl: `${origin}/token`,
      submissionApiUrl: origin,
      routingApiUrl: origin,
      eventJwksUrl: `${origin}/.well-known/jwks.json`,
      clientId,
      clientSecret,
    },
    async addDestination(o = {}) {
      const { privateKey, jwk } = await rsaKey('RSA-OAEP-256', o.keyBits ?? 4096);
      const use = o.keyUse ?? 'enc';
      const publicKey: JWK =
        use === 'enc'
          ? { ...jwk, alg: 'RSA-OAEP-256', use, key_ops: ['wrapKey'] }
          : { ...jwk, alg: 'PS512', use, key_ops: ['verify'] };
      const d: Destination = {
        destinationId: randomUUID(),
        encryptionKid: jwk.kid!,
        publicKey,
        privateKey,
        status: o.status ?? 'active',
        services: o.services ?? ['urn:de:fim:leika:leistung:99123456760610'],
        ars: o.ars ?? ['05711'],
      };
      destinations.set(d.destinationId, d);
      return { destinationId: d.destinationId, encryptionKid: d.encryptionKid, publicKey };
    },
    received(destinationId) {
      return [...submissions.values()]
        .filter((s) => s.destination.destinationId === destinationId)
        .map((s) => ({
          submissionId: s.submissionId,
          caseId: s.caseId,
          serviceType: s.serviceType,
          announcedAttachments: s.announced,
          submitted: s.encryptedData !== undefined,
          async decrypt() {
            const open = async (jwe: string) => (await compactDecrypt(jwe, s.destination.privateKey)).plaintext;
            const attachments: Record<string, Uint8Array> = {};
            for (const [id, jwe] of s.attachments) attachments[id] = await open(jwe);
            const text = async (jwe?: string) => new TextDecoder().decode(await open(jwe ?? ''));
            return { metadata: await text(s.encryptedMetadata), data: await text(s.encryptedData), attachments };
          },
        }));
    },
    async accept(submissionId) {
      const s = submissionOf(submissionId);
      s.events.push(
        await signEvent(await officeKey(s.destination), s.destination.destinationId, s, 'accept-submission'),
      );
    },
    async reject(submissionId, problems) {
      const s = submissionOf(submissionId);
      const key = await officeKey(s.destination);
      s.events.push(await signEvent(key, s.destination.destinationId, s, 'reject-submission', { problems }));
    },
    async forgeEvent(submissionId) {
      const s = submissionOf(submissionId);
      const real = await officeKey(s.destination);
      const { privateKey } = await rsaKey('PS512', 2048);
      s.events.push(await signEvent({ ...real, privateKey }, s.destination.destinationId, s, 'accept-submission'));
    },
    failNext(count, status = 503, match = () => true) {
      rules.push({ remaining: count, status, match });
    },
    stallNext(count, delayMs, match = () => true) {
      rules.push({ remaining: count, delayMs, match });
    },
    expireTokens() {
      tokens.clear();
    },
    tokenLifetimeSeconds: 300,
    tokensIssued: 0,
    requests: [],
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return service;
}
