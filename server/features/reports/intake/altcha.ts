import { createChallenge, extractParams, verifySolution } from 'altcha-lib/v1';
import type { Challenge } from 'altcha-lib/v1/types';
import type { Queryable } from '../../../platform/db.js';
import type { Deps } from '../../../platform/deps.js';
import { claimIdempotencyKey } from '../core/idempotency-queries.js';

/**
 * Proof of work without tracking (ALTCHA, hash-based protocol "v1": the widget gets {algorithm, challenge,
 * maxnumber, salt, signature} and answers with a base64 JSON payload). Challenges live a day, so a report written
 * offline can still be sent later; each solved challenge is accepted once.
 */
export const altchaChallengeTtlMs = 24 * 60 * 60 * 1000;

/** A fresh signed challenge as the `altcha` widget expects it. */
export async function createAltchaChallenge(deps: Deps): Promise<Challenge> {
  const { altchaHmacKey, altchaMaxNumber } = deps.config.reports;
  return createChallenge({
    hmacKey: altchaHmacKey,
    maxnumber: altchaMaxNumber,
    expires: new Date(deps.now().getTime() + altchaChallengeTtlMs),
  });
}

export type AltchaCheck = { ok: true; signature: string } | { ok: false; reason: 'invalid' | 'expired' };

interface PayloadShape {
  algorithm?: unknown;
  challenge?: unknown;
  number?: unknown;
  salt?: unknown;
  signature?: unknown;
}

/** Decodes the widget's payload (base64 JSON, or plain JSON from scripted clients); undefined when malformed. */
function decode(payload: string): PayloadShape | undefined {
  if (payload.length > 2000) return undefined;
  for (const text of [Buffer.from(payload, 'base64').toString('utf8'), payload]) {
    try {
      const v = JSON.parse(text) as unknown;
      if (v && typeof v === 'object') return v as PayloadShape;
    } catch {
      // try the next form
    }
  }
  return undefined;
}

/**
 * Checks signature, solution and expiry (against deps.now, so tests can move the clock). Does not check replay:
 * markAltchaUsed does, in the submitting transaction.
 */
export async function checkAltcha(deps: Deps, payload: string): Promise<AltchaCheck> {
  const p = decode(payload);
  if (
    !p ||
    typeof p.salt !== 'string' ||
    typeof p.signature !== 'string' ||
    typeof p.challenge !== 'string' ||
    typeof p.number !== 'number' ||
    !['SHA-1', 'SHA-256', 'SHA-512'].includes(String(p.algorithm))
  ) {
    return { ok: false, reason: 'invalid' };
  }
  const solution = {
    algorithm: p.algorithm as 'SHA-256',
    challenge: p.challenge,
    number: p.number,
    salt: p.salt,
    signature: p.signature,
  };
  let verified = false;
  try {
    verified = await verifySolution(solution, deps.config.reports.altchaHmacKey, false);
  } catch {
    verified = false;
  }
  if (!verified) return { ok: false, reason: 'invalid' };
  const expires = Number(extractParams(solution).expires);
  // Our challenges always carry an expiry; one without was not made here.
  if (!Number.isFinite(expires) || expires * 1000 < deps.now().getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, signature: p.signature };
}

/**
 * Records a solved challenge as used in the caller's transaction (kept a day, like idempotency keys, which is as
 * long as a challenge lives). False when it was used before.
 */
export async function markAltchaUsed(tx: Queryable, signature: string, now: Date): Promise<boolean> {
  return claimIdempotencyKey(tx, {
    scope: 'altcha',
    key: signature,
    requestHash: '',
    at: now,
    // A used challenge stays used until the sweep removes it; by then it has expired anyway.
    expiredBefore: new Date(0),
  });
}
