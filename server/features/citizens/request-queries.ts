import type { Queryable } from '../../platform/db.js';
import type { CitizenAttribute } from './attributes.js';
import type { TrustLevel } from './levels.js';
import type { CitizenProvider } from './queries.js';

export interface LoginRequest {
  id: string;
  provider: CitizenProvider;
  level: TrustLevel;
  attributes: CitizenAttribute[];
  nextPath: string;
  nonce?: string;
  codeVerifier?: string;
  /** SHA-256 of the login cookie of the browser that started it; missing only on rows from before 0032. */
  browserHash?: string;
}

/** Records a login we start (SAML request ID or OIDC state); `issuedAt` is node-saml's instant string. */
export async function insertLoginRequest(
  db: Queryable,
  municipalityId: string,
  r: LoginRequest & { issuedAt: string; now: Date; expiresAt: Date },
): Promise<void> {
  await db.query(
    `INSERT INTO citizen_login_requests (municipality_id, id, provider, level, attributes, next_path, nonce,
       code_verifier, browser_hash, issued_at, created_at, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    [
      municipalityId,
      r.id,
      r.provider,
      r.level,
      r.attributes,
      r.nextPath,
      r.nonce ?? null,
      r.codeVerifier ?? null,
      r.browserHash ?? null,
      r.issuedAt,
      r.now,
      r.expiresAt,
    ],
  );
}

/** The issue instant of an unspent, unexpired request, or undefined (node-saml's cache `get`). */
export async function findOpenLoginRequest(
  db: Queryable,
  municipalityId: string,
  id: string,
  now: Date,
): Promise<string | undefined> {
  const { rows } = await db.query<{ issued_at: string }>(
    `SELECT issued_at FROM citizen_login_requests
      WHERE municipality_id = $1 AND id = $2 AND used_at IS NULL AND expires_at > $3`,
    [municipalityId, id, now],
  );
  return rows[0]?.issued_at;
}

/**
 * Spends a request: only the first caller gets it back (a concurrent replay gets undefined), and only while it has
 * not expired.
 */
export async function spendLoginRequest(
  db: Queryable,
  municipalityId: string,
  id: string,
  provider: CitizenProvider,
  now: Date,
): Promise<LoginRequest | undefined> {
  const { rows } = await db.query<{
    id: string;
    provider: CitizenProvider;
    level: TrustLevel;
    attributes: CitizenAttribute[];
    next_path: string;
    nonce: string | null;
    code_verifier: string | null;
    browser_hash: string | null;
  }>(
    `UPDATE citizen_login_requests SET used_at = $4
      WHERE municipality_id = $1 AND id = $2 AND provider = $3 AND used_at IS NULL AND expires_at > $4
     RETURNING id, provider, level, attributes, next_path, nonce, code_verifier, browser_hash`,
    [municipalityId, id, provider, now],
  );
  const r = rows[0];
  if (!r) return undefined;
  return {
    id: r.id,
    provider: r.provider,
    level: r.level,
    attributes: r.attributes,
    nextPath: r.next_path,
    ...(r.nonce ? { nonce: r.nonce } : {}),
    ...(r.code_verifier ? { codeVerifier: r.code_verifier } : {}),
    ...(r.browser_hash ? { browserHash: r.browser_hash } : {}),
  };
}

/** How many requests have expired (a dry run of the purge). */
export async function countExpiredLoginRequests(db: Queryable, now: Date): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM citizen_login_requests WHERE expires_at <= $1',
    [now],
  );
  return rows[0]?.n ?? 0;
}

/** Deletes up to `limit` expired requests; returns the count. */
export async function purgeExpiredLoginRequests(db: Queryable, now: Date, limit: number): Promise<number> {
  const res = await db.query(
    `DELETE FROM citizen_login_requests WHERE (municipality_id, id) IN (
       SELECT municipality_id, id FROM citizen_login_requests WHERE expires_at <= $1 LIMIT $2)`,
    [now, limit],
  );
  return res.rowCount;
}
