import { passwordProblem } from '../../platform/auth/passwords.js';
import { isStaffRole, type StaffRole } from '../../platform/auth/types.js';
import { AppError, type FieldErrors } from '../../platform/errors.js';

export interface UserInput {
  email: string;
  displayName: string;
  role: string;
  departmentIds?: (number | string)[];
  password?: string;
}

export interface CleanUser {
  email: string;
  displayName: string;
  role: StaffRole;
  departmentIds: number[];
  password?: string;
}

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Trims and checks account input; e-mail addresses are stored in lower case. Departments are kept only for
 * department staff, who need at least one. Throws validation_failed with an i18n key per field.
 */
export function cleanUser(input: UserInput): CleanUser {
  const errors: FieldErrors = {};
  const email = input.email.trim().toLowerCase();
  const displayName = input.displayName.trim().replace(/\s+/g, ' ');
  if (!displayName) errors.displayName = 'users.errors.displayNameRequired';
  else if (displayName.length > 200) errors.displayName = 'users.errors.displayNameTooLong';
  if (!email) errors.email = 'users.errors.emailRequired';
  else if (email.length > 254 || !emailPattern.test(email)) errors.email = 'users.errors.emailInvalid';
  const role = input.role;
  if (!isStaffRole(role)) errors.role = 'users.errors.roleRequired';
  const ids = (input.departmentIds ?? []).map(Number);
  const departmentIds = role === 'department_staff' ? [...new Set(ids)].sort((a, b) => a - b) : [];
  if (departmentIds.some((id) => !Number.isSafeInteger(id) || id < 1)) {
    errors.departmentIds = 'users.errors.departmentUnknown';
  } else if (role === 'department_staff' && departmentIds.length === 0) {
    errors.departmentIds = 'users.errors.departmentRequired';
  }
  if (input.password !== undefined && input.password !== '') {
    const problem = passwordProblem(input.password);
    if (problem) errors.password = problem;
  }
  if (Object.keys(errors).length) throw new AppError('validation_failed', 'The account has invalid fields', errors);
  return {
    email,
    displayName,
    role: role as StaffRole,
    departmentIds,
    ...(input.password ? { password: input.password } : {}),
  };
}
