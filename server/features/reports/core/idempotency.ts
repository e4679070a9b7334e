import { createHash } from 'node:crypto';
import type { Queryable } from '../../../platform/db.js';
import { AppError } from '../../../platform/errors.js';
import { claimIdempotencyKey, selectIdempotentRequest, storeIdempotentResponse } from './idempotency-queries.js';

/** How long a key is remembered (the stored answer carries the status token; see the migration). */
export const idempotencyTtlMs = 24 * 60 * 60 * 1000;

/** Keys clients may send: 8–128 visible ASCII characters (UUIDs, ULIDs, random strings). */
export const idempotencyKeyPattern = /^[\x21-\x7e]{8,128}$/;

/** SHA-256 of a canonical JSON form (object keys sorted; Buffers hashed), to compare two requests. */
export function requestHash(value: unknown): string {
  const canonical = (v: unknown): unknown => {
    if (Buffer.isBuffer(v)) return { sha256: createHash('sha256').update(v).digest('hex') };
    if (Array.isArray(v)) return v.map(canonical);
    if (v && typeof v === 'object') {
      return Object.fromEntries(
        Object.keys(v as object)
          .sort()
          .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
          .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
      );
    }
    return v;
  };
  return createHash('sha256')
    .update(JSON.stringify(canonical(value)))
    .digest('hex');
}

/**
 * Runs `run` once per (scope, key) within the caller's transaction and stores its answer with it: a replay with
 * the same key and request hash gets the first answer (run is not called); the same key with another request
 * throws conflict. A concurrent request with the same key waits for the first one's transaction; if that one
 * fails, nothing is stored and the second runs. Entries older than a day count as gone.
 */
export async function withIdempotency<T>(
  tx: Queryable,
  scope: string,
  key: string,
  hash: string,
  run: () => Promise<T>,
  now: Date,
): Promise<T> {
  if (!idempotencyKeyPattern.test(key)) {
    throw new AppError('validation_failed', 'The Idempotency-Key is not valid', {
      idempotencyKey: 'reports-core.errors.idempotency_key_invalid',
    });
  }
  const expiredBefore = new Date(now.getTime() - idempotencyTtlMs);
  if (await claimIdempotencyKey(tx, { scope, key, requestHash: hash, at: now, expiredBefore })) {
    const result = await run();
    await storeIdempotentResponse(tx, scope, key, result);
    return result;
  }
  const stored = await selectIdempotentRequest(tx, scope, key);
  if (!stored || stored.request_hash !== hash) {
    throw new AppError('conflict', 'This Idempotency-Key was used for a different request', {
      idempotencyKey: 'reports-core.errors.idempotency_key_reused',
    });
  }
  return stored.response as T;
}
