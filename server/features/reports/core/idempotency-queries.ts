import type { Queryable } from '../../../platform/db.js';

// The one owner of idempotent_requests: idempotent submissions and used proof-of-work solutions.

/**
 * Claims (scope, key) for this request: inserts a placeholder, or takes over an entry older than `expiredBefore`.
 * A concurrent claim of the same key waits here until the first transaction ends. True when claimed.
 */
export async function claimIdempotencyKey(
  tx: Queryable,
  p: { scope: string; key: string; requestHash: string; at: Date; expiredBefore: Date },
): Promise<boolean> {
  const { rows } = await tx.query(
    `INSERT INTO idempotent_requests (scope, key, request_hash, response, created_at)
     VALUES ($1, $2, $3, 'null'::jsonb, $4)
     ON CONFLICT (scope, key) DO UPDATE SET request_hash = EXCLUDED.request_hash, response = EXCLUDED.response,
       created_at = EXCLUDED.created_at
       WHERE idempotent_requests.created_at < $5
     RETURNING 1`,
    [p.scope, p.key, p.requestHash, p.at, p.expiredBefore],
  );
  return rows.length > 0;
}

export interface IdempotentRequestRow {
  request_hash: string;
  response: unknown;
  created_at: Date;
}

/** The stored entry of (scope, key), or undefined. */
export async function selectIdempotentRequest(
  tx: Queryable,
  scope: string,
  key: string,
): Promise<IdempotentRequestRow | undefined> {
  const { rows } = await tx.query<IdempotentRequestRow>(
    'SELECT request_hash, response, created_at FROM idempotent_requests WHERE scope = $1 AND key = $2',
    [scope, key],
  );
  return rows[0];
}

/** Stores the answer of a claimed (scope, key). */
export async function storeIdempotentResponse(tx: Queryable, scope: string, key: string, response: unknown) {
  await tx.query('UPDATE idempotent_requests SET response = $3 WHERE scope = $1 AND key = $2', [
    scope,
    key,
    JSON.stringify(response),
  ]);
}

/** Deletes entries created before `before`, at most `limit`; returns how many. */
export async function deleteIdempotentRequestsBefore(db: Queryable, before: Date, limit: number): Promise<number> {
  const { rowCount } = await db.query(
    `DELETE FROM idempotent_requests WHERE ctid IN (
       SELECT ctid FROM idempotent_requests WHERE created_at < $1 LIMIT $2)`,
    [before, limit],
  );
  return rowCount;
}

/** Counts entries created before `before` (dry run of the sweep). */
export async function countIdempotentRequestsBefore(db: Queryable, before: Date): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM idempotent_requests WHERE created_at < $1',
    [before],
  );
  return (rows[0] as { n: number }).n;
}

/** Deletes stored idempotent answers that name the report (they carry its status link); returns how many. */
export async function deleteIdempotentAnswersOf(tx: Queryable, reference: string): Promise<number> {
  const { rowCount } = await tx.query(`DELETE FROM idempotent_requests WHERE strpos(response::text, $1) > 0`, [
    `"${reference}"`,
  ]);
  return rowCount;
}
