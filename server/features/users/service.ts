import { generatePassword, hashPassword } from '../../platform/auth/passwords.js';
import { deleteUserSessions } from '../../platform/auth/sessions.js';
import type { StaffRole } from '../../platform/auth/types.js';
import type { Queryable, Tx } from '../../platform/db.js';
import type { Deps } from '../../platform/deps.js';
import { AppError, notFound } from '../../platform/errors.js';
import { type AuditActor, recordAudit } from '../audit/service.js';
import { existingDepartmentIds } from '../departments/service.js';
import { disableProblem, roleChangeProblem } from './policy.js';
import { auditUser, presentUser, type StaffUser } from './present.js';
import {
  countActiveAdmins,
  countStaff,
  emailTaken,
  insertUser,
  replaceUserDepartments,
  selectUser,
  selectUserByEmail,
  selectUsers,
  type UserRow,
  updateDisabled,
  updatePassword,
  updateUserProfile,
} from './queries.js';
import { cleanUser } from './validation.js';

export type { StaffUser };

const emailConflict = () =>
  new AppError('conflict', 'An account with this e-mail address exists already', { email: 'users.errors.emailTaken' });

async function checkDepartments(tx: Queryable, municipalityId: string, ids: number[], keep: number[] = []) {
  // Bindings that exist already may stay even if their department was deactivated since.
  const wanted = ids.filter((id) => !keep.includes(id));
  const found = await existingDepartmentIds(tx, municipalityId, wanted, true);
  if (found.length !== wanted.length) {
    throw new AppError('validation_failed', 'Unknown department', { departmentIds: 'users.errors.departmentUnknown' });
  }
}

async function lockUser(tx: Tx, municipalityId: string, id: number): Promise<UserRow> {
  const row = await selectUser(tx, municipalityId, id, true);
  if (!row) throw notFound('User');
  return row;
}

/** Every staff account of a municipality, enabled ones first. */
export async function listUsers(deps: Deps, municipalityId: string): Promise<StaffUser[]> {
  const now = deps.now();
  return (await selectUsers(deps.db, municipalityId)).map((r) => presentUser(r, now));
}

/** One account; throws not_found. */
export async function getUser(deps: Deps, municipalityId: string, id: number): Promise<StaffUser> {
  const row = await selectUser(deps.db, municipalityId, id);
  if (!row) throw notFound('User');
  return presentUser(row, deps.now());
}

/** An account by e-mail address (any case), or undefined. */
export async function findUserByEmail(deps: Deps, municipalityId: string, email: string) {
  const row = await selectUserByEmail(deps.db, municipalityId, email.trim());
  return row && presentUser(row, deps.now());
}

/** Whether the municipality has any staff account yet (the demo seeds only into an empty one). */
export async function hasStaff(db: Queryable, municipalityId: string): Promise<boolean> {
  return (await countStaff(db, municipalityId)) > 0;
}

/**
 * Creates a staff account. Without `password` a random one is generated; either way it is returned once and only its
 * argon2id hash is stored. Department staff must be bound to at least one active department.
 * Throws validation_failed (fields) or conflict (e-mail taken).
 */
export async function createUser(
  deps: Deps,
  input: {
    municipalityId: string;
    email: string;
    displayName: string;
    role: StaffRole;
    departmentIds?: number[];
    password?: string;
    /** Ask for a new password at the first login (for passwords handed over by someone else). */
    mustChangePassword?: boolean;
  },
  actor: AuditActor,
): Promise<{ id: number; password: string }> {
  const clean = cleanUser(input);
  const password = clean.password ?? generatePassword();
  const passwordHash = await hashPassword(password);
  const mustChangePassword = input.mustChangePassword ?? false;
  const id = await deps.db.transaction(async (tx) => {
    if (await emailTaken(tx, clean.email)) throw emailConflict();
    await checkDepartments(tx, input.municipalityId, clean.departmentIds);
    const now = deps.now();
    const id = await insertUser(tx, {
      ...clean,
      municipalityId: input.municipalityId,
      passwordHash,
      mustChangePassword,
      now,
    });
    await replaceUserDepartments(tx, id, clean.departmentIds);
    await recordAudit(tx, {
      municipalityId: input.municipalityId,
      actor,
      action: 'user.create',
      entityType: 'staff_user',
      entityId: id,
      after: { ...auditUser(clean), mustChangePassword, passwordGenerated: clean.password === undefined },
      at: now,
    });
    return id;
  });
  return { id, password };
}

/**
 * Changes an account's name, e-mail, role and departments. Nobody changes their own role, and the last enabled
 * administrator stays one. Throws not_found, validation_failed or conflict.
 */
export async function updateUser(
  deps: Deps,
  municipalityId: string,
  id: number,
  input: { email: string; displayName: string; role: string; departmentIds?: (number | string)[] },
  actor: AuditActor,
): Promise<StaffUser> {
  const clean = cleanUser({ ...input, password: undefined });
  return deps.db.transaction(async (tx) => {
    const before = await lockUser(tx, municipalityId, id);
    const problem = roleChangeProblem(actor.id, before, clean.role, await countActiveAdmins(tx, municipalityId));
    if (problem) throw new AppError('conflict', 'This role change is not possible', { role: problem });
    if (await emailTaken(tx, clean.email, id)) throw emailConflict();
    await checkDepartments(tx, municipalityId, clean.departmentIds, before.department_ids);
    const now = deps.now();
    await updateUserProfile(tx, id, { ...clean, now });
    await replaceUserDepartments(tx, id, clean.departmentIds);
    await recordAudit(tx, {
      municipalityId,
      actor,
      action: 'user.update',
      entityType: 'staff_user',
      entityId: id,
      before: auditUser(before),
      after: auditUser(clean),
      at: now,
    });
    return presentUser((await selectUser(tx, municipalityId, id))!, now);
  });
}

/**
 * Disables (and signs out everywhere) or enables an account; enabling also lifts a lockout. Nobody disables
 * themselves or the last enabled administrator. Throws not_found or conflict.
 */
export async function setUserDisabled(
  deps: Deps,
  municipalityId: string,
  id: number,
  disabled: boolean,
  actor: AuditActor,
): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const before = await lockUser(tx, municipalityId, id);
    if ((before.disabled_at !== null) === disabled) return;
    if (disabled) {
      const problem = disableProblem(actor.id, before, await countActiveAdmins(tx, municipalityId));
      if (problem) throw new AppError('conflict', 'This account cannot be disabled', { disable: problem });
    }
    const now = deps.now();
    await updateDisabled(tx, id, disabled ? now : null, now);
    const sessionsEnded = disabled ? await deleteUserSessions(tx, id) : 0;
    await recordAudit(tx, {
      municipalityId,
      actor,
      action: disabled ? 'user.disable' : 'user.enable',
      entityType: 'staff_user',
      entityId: id,
      before: { disabled: !disabled },
      after: disabled ? { disabled, sessionsEnded } : { disabled },
      at: now,
    });
  });
}

/**
 * Gives an account a new random password (returned once), which must be changed at the next login; ends all of its
 * sessions and lifts a lockout. Throws not_found.
 */
export async function resetPassword(
  deps: Deps,
  municipalityId: string,
  id: number,
  actor: AuditActor,
): Promise<{ password: string }> {
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  await deps.db.transaction(async (tx) => {
    await lockUser(tx, municipalityId, id);
    const now = deps.now();
    await updatePassword(tx, id, { passwordHash, mustChangePassword: true, now });
    const sessionsEnded = await deleteUserSessions(tx, id);
    await recordAudit(tx, {
      municipalityId,
      actor,
      action: 'user.reset_password',
      entityType: 'staff_user',
      entityId: id,
      after: { mustChangePassword: true, sessionsEnded },
      at: now,
    });
  });
  return { password };
}
