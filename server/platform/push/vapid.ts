import { createECDH, createPrivateKey, type KeyObject, sign } from 'node:crypto';
import type { Queryable } from '../db.js';
import { findVapidKeys, insertVapidKeys } from './queries.js';

// RFC 8292 (VAPID). The key pair is created at first use and kept in the database, because browsers bind each
// subscription to the public key they were given. A JWT is signed once per push-service origin and reused until an
// hour before it expires (RFC 8292 §2 allows reuse; signing per message was most of web-push's CPU time).

export interface VapidKeys {
  /** base64url of the uncompressed P-256 point: the browser's applicationServerKey and the `k=` parameter. */
  publicKey: string;
  privateKey: KeyObject;
}

const tokenLifetimeSeconds = 12 * 60 * 60;
const renewBeforeSeconds = 60 * 60;

const keysByMunicipality = new Map<string, Promise<VapidKeys>>();

function toKeyObject(publicKey: string, privateKey: string): KeyObject {
  const point = Buffer.from(publicKey, 'base64url');
  return createPrivateKey({
    format: 'jwk',
    key: {
      kty: 'EC',
      crv: 'P-256',
      d: privateKey,
      x: point.subarray(1, 33).toString('base64url'),
      y: point.subarray(33, 65).toString('base64url'),
    },
  });
}

async function loadOrCreate(db: Queryable, municipalityId: string): Promise<VapidKeys> {
  let row = await findVapidKeys(db, municipalityId);
  if (!row) {
    const ecdh = createECDH('prime256v1');
    ecdh.generateKeys();
    // Two processes may start at once: the first insert wins, both then read the same row.
    await insertVapidKeys(db, municipalityId, {
      publicKey: ecdh.getPublicKey().toString('base64url'),
      privateKey: ecdh.getPrivateKey().toString('base64url'),
    });
    row = await findVapidKeys(db, municipalityId);
    if (!row) throw new Error('VAPID keys vanished after insert');
  }
  return { publicKey: row.public_key, privateKey: toKeyObject(row.public_key, row.private_key) };
}

/** The municipality's VAPID key pair, created and stored at first use; cached per process. */
export function getVapidKeys(db: Queryable, municipalityId: string): Promise<VapidKeys> {
  let keys = keysByMunicipality.get(municipalityId);
  if (!keys) {
    keys = loadOrCreate(db, municipalityId);
    keys.catch(() => keysByMunicipality.delete(municipalityId));
    keysByMunicipality.set(municipalityId, keys);
  }
  return keys;
}

/** Signs VAPID tokens and reuses each per (key, origin) until it nears expiry. */
export interface VapidSigner {
  /** The `Authorization` header value for a push-service origin. */
  authorization(keys: VapidKeys, origin: string): string;
  /** Tokens signed so far (for tests and the bench). */
  readonly signatures: number;
}

/**
 * A token cache. Expiry is wall-clock time, not the application clock: the push service checks `exp` against its
 * own clock.
 */
export function createVapidSigner(subject: string, wallClock: () => number = Date.now): VapidSigner {
  const cache = new Map<string, { header: string; renewAt: number }>();
  let signatures = 0;
  const header = Buffer.from(JSON.stringify({ typ: 'JWT', alg: 'ES256' })).toString('base64url');
  return {
    get signatures() {
      return signatures;
    },
    authorization(keys, origin) {
      const cacheKey = `${keys.publicKey} ${origin}`;
      const nowMs = wallClock();
      const cached = cache.get(cacheKey);
      if (cached && cached.renewAt > nowMs) return cached.header;
      const exp = Math.floor(nowMs / 1000) + tokenLifetimeSeconds;
      const claims = Buffer.from(JSON.stringify({ aud: origin, exp, sub: subject })).toString('base64url');
      const input = `${header}.${claims}`;
      const signature = sign('sha256', Buffer.from(input), { key: keys.privateKey, dsaEncoding: 'ieee-p1363' });
      signatures += 1;
      const value = `vapid t=${input}.${signature.toString('base64url')}, k=${keys.publicKey}`;
      cache.set(cacheKey, { header: value, renewAt: (exp - renewBeforeSeconds) * 1000 });
      return value;
    },
  };
}
