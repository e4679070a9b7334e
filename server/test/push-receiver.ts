import { createDecipheriv, createECDH, createHmac, createPublicKey, randomBytes, verify } from 'node:crypto';

// The user agent's side of Web Push, for the local push service: a subscription's key pair, RFC 8291 decryption
// and the RFC 8292 VAPID check. Written from the RFCs, independently of server/platform/push.

export interface ReceiverSubscription {
  id: string;
  endpoint: string;
  keys: { p256dh: string; auth: string };
  /** The private side: the ECDH key pair and auth secret. */
  ecdh: ReturnType<typeof createECDH>;
  authSecret: Buffer;
  /** 'WebPush: info' 0x00 and the public key: the start of every message's key info (RFC 8291 §3.3). */
  keyInfoPrefix: Buffer;
}

/** A new subscription key pair and auth secret for an endpoint. */
export function createReceiver(id: string, endpoint: string): ReceiverSubscription {
  const ecdh = createECDH('prime256v1');
  const publicKey = ecdh.generateKeys();
  const authSecret = randomBytes(16);
  return {
    id,
    endpoint,
    keys: { p256dh: publicKey.toString('base64url'), auth: authSecret.toString('base64url') },
    ecdh,
    authSecret,
    keyInfoPrefix: Buffer.concat([Buffer.from('WebPush: info\0'), publicKey]),
  };
}

const hmac = (key: Buffer, data: Buffer) => createHmac('sha256', key).update(data).digest();
const one = Buffer.from([1]);
const cekInfo = Buffer.from('Content-Encoding: aes128gcm\0\x01');
const nonceInfo = Buffer.from('Content-Encoding: nonce\0\x01');

/** Decrypts an aes128gcm body (one record) for the subscription; throws when it does not decrypt. */
export function decryptBody(sub: ReceiverSubscription, body: Buffer): Buffer {
  if (body.length < 21 + 16) throw new Error('body too short');
  const salt = body.subarray(0, 16);
  const rs = body.readUInt32BE(16);
  const idlen = body[20]!;
  const keyid = body.subarray(21, 21 + idlen);
  const record = body.subarray(21 + idlen);
  if (idlen !== 65 || rs < 18 || record.length > rs) throw new Error('bad aes128gcm header');
  const shared = sub.ecdh.computeSecret(keyid);
  const ikm = createHmac('sha256', hmac(sub.authSecret, shared))
    .update(sub.keyInfoPrefix)
    .update(keyid)
    .update(one)
    .digest();
  const prk = hmac(salt, ikm);
  const cek = hmac(prk, cekInfo).subarray(0, 16);
  const nonce = hmac(prk, nonceInfo).subarray(0, 12);
  const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(record.subarray(record.length - 16));
  const plain = Buffer.concat([decipher.update(record.subarray(0, record.length - 16)), decipher.final()]);
  let end = plain.length - 1;
  while (end >= 0 && plain[end] === 0) end -= 1;
  if (plain[end] !== 2) throw new Error('missing last-record delimiter');
  return plain.subarray(0, end);
}

export interface VapidClaims {
  aud: string;
  exp: number;
  sub: string;
}

/**
 * Checks an `Authorization: vapid t=…, k=…` header: ES256 signature by k (verified once per distinct token and
 * remembered in `verified`), aud = origin, exp in the future and at most 24 h ahead, sub a mailto: or https: URI.
 * Returns the token, or throws with the reason.
 */
export function checkVapid(
  header: string | undefined,
  origin: string,
  nowSeconds: number,
  verified: Map<string, VapidClaims>,
): string {
  const m = /^vapid\s+t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(header ?? '');
  if (!m) throw new Error('no vapid authorization');
  const token = m[1]!;
  const cacheKey = `${token} ${m[2]}`;
  let claims = verified.get(cacheKey);
  if (!claims) {
    claims = verifyToken(token, m[2]!);
    verified.set(cacheKey, claims);
  }
  if (claims.aud !== origin) throw new Error(`aud ${claims.aud} is not ${origin}`);
  if (!(claims.exp > nowSeconds && claims.exp <= nowSeconds + 24 * 3600)) throw new Error('exp out of range');
  if (!/^(mailto:|https:)/.test(claims.sub ?? '')) throw new Error('sub must be mailto: or https:');
  return token;
}

function verifyToken(token: string, key: string): VapidClaims {
  const [h, c, s] = token.split('.');
  if (!h || !c || !s) throw new Error('malformed JWT');
  const head = JSON.parse(Buffer.from(h, 'base64url').toString()) as { alg?: string };
  if (head.alg !== 'ES256') throw new Error('alg must be ES256');
  const point = Buffer.from(key, 'base64url');
  const x = point.subarray(1, 33).toString('base64url');
  const publicKey = createPublicKey({
    format: 'jwk',
    key: { kty: 'EC', crv: 'P-256', x, y: point.subarray(33).toString('base64url') },
  });
  const signature = Buffer.from(s, 'base64url');
  if (!verify('sha256', Buffer.from(`${h}.${c}`), { key: publicKey, dsaEncoding: 'ieee-p1363' }, signature)) {
    throw new Error('bad signature');
  }
  return JSON.parse(Buffer.from(c, 'base64url').toString()) as VapidClaims;
}
