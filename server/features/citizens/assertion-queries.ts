import type { Queryable } from '../../platform/db.js';

/** Records an accepted assertion ID until it expires; false when it was accepted before (a replay). */
export async function recordAssertion(
  db: Queryable,
  municipalityId: string,
  id: string,
  expiresAt: Date,
): Promise<boolean> {
  const res = await db.query(
    `INSERT INTO citizen_saml_assertions (municipality_id, id, expires_at) VALUES ($1, $2, $3)
     ON CONFLICT DO NOTHING`,
    [municipalityId, id, expiresAt],
  );
  return res.rowCount === 1;
}

/** How many assertion IDs are past their NotOnOrAfter (a dry run of the purge). */
export async function countExpiredAssertions(db: Queryable, now: Date): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM citizen_saml_assertions WHERE expires_at <= $1',
    [now],
  );
  return rows[0]?.n ?? 0;
}

/** Deletes up to `limit` assertion IDs past their NotOnOrAfter; returns the count. */
export async function purgeExpiredAssertions(db: Queryable, now: Date, limit: number): Promise<number> {
  const res = await db.query(
    `DELETE FROM citizen_saml_assertions WHERE (municipality_id, id) IN (
       SELECT municipality_id, id FROM citizen_saml_assertions WHERE expires_at <= $1 LIMIT $2)`,
    [now, limit],
  );
  return res.rowCount;
}
