import type { StaffRole } from '../../platform/auth/types.js';

/** Failed logins in a row before an account is locked. */
export const lockThreshold = 5;
const maxLockMs = 60 * 60_000;

/** How long to lock after this many failed logins in a row: 1, 2, 4, … minutes, at most an hour; else 0. */
export function lockoutMs(failedLogins: number): number {
  if (failedLogins < lockThreshold) return 0;
  return Math.min(maxLockMs, 60_000 * 2 ** (failedLogins - lockThreshold));
}

export function isLocked(user: { locked_until: Date | null }, now: Date): boolean {
  return user.locked_until !== null && new Date(user.locked_until).getTime() > now.getTime();
}

interface Target {
  id: number;
  role: StaffRole;
  disabled_at: Date | null;
}

/** Why `actorId` may not give `target` the role `role` (an i18n key), or undefined. */
export function roleChangeProblem(
  actorId: number | null,
  target: Target,
  role: StaffRole,
  activeAdmins: number,
): string | undefined {
  if (role === target.role) return undefined;
  if (actorId === target.id) return 'users.errors.cannotChangeOwnRole';
  if (target.role === 'admin' && target.disabled_at === null && activeAdmins <= 1) return 'users.errors.lastAdmin';
  return undefined;
}

/** Why `actorId` may not disable `target` (an i18n key), or undefined. */
export function disableProblem(actorId: number | null, target: Target, activeAdmins: number): string | undefined {
  if (actorId === target.id) return 'users.errors.cannotDisableSelf';
  if (target.role === 'admin' && target.disabled_at === null && activeAdmins <= 1) return 'users.errors.lastAdmin';
  return undefined;
}
