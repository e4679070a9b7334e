import type { StaffRole } from '../../platform/auth/types.js';
import type { Queryable } from '../../platform/db.js';

export interface UserRow {
  id: number;
  municipality_id: string;
  email: string;
  display_name: string;
  role: StaffRole;
  password_hash: string;
  must_change_password: boolean;
  failed_logins: number;
  locked_until: Date | null;
  disabled_at: Date | null;
  last_login_at: Date | null;
  created_at: Date;
  department_ids: number[];
}

const columns = `u.id, u.municipality_id, u.email, u.display_name, u.role, u.password_hash, u.must_change_password,
  u.failed_logins, u.locked_until, u.disabled_at, u.last_login_at, u.created_at,
  COALESCE((SELECT array_agg(d.department_id ORDER BY d.department_id)
              FROM staff_user_departments d WHERE d.user_id = u.id), '{}') AS department_ids`;

const normalise = (r: UserRow): UserRow => ({ ...r, id: Number(r.id), department_ids: r.department_ids.map(Number) });

export async function selectUsers(db: Queryable, municipalityId: string): Promise<UserRow[]> {
  const { rows } = await db.query<UserRow>(
    `SELECT ${columns} FROM staff_users u WHERE u.municipality_id = $1
      ORDER BY u.disabled_at IS NOT NULL, lower(u.display_name), u.id`,
    [municipalityId],
  );
  return rows.map(normalise);
}

export async function selectUser(
  db: Queryable,
  municipalityId: string,
  id: number,
  forUpdate = false,
): Promise<UserRow | undefined> {
  const { rows } = await db.query<UserRow>(
    `SELECT ${columns} FROM staff_users u WHERE u.municipality_id = $1 AND u.id = $2${forUpdate ? ' FOR UPDATE' : ''}`,
    [municipalityId, id],
  );
  return rows[0] && normalise(rows[0]);
}

export async function selectUserByEmail(
  db: Queryable,
  municipalityId: string,
  email: string,
  forUpdate = false,
): Promise<UserRow | undefined> {
  const { rows } = await db.query<UserRow>(
    `SELECT ${columns} FROM staff_users u WHERE u.municipality_id = $1 AND lower(u.email) = lower($2)
      ${forUpdate ? 'FOR UPDATE' : ''}`,
    [municipalityId, email],
  );
  return rows[0] && normalise(rows[0]);
}

/** E-mail addresses are unique across the deployment (one login form per host). */
export async function emailTaken(db: Queryable, email: string, exceptId?: number): Promise<boolean> {
  const { rows } = await db.query(
    'SELECT 1 FROM staff_users WHERE lower(email) = lower($1) AND id IS DISTINCT FROM $2',
    [email, exceptId ?? null],
  );
  return rows.length > 0;
}

export async function countStaff(db: Queryable, municipalityId: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM staff_users WHERE municipality_id = $1',
    [municipalityId],
  );
  return rows[0]?.n ?? 0;
}

/** Enabled administrators of the municipality. */
export async function countActiveAdmins(db: Queryable, municipalityId: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM staff_users WHERE municipality_id = $1 AND role = 'admin' AND disabled_at IS NULL`,
    [municipalityId],
  );
  return rows[0]?.n ?? 0;
}

export async function insertUser(
  tx: Queryable,
  u: {
    municipalityId: string;
    email: string;
    displayName: string;
    role: StaffRole;
    passwordHash: string;
    mustChangePassword: boolean;
    now: Date;
  },
): Promise<number> {
  const { rows } = await tx.query<{ id: number }>(
    `INSERT INTO staff_users (municipality_id, email, display_name, role, password_hash, must_change_password,
                              created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id`,
    [u.municipalityId, u.email, u.displayName, u.role, u.passwordHash, u.mustChangePassword, u.now],
  );
  return Number(rows[0]!.id);
}

export async function updateUserProfile(
  tx: Queryable,
  id: number,
  u: { email: string; displayName: string; role: StaffRole; now: Date },
): Promise<void> {
  await tx.query('UPDATE staff_users SET email = $2, display_name = $3, role = $4, updated_at = $5 WHERE id = $1', [
    id,
    u.email,
    u.displayName,
    u.role,
    u.now,
  ]);
}

export async function replaceUserDepartments(tx: Queryable, userId: number, departmentIds: number[]): Promise<void> {
  await tx.query('DELETE FROM staff_user_departments WHERE user_id = $1', [userId]);
  if (departmentIds.length === 0) return;
  await tx.query(`INSERT INTO staff_user_departments (user_id, department_id) SELECT $1, unnest($2::bigint[])`, [
    userId,
    departmentIds,
  ]);
}

export async function updateDisabled(tx: Queryable, id: number, disabledAt: Date | null, now: Date): Promise<void> {
  // Enabling also clears a lockout: the administrator has looked at the account.
  await tx.query(
    `UPDATE staff_users SET disabled_at = $2, updated_at = $3,
            failed_logins = CASE WHEN $2::timestamptz IS NULL THEN 0 ELSE failed_logins END,
            locked_until = CASE WHEN $2::timestamptz IS NULL THEN NULL ELSE locked_until END
      WHERE id = $1`,
    [id, disabledAt, now],
  );
}

/** Sets a new password hash; clears any lockout. */
export async function updatePassword(
  tx: Queryable,
  id: number,
  p: { passwordHash: string; mustChangePassword: boolean; now: Date },
): Promise<void> {
  await tx.query(
    `UPDATE staff_users SET password_hash = $2, must_change_password = $3, failed_logins = 0, locked_until = NULL,
            updated_at = $4 WHERE id = $1`,
    [id, p.passwordHash, p.mustChangePassword, p.now],
  );
}

export async function recordLoginFailure(
  tx: Queryable,
  id: number,
  f: { failedLogins: number; lockedUntil: Date | null },
): Promise<void> {
  await tx.query('UPDATE staff_users SET failed_logins = $2, locked_until = $3 WHERE id = $1', [
    id,
    f.failedLogins,
    f.lockedUntil,
  ]);
}

export async function recordLoginSuccess(tx: Queryable, id: number, now: Date, passwordHash?: string): Promise<void> {
  await tx.query(
    `UPDATE staff_users SET failed_logins = 0, locked_until = NULL, last_login_at = $2,
            password_hash = COALESCE($3, password_hash) WHERE id = $1`,
    [id, now, passwordHash ?? null],
  );
}
