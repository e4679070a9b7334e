import { randomUUID } from 'node:crypto';
import { calculateJwkThumbprint, decodeProtectedHeader, exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';

// Keys and signed events of the local FIT-Connect (fit-connect-service.ts): RSA key pairs as FIT-Connect publishes
// them (kid = JWK thumbprint), Security Event Tokens signed with PS512, the platform's check of a relayed JWE.

const eventPrefix = 'https://schema.fitko.de/fit-connect/events/';

export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

export async function rsaKey(alg: 'RSA-OAEP-256' | 'PS512', bits: number) {
  const { publicKey, privateKey } = await generateKeyPair(alg, { modulusLength: bits, extractable: true });
  const jwk = await exportJWK(publicKey);
  return { privateKey, jwk: { ...jwk, kid: await calculateJwkThumbprint(jwk) } };
}

export async function newSigningKey(): Promise<SigningKey> {
  const { privateKey, jwk } = await rsaKey('PS512', 4096);
  return { kid: jwk.kid, privateKey, publicJwk: { ...jwk, alg: 'PS512', use: 'sig', key_ops: ['verify'] } };
}

export function isJweFor(body: unknown, kid: string): boolean {
  if (typeof body !== 'string' || body.split('.').length !== 5) return false;
  try {
    const h = decodeProtectedHeader(body);
    return h.alg === 'RSA-OAEP-256' && h.enc === 'A256GCM' && h.kid === kid;
  } catch {
    return false;
  }
}

/** A Security Event Token of a submission's case, as FIT-Connect's event log holds them. */
export function signEvent(
  key: SigningKey,
  issuer: string,
  s: { submissionId: string; caseId: string },
  type: string,
  data: object = {},
): Promise<string> {
  return new SignJWT({
    $schema: 'https://schema.fitko.de/fit-connect/set-payload/1.0.0/set-payload.schema.json',
    txn: `case:${s.caseId}`,
    events: { [`${eventPrefix}${type}`]: data },
  })
    .setProtectedHeader({ alg: 'PS512', typ: 'secevent+jwt', kid: key.kid })
    .setIssuer(issuer)
    .setIssuedAt()
    .setJti(randomUUID())
    .setSubject(`submission:${s.submissionId}`)
    .sign(key.privateKey);
}
