import type { DepartmentRow } from './queries.js';

/** A department as pages, other features and the audit log see it. */
export interface Department {
  id: number;
  slug: string;
  name: string;
  email: string | null;
  phone: string | null;
  active: boolean;
}

export function presentDepartment(row: DepartmentRow): Department {
  return {
    id: Number(row.id),
    slug: row.slug,
    name: row.name,
    email: row.email,
    phone: row.phone,
    active: row.active,
  };
}
