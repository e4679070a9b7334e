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
}
