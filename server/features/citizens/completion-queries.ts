import type { Queryable } from '../../platform/db.js';
import type { CitizenAttributes } from './attributes.js';
import type { TrustLevel } from './levels.js';
import type { CitizenProvider } from './queries.js';

/** An accepted login waiting for its browser: everything a session needs, the pseudonym only as its HMAC. */
export interface LoginCompletion {
  requestId: string;
  browserHash: string;
  provider: CitizenProvider;
  pseudonymHash: string;
  level: TrustLevel;
  attributes: CitizenAttributes;
  nextPath: string;
}

/** Stores an accepted login under the digest of its one-time code. */
export async function insertLoginCompletion(
  db: Queryable,
  municipalityId: string,
  c: LoginCompletion & { codeHash: string; now: Date; expiresAt: Date },
): Promise<void> {
  await db.query(
    `INSERT INTO citizen_login_completions (municipality_id, code_hash, request_id, browser_hash, provider,
       pseudonym_hash, level, attributes, next_path, created_at, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      municipalityId,
      c.codeHash,
      c.requestId,
      c.browserHash,
      c.provider,
      c.pseudonymHash,
      c.level,
      JSON.stringify(c.attributes),
      c.nextPath,
      c.now,
      c.expiresAt,
    ],
  );
}

/**
 * Takes an unexpired completion by its code's digest and deletes it in the same statement: only the first caller
 * gets it (a code works once, whatever the outcome), and the attributes go with it.
 */
export async function takeLoginCompletion(
  db: Queryable,
  municipalityId: string,
  codeHash: string,
  now: Date,
): Promise<LoginCompletion | undefined> {
  const { rows } = await db.query<{
    request_id: string;
    browser_hash: string;
    provider: CitizenProvider;
    pseudonym_hash: string;
    level: TrustLevel;
    attributes: CitizenAttributes;
    next_path: string;
  }>(
    `DELETE FROM citizen_login_completions
      WHERE municipality_id = $1 AND code_hash = $2 AND expires_at > $3
     RETURNING request_id, browser_hash, provider, pseudonym_hash, level, attributes, next_path`,
    [municipalityId, codeHash, now],
  );
  const r = rows[0];
  if (!r) return undefined;
  return {
    requestId: r.request_id,
    browserHash: r.browser_hash,
    provider: r.provider,
    pseudonymHash: r.pseudonym_hash,
    level: r.level,
    attributes: r.attributes,
    nextPath: r.next_path,
  };
}

/** How many completions have expired unused (a dry run of the purge). */
export async function countExpiredLoginCompletions(db: Queryable, now: Date): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM citizen_login_completions WHERE expires_at <= $1',
    [now],
  );
  return rows[0]?.n ?? 0;
}

/** Deletes up to `limit` expired completions (their attributes with them); returns the count. */
export async function purgeExpiredLoginCompletions(db: Queryable, now: Date, limit: number): Promise<number> {
  const res = await db.query(
    `DELETE FROM citizen_login_completions WHERE (municipality_id, code_hash) IN (
       SELECT municipality_id, code_hash FROM citizen_login_completions WHERE expires_at <= $1 LIMIT $2)`,
    [now, limit],
  );
  return res.rowCount;
}
