import {
  hashPassword,
  needsRehash,
  passwordMaxLength,
  passwordProblem,
  verifyDummy,
  verifyPassword,
} from '../../platform/auth/passwords.js';
import { deleteSession, deleteUserSessions, insertSession, sessionLimits } from '../../platform/auth/sessions.js';
import type { StaffPrincipal } from '../../platform/auth/types.js';
import type { Deps } from '../../platform/deps.js';
import { AppError, type FieldErrors } from '../../platform/errors.js';
import { actorOf, recordAudit } from '../audit/service.js';
import { isLocked, lockoutMs } from './policy.js';
import { recordLoginFailure, recordLoginSuccess, selectUser, selectUserByEmail, updatePassword } from './queries.js';

// One message for every failure, so the form does not tell whether an address has an account or is locked.
const loginFailed = () =>
  new AppError('unauthenticated', 'E-mail address or password is wrong', { password: 'auth.errors.loginFailed' });

const anonymous = { id: null, label: 'anonymous' };

/**
 * Checks e-mail and password and, when they match an enabled, unlocked account of the municipality, stores a new
 * session with the given id digest (all in one transaction with the audit entry). Failures count towards a growing
 * lockout. Throws validation_failed (empty fields) or unauthenticated (any other failure, one generic message).
 */
export async function logIn(
  deps: Deps,
  input: { email: string; password: string; sessionIdHash: string },
): Promise<{ userId: number; mustChangePassword: boolean }> {
  const municipalityId = deps.config.municipality.id;
  const email = input.email.trim();
  const errors: FieldErrors = {};
  if (!email) errors.email = 'auth.errors.emailRequired';
  if (!input.password) errors.password = 'auth.errors.passwordRequired';
  if (Object.keys(errors).length) throw new AppError('validation_failed', 'Please fill in both fields', errors);
  if (input.password.length > passwordMaxLength * 4) throw loginFailed();

  const user = await selectUserByEmail(deps.db, municipalityId, email);
  if (!user || user.disabled_at !== null || isLocked(user, deps.now())) {
    await verifyDummy(input.password);
    throw loginFailed();
  }
  if (!(await verifyPassword(user.password_hash, input.password))) {
    await deps.db.transaction(async (tx) => {
      const current = await selectUser(tx, municipalityId, user.id, true);
      if (!current) return;
      const now = deps.now();
      const failedLogins = current.failed_logins + 1;
      const lock = lockoutMs(failedLogins);
      const lockedUntil = lock > 0 ? new Date(now.getTime() + lock) : null;
      await recordLoginFailure(tx, user.id, { failedLogins, lockedUntil });
      await recordAudit(tx, {
        municipalityId,
        actor: anonymous,
        action: 'auth.login_failed',
        entityType: 'staff_user',
        entityId: user.id,
        after: { failedLogins, lockedUntil },
        at: now,
      });
    });
    throw loginFailed();
  }
  const rehash = needsRehash(user.password_hash) ? await hashPassword(input.password) : undefined;
  await deps.db.transaction(async (tx) => {
    const now = deps.now();
    await insertSession(tx, { idHash: input.sessionIdHash, userId: user.id, now, limits: sessionLimits(deps.config) });
    await recordLoginSuccess(tx, user.id, now, rehash);
    await recordAudit(tx, {
      municipalityId,
      actor: { id: user.id, label: `${user.display_name} <${user.email}>` },
      action: 'auth.login',
      entityType: 'staff_user',
      entityId: user.id,
      at: now,
    });
  });
  return { userId: user.id, mustChangePassword: user.must_change_password };
}

/** Ends the session with this id digest and records the logout. */
export async function logOut(deps: Deps, staff: StaffPrincipal, sessionIdHash: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    await deleteSession(tx, sessionIdHash);
    await recordAudit(tx, {
      municipalityId: staff.municipalityId,
      actor: actorOf(staff),
      action: 'auth.logout',
      entityType: 'staff_user',
      entityId: staff.id,
      at: deps.now(),
    });
  });
}

/** Ends every session of the signed-in user, on every device; returns how many there were. */
export async function logOutEverywhere(deps: Deps, staff: StaffPrincipal): Promise<number> {
  return deps.db.transaction(async (tx) => {
    const sessionsEnded = await deleteUserSessions(tx, staff.id);
    await recordAudit(tx, {
      municipalityId: staff.municipalityId,
      actor: actorOf(staff),
      action: 'auth.logout_everywhere',
      entityType: 'staff_user',
      entityId: staff.id,
      after: { sessionsEnded },
      at: deps.now(),
    });
    return sessionsEnded;
  });
}

/**
 * Replaces the signed-in user's password after checking the current one; other sessions end, this one stays.
 * Throws validation_failed with i18n keys for currentPassword / newPassword / confirmPassword.
 */
export async function changeOwnPassword(
  deps: Deps,
  staff: StaffPrincipal,
  input: { currentPassword: string; newPassword: string; confirmPassword: string; sessionIdHash: string },
): Promise<void> {
  const errors: FieldErrors = {};
  if (!input.currentPassword) errors.currentPassword = 'auth.errors.currentPasswordRequired';
  const problem = passwordProblem(input.newPassword);
  if (problem) errors.newPassword = problem;
  else if (input.confirmPassword !== input.newPassword) errors.confirmPassword = 'auth.errors.passwordMismatch';
  if (Object.keys(errors).length) throw new AppError('validation_failed', 'The password form has errors', errors);

  const user = await selectUser(deps.db, staff.municipalityId, staff.id);
  if (!user || !(await verifyPassword(user.password_hash, input.currentPassword))) {
    throw new AppError('validation_failed', 'The current password is wrong', {
      currentPassword: 'auth.errors.currentPasswordWrong',
    });
  }
  if (input.newPassword === input.currentPassword) {
    throw new AppError('validation_failed', 'The new password must differ', {
      newPassword: 'auth.errors.passwordUnchanged',
    });
  }
  const passwordHash = await hashPassword(input.newPassword);
  await deps.db.transaction(async (tx) => {
    const now = deps.now();
    await updatePassword(tx, staff.id, { passwordHash, mustChangePassword: false, now });
    const sessionsEnded = await deleteUserSessions(tx, staff.id, input.sessionIdHash);
    await recordAudit(tx, {
      municipalityId: staff.municipalityId,
      actor: actorOf(staff),
      action: 'user.change_password',
      entityType: 'staff_user',
      entityId: staff.id,
      after: { otherSessionsEnded: sessionsEnded },
      at: now,
    });
  });
}
