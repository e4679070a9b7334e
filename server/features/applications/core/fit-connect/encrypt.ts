import { decodeJwt, decodeProtectedHeader, type JWK, type JWTPayload, type JWTVerifyGetKey, jwtVerify } from 'jose';
import { ciphertextProblem, encryptJwe, jweAlg, jweEnc } from '../jwe.js';

// FIT-Connect's JOSE rules (the citizen's browser encrypts; we check what we relay, encrypt only for the
// no-JavaScript fallback and verify the signed event log): RSA keys of at least 4096 bits, RSA-OAEP-256 key
// wrapping, A256GCM content encryption, PS512-signed Security Event Tokens. Also the adapter's one error type.

export const keyAlgorithm = jweAlg;
export const contentEncryption = jweEnc;
export const signatureAlgorithm = 'PS512';
const minimumKeyBits = 4096;
const eventPrefix = 'https://schema.fitko.de/fit-connect/events/';
export const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type FitConnectErrorCode =
  | 'fit_connect_unavailable'
  | 'fit_connect_refused'
  | 'fit_connect_key_invalid'
  | 'fit_connect_ciphertext_invalid'
  | 'fit_connect_event_invalid';

/** What a refusal said (RFC 9457 problem details of FIT-Connect, or the HTTP status alone). */
export interface FitConnectProblem {
  status?: number;
  type?: string;
  title?: string;
  detail?: string;
}

/**
 * Every failure of the adapter. Only `fit_connect_unavailable` (network, timeout, 429, 5xx) is worth retrying; the
 * others are permanent. Messages name the step and the problem, never a token or a secret.
 */
export class FitConnectError extends Error {
  readonly retryable: boolean;
  constructor(
    readonly code: FitConnectErrorCode,
    message: string,
    readonly problem: FitConnectProblem = {},
  ) {
    super(message);
    this.name = 'FitConnectError';
    this.retryable = code === 'fit_connect_unavailable';
  }
}

const keyInvalid = (why: string) => new FitConnectError('fit_connect_key_invalid', `FIT-Connect key refused: ${why}`);

/** Bits of an RSA modulus given as base64url (leading zero octets do not count). */
function modulusBits(n: string): number {
  const bytes = Buffer.from(n, 'base64url');
  let i = 0;
  while (i < bytes.length && bytes[i] === 0) i++;
  if (i === bytes.length) return 0;
  return (bytes.length - i - 1) * 8 + (32 - Math.clz32(bytes[i]!));
}

/** Checks a public JWK for one purpose (`enc`: wrapping content keys; `sig`: verifying events); throws `fit_connect_key_invalid`. */
export function assertPublicKey(jwk: JWK, purpose: 'enc' | 'sig'): void {
  if (jwk.kty !== 'RSA' || typeof jwk.n !== 'string' || typeof jwk.e !== 'string') throw keyInvalid('not an RSA key');
  if (jwk.d !== undefined) throw keyInvalid('a private key was published');
  if (typeof jwk.kid !== 'string' || jwk.kid === '') throw keyInvalid('no kid');
  const alg = purpose === 'enc' ? keyAlgorithm : signatureAlgorithm;
  if (jwk.alg !== alg) throw keyInvalid(`alg is ${jwk.alg ?? 'missing'}, not ${alg}`);
  const operation = purpose === 'enc' ? 'wrapKey' : 'verify';
  // FIT-Connect publishes key_ops; `use` is accepted too. Whatever is given must allow the purpose.
  if (jwk.use === undefined && jwk.key_ops === undefined) throw keyInvalid('neither use nor key_ops');
  if (jwk.use !== undefined && jwk.use !== purpose) throw keyInvalid(`use is ${jwk.use}, not ${purpose}`);
  if (jwk.key_ops !== undefined && !jwk.key_ops.includes(operation)) throw keyInvalid(`key_ops lack ${operation}`);
  const bits = modulusBits(jwk.n);
  if (bits < minimumKeyBits) throw keyInvalid(`${bits} bits, at least ${minimumKeyBits} required`);
}

/**
 * Checks that `jwe` is a JWE in compact serialisation for the destination's key (alg RSA-OAEP-256, enc A256GCM,
 * kid = `kid`) without decrypting it; throws `fit_connect_ciphertext_invalid` naming `what`.
 */
export function assertCiphertext(jwe: string, kid: string, what: string): void {
  const problem = ciphertextProblem(jwe, kid);
  if (problem)
    throw new FitConnectError(
      'fit_connect_ciphertext_invalid',
      `FIT-Connect ${what} refused before sending: ${problem}`,
    );
}

/**
 * Encrypts `plaintext` for a destination's public key as a JWE in compact serialisation (RSA-OAEP-256, A256GCM,
 * kid from the key, `cty` = contentType when given). Only for the no-JavaScript fallback and tests: normally the
 * citizen's browser encrypts. Throws `fit_connect_key_invalid` for a key FIT-Connect does not allow.
 */
export async function encryptForDestination(
  jwk: JWK,
  plaintext: Uint8Array | string,
  contentType?: string,
): Promise<string> {
  assertPublicKey(jwk, 'enc');
  return encryptJwe(jwk as JWK & { kid: string; n: string; e: string }, plaintext, contentType);
}

interface EventBase {
  submissionId: string;
  caseId: string;
  /** The submission service's URL (submit) or the destination's id (accept, reject). */
  issuer: string;
  issuedAt: Date;
}
export type FitConnectEvent =
  | (EventBase & { type: 'submit-submission' | 'accept-submission' })
  | (EventBase & { type: 'reject-submission'; problems: FitConnectProblem[] });

/** The key to verify an event by: the submission service's JWKS, or the signing key a destination published. */
export type EventKeyLookup = (
  issuer: string,
  kid: string,
  byDestination: boolean,
) => Promise<CryptoKey | JWTVerifyGetKey>;

const eventInvalid = (why: string) =>
  new FitConnectError('fit_connect_event_invalid', `FIT-Connect event refused: ${why}`);
export const shortText = (v: unknown) => (typeof v === 'string' ? v.slice(0, 500) : undefined);

/**
 * Verifies one entry of a case's event log (a PS512-signed Security Event Token of that case) and reads it: a
 * submit, accept or reject event, or undefined for other event types. Submits must come from the submission
 * service, accepts and rejects from a destination (with `destinationId`: that one). Throws
 * `fit_connect_event_invalid`, or `fit_connect_unavailable` when the keys cannot be fetched.
 */
export async function verifyEvent(
  set: unknown,
  caseId: string,
  keyFor: EventKeyLookup,
  destinationId?: string,
): Promise<FitConnectEvent | undefined> {
  let issuer: unknown;
  let kid: unknown;
  try {
    issuer = decodeJwt(set as string).iss;
    kid = decodeProtectedHeader(set as string).kid;
  } catch {
    throw eventInvalid('not a JWT');
  }
  if (typeof issuer !== 'string' || typeof kid !== 'string') throw eventInvalid('no issuer or kid');
  const byDestination = uuidPattern.test(issuer);
  if (byDestination && destinationId && issuer !== destinationId) throw eventInvalid('signed by another destination');
  const key = await keyFor(issuer, kid, byDestination);
  let payload: JWTPayload;
  try {
    const options = { algorithms: [signatureAlgorithm], typ: 'secevent+jwt', issuer };
    ({ payload } = await jwtVerify(set as string, key as CryptoKey, options));
  } catch (err) {
    const name = (err as Error).name;
    if (name === 'JWKSTimeout' || name === 'TypeError')
      throw new FitConnectError('fit_connect_unavailable', 'FIT-Connect event keys: no answer');
    throw eventInvalid('the signature does not verify');
  }
  const submissionId = typeof payload.sub === 'string' ? payload.sub.replace(/^submission:/, '') : '';
  if (payload.txn !== `case:${caseId}`) throw eventInvalid('it belongs to another case');
  if (!uuidPattern.test(submissionId) || typeof payload.iat !== 'number' || typeof payload.jti !== 'string') {
    throw eventInvalid('sub, iat or jti missing');
  }
  const entries = Object.entries((payload.events ?? {}) as Record<string, { problems?: unknown }>);
  if (entries.length !== 1) throw eventInvalid('it must hold exactly one event');
  const [uri, data] = entries[0]!;
  const type = uri.startsWith(eventPrefix) ? uri.slice(eventPrefix.length) : uri;
  const base = { submissionId, caseId, issuer, issuedAt: new Date(payload.iat * 1000) };
  // The submission service confirms a submit; only the destination (the office) accepts or rejects.
  if (type === 'submit-submission') {
    if (byDestination) throw eventInvalid('a submit event must come from the submission service');
    return { type, ...base };
  }
  if (type !== 'accept-submission' && type !== 'reject-submission') return undefined;
  if (!byDestination) throw eventInvalid(`a ${type} event must come from the destination`);
  if (type === 'accept-submission') return { type, ...base };
  const problems = Array.isArray(data?.problems) ? (data.problems as Record<string, unknown>[]) : [];
  return {
    type,
    ...base,
    problems: problems.map((p) => ({
      type: shortText(p?.type),
      title: shortText(p?.title),
      detail: shortText(p?.detail),
    })),
  };
}
