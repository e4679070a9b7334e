import { createHash } from 'node:crypto';
import type { Config } from '../config.js';
import type { Queryable } from '../db.js';
import type { StaffPrincipal, StaffRole } from './types.js';

export const sessionCookieName = 'bs_session';
/** The citizen login's session cookie (features/citizens; path /antraege): named here so the page cache knows it. */
export const citizenSessionCookieName = 'bs_citizen';

/** Only this digest of a session id is stored, so a leaked table cannot be replayed as cookies. */
export function hashSessionId(sessionId: string): string {
  return createHash('sha256').update(sessionId).digest('hex');
}

export interface SessionLimits {
  maxAgeMs: number;
  idleMs: number;
}

export function sessionLimits(config: Config): SessionLimits {
  return { maxAgeMs: config.sessionMaxAgeHours * 3_600_000, idleMs: config.sessionIdleMinutes * 60_000 };
}

/** When a session seen at `now` expires: after the idle time, but never later than its maximum age. */
export function sessionExpiry(createdAt: Date, now: Date, limits: SessionLimits): Date {
  return new Date(Math.min(createdAt.getTime() + limits.maxAgeMs, now.getTime() + limits.idleMs));
}

/** Stores a new session for a user (called inside the login transaction). */
export async function insertSession(
  tx: Queryable,
  s: { idHash: string; userId: number; now: Date; limits: SessionLimits; data?: Record<string, unknown> },
): Promise<void> {
  await tx.query(
    `INSERT INTO staff_sessions (id_hash, user_id, data, expires_at, created_at) VALUES ($1, $2, $3, $4, $5)`,
    [s.idHash, s.userId, JSON.stringify(s.data ?? { userId: s.userId }), sessionExpiry(s.now, s.now, s.limits), s.now],
  );
}

/** The stored data of a live session, or undefined. */
export async function findLiveSessionData(
  db: Queryable,
  idHash: string,
  now: Date,
): Promise<Record<string, unknown> | undefined> {
  const { rows } = await db.query<{ data: Record<string, unknown> }>(
    'SELECT data FROM staff_sessions WHERE id_hash = $1 AND expires_at > $2',
    [idHash, now],
  );
  return rows[0]?.data;
}

/** Replaces the data of an existing session; never creates one (only a login does). */
export async function updateSessionData(db: Queryable, idHash: string, data: Record<string, unknown>): Promise<void> {
  await db.query('UPDATE staff_sessions SET data = $2 WHERE id_hash = $1', [idHash, JSON.stringify(data)]);
}

export async function deleteSession(db: Queryable, idHash: string): Promise<number> {
  return (await db.query('DELETE FROM staff_sessions WHERE id_hash = $1', [idHash])).rowCount;
}

/** Ends every session of a user, except optionally the one making the request. */
export async function deleteUserSessions(db: Queryable, userId: number, exceptIdHash?: string): Promise<number> {
  const res = await db.query('DELETE FROM staff_sessions WHERE user_id = $1 AND id_hash IS DISTINCT FROM $2', [
    userId,
    exceptIdHash ?? null,
  ]);
  return res.rowCount;
}

export interface LiveSession {
  principal: StaffPrincipal;
  createdAt: Date;
  expiresAt: Date;
}

interface PrincipalRow {
  id: number;
  municipality_id: string;
  email: string;
  display_name: string;
  role: StaffRole;
  must_change_password: boolean;
  department_ids: number[];
  created_at: Date;
  expires_at: Date;
}

/** The staff member behind a live session of an enabled user of this municipality, or undefined. */
export async function findSessionPrincipal(
  db: Queryable,
  idHash: string,
  municipalityId: string,
  now: Date,
): Promise<LiveSession | undefined> {
  const { rows } = await db.query<PrincipalRow>(
    `SELECT u.id, u.municipality_id, u.email, u.display_name, u.role, u.must_change_password,
            s.created_at, s.expires_at,
            COALESCE((SELECT array_agg(d.department_id ORDER BY d.department_id)
                        FROM staff_user_departments d WHERE d.user_id = u.id), '{}') AS department_ids
       FROM staff_sessions s JOIN staff_users u ON u.id = s.user_id
      WHERE s.id_hash = $1 AND s.expires_at > $2 AND u.disabled_at IS NULL AND u.municipality_id = $3`,
    [idHash, now, municipalityId],
  );
  const r = rows[0];
  if (!r) return undefined;
  return {
    principal: {
      id: r.id,
      municipalityId: r.municipality_id,
      email: r.email,
      displayName: r.display_name,
      role: r.role,
      departmentIds: r.role === 'department_staff' ? r.department_ids.map(Number) : [],
      mustChangePassword: r.must_change_password,
    },
    createdAt: new Date(r.created_at),
    expiresAt: new Date(r.expires_at),
  };
}

/** Pushes a session's idle expiry forward (capped at its maximum age). */
export async function touchSession(db: Queryable, idHash: string, expiresAt: Date): Promise<void> {
  await db.query('UPDATE staff_sessions SET expires_at = $2 WHERE id_hash = $1', [idHash, expiresAt]);
}

/** Deletes (or with dryRun only counts) sessions that expired before `now`, in batches; returns the count. */
export async function purgeExpiredSessions(
  db: Queryable,
  now: Date,
  options: { dryRun: boolean; batchSize?: number },
): Promise<number> {
  if (options.dryRun) {
    const { rows } = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM staff_sessions WHERE expires_at <= $1',
      [now],
    );
    return rows[0]?.n ?? 0;
  }
  let total = 0;
  for (;;) {
    // Bounded batches keep each statement short on a large table.
    const res = await db.query(
      `DELETE FROM staff_sessions WHERE id_hash IN (
         SELECT id_hash FROM staff_sessions WHERE expires_at <= $1 LIMIT $2)`,
      [now, options.batchSize ?? 1000],
    );
    total += res.rowCount;
    if (res.rowCount < (options.batchSize ?? 1000)) return total;
  }
}
