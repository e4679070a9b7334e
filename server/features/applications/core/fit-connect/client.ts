import { createRemoteJWKSet, importJWK, type JWK } from 'jose';
import type { FitConnectConfig } from './config.js';
import {
  assertCiphertext,
  assertPublicKey,
  type EventKeyLookup,
  FitConnectError,
  type FitConnectEvent,
  type FitConnectProblem,
  shortText,
  signatureAlgorithm,
  uuidPattern,
  verifyEvent,
} from './encrypt.js';

export {
  FitConnectError,
  type FitConnectErrorCode,
  type FitConnectEvent,
  type FitConnectProblem,
} from './encrypt.js';

// A client of FIT-Connect's Submission API v1 (sender side) and Routing API v1. Every request has a deadline;
// every failure is a FitConnectError; the access token is cached and renewed shortly before it expires.

export interface FitConnectDestination {
  destinationId: string;
  /** 'created' | 'active' | 'inactive' | 'archived': only 'active' destinations take submissions. */
  status: string;
  services: {
    identifier: string;
    submissionSchemas?: { schemaUri: string; mimeType?: string }[];
    regions?: string[];
  }[];
  encryptionKid: string;
  metadataVersions?: string[];
}

export interface FitConnectRoute {
  destinationId: string;
  destinationName?: string;
}

export interface NewSubmission {
  destinationId: string;
  serviceType: { identifier: string; name: string };
  announcedAttachments: string[];
}

export interface CreatedSubmission {
  submissionId: string;
  caseId: string;
  destinationId: string;
}

export interface FitConnectClientOptions {
  /** Deadline of each request, answer included (default 15 s). */
  timeoutMs?: number;
  /** The clock of the token cache (tests). */
  now?: () => number;
}

const leikaIdentifierPattern = /^urn:de:fim:leika:leistung:\d{14}$/;
const kidPattern = /^[\w-]{1,128}$/;

export const refused = (message: string, problem: FitConnectProblem = {}) =>
  new FitConnectError('fit_connect_refused', message, problem);
const unavailable = (message: string) => new FitConnectError('fit_connect_unavailable', message);

function assertId(value: string, what: string, pattern = uuidPattern): void {
  if (typeof value !== 'string' || !pattern.test(value)) throw refused(`FIT-Connect ${what} is not valid`);
}

/** Reads an answer whose body we do not need, so its connection is free again; the step itself succeeded. */
const drain = (res: Response) => res.arrayBuffer().catch(() => undefined);

export class FitConnectClient {
  private token: { value: string; expiresAt: number } | undefined;
  private pendingToken: Promise<string> | undefined;
  private readonly platformKeys: ReturnType<typeof createRemoteJWKSet>;
  private readonly destinationKeys = new Map<string, Promise<CryptoKey | Uint8Array>>();
  private readonly timeoutMs: number;
  private readonly now: () => number;

  constructor(
    private readonly config: FitConnectConfig,
    options: FitConnectClientOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.now = options.now ?? Date.now;
    this.platformKeys = createRemoteJWKSet(new URL(config.eventJwksUrl), { timeoutDuration: this.timeoutMs });
  }

  /** GET /v1/destinations/{id}: the destination, or undefined when FIT-Connect does not know it; throws FitConnectError. */
  async findDestination(destinationId: string): Promise<FitConnectDestination | undefined> {
    assertId(destinationId, 'destination id');
    await this.accessToken(); // outside the try: a token endpoint's 404 is not an unknown destination
    try {
      const res = await this.call('destination lookup', 'GET', this.api(`/v1/destinations/${destinationId}`));
      const destination = await this.json<FitConnectDestination>('destination lookup', res);
      if (typeof destination.encryptionKid !== 'string' || !Array.isArray(destination.services)) {
        throw refused('FIT-Connect destination lookup: the answer lacks encryptionKid or services');
      }
      return destination;
    } catch (err) {
      if (err instanceof FitConnectError && err.problem.status === 404) return undefined;
      throw err;
    }
  }

  /** GET /v1/destinations/{id}/keys/{kid}: the public encryption key; throws `fit_connect_key_invalid` unless RSA-OAEP-256, ≥ 4096 bits, for wrapping keys. */
  async getEncryptionKey(destinationId: string, kid: string): Promise<JWK> {
    const jwk = await this.getKey(destinationId, kid, 'encryption key');
    assertPublicKey(jwk, 'enc');
    return jwk;
  }

  /** GET /v1/routes?leikaKey&ars (Routing API): the destinations responsible for a service in an area; throws FitConnectError. */
  async findRoutes(leikaKey: string, ars: string): Promise<FitConnectRoute[]> {
    if (!this.config.routingApiUrl) throw refused('FIT-Connect routing: no routingApiUrl is configured');
    const key = leistungsschluessel(leikaKey);
    assertId(ars, 'Regionalschlüssel (ars)', /^(\d{2}|\d{3}|\d{5}|\d{9}|\d{12})$/);
    const url = new URL('/v1/routes', this.config.routingApiUrl);
    url.search = new URLSearchParams({ leikaKey: key, ars }).toString();
    // The Routing API is public: our submission token is not sent there.
    const res = await this.call('routing', 'GET', url.toString(), undefined, false);
    const body = await this.json<{ routes?: { destinationId?: unknown; destinationName?: unknown }[] }>('routing', res);
    return (body.routes ?? [])
      .filter((r) => typeof r.destinationId === 'string' && uuidPattern.test(r.destinationId))
      .map((r) => ({ destinationId: r.destinationId as string, destinationName: shortText(r.destinationName) }));
  }

  /** POST /v1/submissions: announces a submission and its attachments; throws FitConnectError. */
  async createSubmission(submission: NewSubmission): Promise<CreatedSubmission> {
    assertId(submission.destinationId, 'destination id');
    assertId(submission.serviceType.identifier, 'service identifier (Leistungsschlüssel URN)', leikaIdentifierPattern);
    for (const id of submission.announcedAttachments) assertId(id, 'attachment id');
    if (new Set(submission.announcedAttachments).size !== submission.announcedAttachments.length) {
      throw refused('FIT-Connect submission create: an attachment id is announced twice');
    }
    const res = await this.call('submission create', 'POST', this.api('/v1/submissions'), { json: submission });
    const created = await this.json<CreatedSubmission>('submission create', res);
    if (typeof created.submissionId !== 'string' || typeof created.caseId !== 'string') {
      throw refused('FIT-Connect submission create: the answer lacks submissionId or caseId');
    }
    return { submissionId: created.submissionId, caseId: created.caseId, destinationId: submission.destinationId };
  }

  /** PUT /v1/submissions/{id}/attachments/{attachmentId}: uploads one encrypted attachment (JWE compact); throws FitConnectError. */
  async uploadAttachment(submissionId: string, attachmentId: string, jwe: string): Promise<void> {
    assertId(submissionId, 'submission id');
    assertId(attachmentId, 'attachment id');
    const path = `/v1/submissions/${submissionId}/attachments/${attachmentId}`;
    await drain(await this.call('attachment upload', 'PUT', this.api(path), { jose: jwe }));
  }

  /** PUT /v1/submissions/{id}: sends the encrypted metadata and data, which submits; throws FitConnectError. */
  async submit(submissionId: string, body: { encryptedMetadata: string; encryptedData: string }): Promise<void> {
    assertId(submissionId, 'submission id');
    const json = { encryptedMetadata: body.encryptedMetadata, encryptedData: body.encryptedData };
    await drain(await this.call('submit', 'PUT', this.api(`/v1/submissions/${submissionId}`), { json }));
  }

  /**
   * GET /v1/cases/{caseId}/events: the case's submit, accept and reject events, each signature verified (the
   * submission service's by the JWKS at `eventJwksUrl`, a destination's by its published signing key; with
   * `destinationId`, only that destination may sign). Other event types are verified and left out. Throws
   * `fit_connect_event_invalid` for any event that does not verify, else FitConnectError.
   */
  async listEvents(caseId: string, destinationId?: string): Promise<FitConnectEvent[]> {
    assertId(caseId, 'case id');
    const res = await this.call('event log', 'GET', this.api(`/v1/cases/${caseId}/events`));
    const body = await this.json<{ eventLog?: unknown }>('event log', res);
    if (!Array.isArray(body.eventLog)) throw refused('FIT-Connect event log: the answer lacks eventLog');
    const events: FitConnectEvent[] = [];
    for (const set of body.eventLog) {
      const event = await verifyEvent(set, caseId, this.eventKey, destinationId);
      if (event) events.push(event);
    }
    return events;
  }

  private readonly eventKey: EventKeyLookup = async (issuer, kid, byDestination) => {
    if (!byDestination) return this.platformKeys;
    try {
      return (await this.destinationSigningKey(issuer, kid)) as CryptoKey;
    } catch (err) {
      // A key the destination never published (or may not sign with) makes the event a forgery, not a refusal.
      if (err instanceof FitConnectError && !err.retryable) {
        throw new FitConnectError('fit_connect_event_invalid', `FIT-Connect event refused: ${err.message}`);
      }
      throw err;
    }
  };

  private destinationSigningKey(destinationId: string, kid: string): Promise<CryptoKey | Uint8Array> {
    const cacheKey = `${destinationId}/${kid}`;
    let key = this.destinationKeys.get(cacheKey);
    if (!key) {
      key = this.getKey(destinationId, kid, 'signing key').then((jwk) => {
        assertPublicKey(jwk, 'sig');
        return importJWK(jwk, signatureAlgorithm);
      });
      key.catch(() => this.destinationKeys.delete(cacheKey));
      this.destinationKeys.set(cacheKey, key);
    }
    return key;
  }

  private async getKey(destinationId: string, kid: string, what: string): Promise<JWK> {
    assertId(destinationId, 'destination id');
    assertId(kid, 'key id', kidPattern);
    const res = await this.call(what, 'GET', this.api(`/v1/destinations/${destinationId}/keys/${kid}`));
    const jwk = await this.json<JWK>(what, res);
    if (jwk.kid !== kid) throw new FitConnectError('fit_connect_key_invalid', `FIT-Connect ${what}: another kid came`);
    return jwk;
  }

  private api(path: string): string {
    return new URL(path, this.config.submissionApiUrl).toString();
  }

  /** One authorised request; a 401 renews the token and tries once more. */
  private async call(
    step: string,
    method: string,
    url: string,
    body?: { json?: unknown; jose?: string },
    authorised = true,
  ): Promise<Response> {
    for (let attempt = 0; ; attempt++) {
      const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
      const token = authorised ? await this.accessToken() : undefined;
      if (token) headers.authorization = `Bearer ${token}`;
      if (body?.json !== undefined) headers['content-type'] = 'application/json';
      if (body?.jose !== undefined) headers['content-type'] = 'application/jose';
      const payload = body?.jose ?? (body?.json === undefined ? undefined : JSON.stringify(body.json));
      const res = await this.send(step, url, { method, headers, body: payload });
      if (res.status === 401 && token && attempt === 0) {
        await res.body?.cancel();
        if (this.token?.value === token) this.token = undefined;
        continue;
      }
      if (!res.ok) throw await this.refusal(step, res);
      return res;
    }
  }

  private async send(step: string, url: string, init: RequestInit): Promise<Response> {
    try {
      return await fetch(url, { ...init, redirect: 'error', signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (err) {
      const timedOut = (err as Error).name === 'TimeoutError';
      throw unavailable(`FIT-Connect ${step}: ${timedOut ? `no answer within ${this.timeoutMs} ms` : 'not reachable'}`);
    }
  }

  private async json<T>(step: string, res: Response): Promise<T> {
    let body: string;
    try {
      body = await res.text();
    } catch {
      throw unavailable(`FIT-Connect ${step}: the answer broke off`);
    }
    try {
      return JSON.parse(body) as T;
    } catch {
      throw unavailable(`FIT-Connect ${step}: the answer is not JSON`);
    }
  }

  /** 408, 429 and 5xx can pass; other statuses are permanent. Problem details (or OAuth errors) are kept, secrets never. */
  private async refusal(step: string, res: Response): Promise<FitConnectError> {
    const problem: FitConnectProblem = { status: res.status };
    try {
      const body = JSON.parse(await res.text()) as Record<string, unknown>;
      problem.type = shortText(body.type) ?? shortText(body.error);
      problem.title = shortText(body.title);
      problem.detail = shortText(body.detail) ?? shortText(body.error_description);
    } catch {
      // no problem details: the status has to do
    }
    const said = (problem.detail ?? problem.title ?? problem.type ?? '').replaceAll(
      this.config.clientSecret,
      '[secret]',
    );
    const message = `FIT-Connect ${step} answered ${res.status}${said ? `: ${said}` : ''}`;
    const passing = res.status === 408 || res.status === 429 || res.status >= 500;
    return new FitConnectError(passing ? 'fit_connect_unavailable' : 'fit_connect_refused', message, problem);
  }

  private accessToken(): Promise<string> {
    if (this.token && this.now() < this.token.expiresAt) return Promise.resolve(this.token.value);
    this.pendingToken ??= this.fetchToken().finally(() => {
      this.pendingToken = undefined;
    });
    return this.pendingToken;
  }

  private async fetchToken(): Promise<string> {
    const { tokenUrl, clientId, clientSecret, scope } = this.config;
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: clientId,
      client_secret: clientSecret,
    });
    if (scope) form.set('scope', scope);
    const headers = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
    const res = await this.send('token request', tokenUrl, { method: 'POST', headers, body: form.toString() });
    if (!res.ok) throw await this.refusal('token request', res);
    const body = await this.json<{ access_token?: unknown; expires_in?: unknown }>('token request', res);
    if (typeof body.access_token !== 'string') throw refused('FIT-Connect token request: no access_token came');
    const lifetimeMs = typeof body.expires_in === 'number' ? body.expires_in * 1000 : 300_000;
    // Renewed 30 s before it expires (a tenth of a shorter lifetime), so no request leaves with a dying token.
    this.token = { value: body.access_token, expiresAt: this.now() + lifetimeMs - Math.min(30_000, lifetimeMs / 10) };
    return body.access_token;
  }
}

/** The bare 14-digit Leistungsschlüssel of a key or its URN; throws `fit_connect_refused` for anything else. */
export function leistungsschluessel(key: string): string {
  const digits = key.replace(/^urn:de:fim:leika:leistung:/, '');
  assertId(digits, 'Leistungsschlüssel', /^\d{14}$/);
  return digits;
}
