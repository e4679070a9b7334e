import type { Queryable } from '../../platform/db.js';
import type { CitizenAttributes } from './attributes.js';
import type { TrustLevel } from './levels.js';
import type { CitizenProvider } from './queries.js';

export interface CitizenSessionRow {
  citizenId: number;
  provider: CitizenProvider;
  level: TrustLevel;
  attributes: CitizenAttributes;
  expiresAt: Date;
  absoluteExpiresAt: Date;
}

/** Stores a new session (only the id's digest). */
export async function insertCitizenSession(
  tx: Queryable,
  s: {
    idHash: string;
    municipalityId: string;
    citizenId: number;
    level: TrustLevel;
    attributes: CitizenAttributes;
    now: Date;
    expiresAt: Date;
    absoluteExpiresAt: Date;
  },
): Promise<void> {
  await tx.query(
    `INSERT INTO citizen_sessions
       (id_hash, municipality_id, citizen_id, level, attributes, created_at, expires_at, absolute_expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      s.idHash,
      s.municipalityId,
      s.citizenId,
      s.level,
      JSON.stringify(s.attributes),
      s.now,
      s.expiresAt,
      s.absoluteExpiresAt,
    ],
  );
}

/** The live session with this id digest in this municipality, with its citizen's provider; or undefined. */
export async function findLiveCitizenSession(
  db: Queryable,
  idHash: string,
  municipalityId: string,
  now: Date,
): Promise<CitizenSessionRow | undefined> {
  const { rows } = await db.query<{
    citizen_id: string;
    provider: CitizenProvider;
    level: TrustLevel;
    attributes: CitizenAttributes;
    expires_at: Date;
    absolute_expires_at: Date;
  }>(
    `SELECT s.citizen_id, c.provider, s.level, s.attributes, s.expires_at, s.absolute_expires_at
       FROM citizen_sessions s JOIN citizens c ON c.municipality_id = s.municipality_id AND c.id = s.citizen_id
      WHERE s.id_hash = $1 AND s.municipality_id = $2 AND s.expires_at > $3`,
    [idHash, municipalityId, now],
  );
  const r = rows[0];
  if (!r) return undefined;
  return {
    citizenId: Number(r.citizen_id),
    provider: r.provider,
    level: r.level,
    attributes: r.attributes,
    expiresAt: new Date(r.expires_at),
    absoluteExpiresAt: new Date(r.absolute_expires_at),
  };
}

/** Pushes a session's idle expiry forward (the caller caps it at the absolute expiry). */
export async function touchCitizenSession(db: Queryable, idHash: string, expiresAt: Date): Promise<void> {
  await db.query('UPDATE citizen_sessions SET expires_at = $2 WHERE id_hash = $1', [idHash, expiresAt]);
}

/** Ends one session; returns how many rows went (0 or 1). */
export async function deleteCitizenSession(db: Queryable, idHash: string, municipalityId: string): Promise<number> {
  const res = await db.query('DELETE FROM citizen_sessions WHERE id_hash = $1 AND municipality_id = $2', [
    idHash,
    municipalityId,
  ]);
  return res.rowCount;
}

/** How many sessions have passed their idle or absolute expiry (a dry run of the purge). */
export async function countExpiredCitizenSessions(db: Queryable, now: Date): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM citizen_sessions WHERE expires_at <= $1',
    [now],
  );
  return rows[0]?.n ?? 0;
}

/** Deletes up to `limit` expired sessions (their attributes with them); returns the count. */
export async function purgeExpiredCitizenSessions(db: Queryable, now: Date, limit: number): Promise<number> {
  const res = await db.query(
    `DELETE FROM citizen_sessions WHERE id_hash IN (
       SELECT id_hash FROM citizen_sessions WHERE expires_at <= $1 LIMIT $2)`,
    [now, limit],
  );
  return res.rowCount;
}

/** How many sessions a citizen has (tests and the account page). */
export async function countCitizenSessions(db: Queryable, municipalityId: string, citizenId: number): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM citizen_sessions WHERE municipality_id = $1 AND citizen_id = $2',
    [municipalityId, citizenId],
  );
  return rows[0]?.n ?? 0;
}
