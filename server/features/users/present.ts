import type { StaffRole } from '../../platform/auth/types.js';
import { isLocked } from './policy.js';
import type { UserRow } from './queries.js';

/** A staff account as pages and the CLI see it: never the password hash. */
export interface StaffUser {
  id: number;
  email: string;
  displayName: string;
  role: StaffRole;
  departmentIds: number[];
  mustChangePassword: boolean;
  disabled: boolean;
  locked: boolean;
  lockedUntil: Date | null;
  lastLoginAt: Date | null;
  createdAt: Date;
}

export function presentUser(row: UserRow, now: Date): StaffUser {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    role: row.role,
    departmentIds: row.role === 'department_staff' ? row.department_ids : [],
    mustChangePassword: row.must_change_password,
    disabled: row.disabled_at !== null,
    locked: isLocked(row, now),
    lockedUntil: row.locked_until,
    lastLoginAt: row.last_login_at,
    createdAt: row.created_at,
  };
}

/** What the audit log keeps of an account. */
export function auditUser(u: {
  email: string;
  displayName?: string;
  display_name?: string;
  role: StaffRole;
  departmentIds?: number[];
  department_ids?: number[];
}) {
  const departmentIds = u.departmentIds ?? u.department_ids ?? [];
  return {
    email: u.email,
    displayName: u.displayName ?? u.display_name,
    role: u.role,
    ...(u.role === 'department_staff' ? { departmentIds } : {}),
  };
}
