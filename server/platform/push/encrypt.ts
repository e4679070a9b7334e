import { createCipheriv, createECDH, createHmac, createPublicKey, randomBytes } from 'node:crypto';

// RFC 8291 (Message Encryption for Web Push) with the RFC 8188 'aes128gcm' content coding, one record.
// Every message gets a fresh ephemeral ECDH key pair and a fresh random salt (RFC 8291 §2: "When sending a message,
// an application server generates an ECDH key pair and a random salt ... can be discarded after encrypting the
// message"): a shared pair would make every message to one subscriber share its ECDH secret, leaving only the salt
// between them. What may be reused is the subscriber's decoded key material.

const keyInfoPrefix = Buffer.from('WebPush: info\0', 'latin1');
const cekInfo = Buffer.from('Content-Encoding: aes128gcm\0\x01', 'latin1');
const nonceInfo = Buffer.from('Content-Encoding: nonce\0\x01', 'latin1');
const one = Buffer.from([1]);
const lastRecord = Buffer.from([2]);
const recordSize = 4096;
/** Largest plaintext that fits one 4096-byte record (RFC 8291 §4: 4096 − 86 header − 16 tag − 1 delimiter). */
export const maxPayloadBytes = 3993;

/** The decoded key material of a subscription. */
export interface ReceiverKeys {
  /** The subscriber's uncompressed P-256 public key (65 bytes). */
  p256dh: Buffer;
  /** The 16-byte authentication secret. */
  auth: Buffer;
}

/** Decodes a subscription's base64url keys; throws when they have the wrong length or form. */
export function decodeReceiverKeys(p256dh: string, auth: string): ReceiverKeys {
  const key = Buffer.from(p256dh, 'base64url');
  const secret = Buffer.from(auth, 'base64url');
  if (key.length !== 65 || key[0] !== 4) throw new Error('p256dh must be an uncompressed P-256 point');
  if (secret.length !== 16) throw new Error('auth must be 16 bytes');
  return { p256dh: key, auth: secret };
}

/** Whether a base64url string is an uncompressed point on P-256 (what a subscription's p256dh must be). */
export function isP256PublicKey(p256dh: string): boolean {
  const key = Buffer.from(p256dh, 'base64url');
  if (key.length !== 65 || key[0] !== 4) return false;
  try {
    const x = key.subarray(1, 33).toString('base64url');
    createPublicKey({ format: 'jwk', key: { kty: 'EC', crv: 'P-256', x, y: key.subarray(33).toString('base64url') } });
    return true;
  } catch {
    return false;
  }
}

// One ECDH object per thread, given a fresh key pair per message by generateKeys(): constructing the object costs
// about as much as generating the pair, and nothing of a message's pair outlives the next call.
const ecdh = createECDH('prime256v1');

const hmac = (key: Buffer, ...data: Buffer[]) => {
  const h = createHmac('sha256', key);
  for (const d of data) h.update(d);
  return h.digest();
};

/**
 * Encrypts a payload for one subscriber: the complete aes128gcm body (salt, record size, sender key, ciphertext).
 * Throws when the payload exceeds one record or the subscriber's key is not on the curve.
 */
export function encryptPayload(receiver: ReceiverKeys, payload: Buffer, salt: Buffer = randomBytes(16)): Buffer {
  if (payload.length > maxPayloadBytes) throw new Error(`payload exceeds ${maxPayloadBytes} bytes`);
  const senderPublic = ecdh.generateKeys();
  const shared = ecdh.computeSecret(receiver.p256dh);
  const prkKey = hmac(receiver.auth, shared);
  const ikm = hmac(prkKey, keyInfoPrefix, receiver.p256dh, senderPublic, one);
  const prk = hmac(salt, ikm);
  const cek = hmac(prk, cekInfo).subarray(0, 16);
  const nonce = hmac(prk, nonceInfo).subarray(0, 12);
  const cipher = createCipheriv('aes-128-gcm', cek, nonce);
  // One buffer: salt (16), record size (4), key id length (1), sender key (65), ciphertext, delimiter, tag (16).
  const out = Buffer.allocUnsafe(86 + payload.length + 1 + 16);
  salt.copy(out, 0);
  out.writeUInt32BE(recordSize, 16);
  out[20] = senderPublic.length;
  senderPublic.copy(out, 21);
  let at = 86 + cipher.update(payload).copy(out, 86);
  // 0x02 closes the last (only) record; no padding.
  at += cipher.update(lastRecord).copy(out, at);
  at += cipher.final().copy(out, at);
  cipher.getAuthTag().copy(out, at);
  return out;
}
