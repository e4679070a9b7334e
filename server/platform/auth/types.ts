export const staffRoles = ['admin', 'bsc_agent', 'department_staff', 'editor', 'analyst'] as const;
export type StaffRole = (typeof staffRoles)[number];

/** The signed-in staff member, attached to the request by the session hook. */
export interface StaffPrincipal {
  id: number;
  municipalityId: string;
  email: string;
  displayName: string;
  role: StaffRole;
  /** Departments a department_staff user is bound to (empty for other roles). */
  departmentIds: number[];
  /** Set after an administrator reset the password: every page but the account page asks for a new one. */
  mustChangePassword?: boolean;
}

export function isStaffRole(value: unknown): value is StaffRole {
  return typeof value === 'string' && (staffRoles as readonly string[]).includes(value);
}
