import type { Queryable } from '../../../platform/db.js';

// The one lookup of the demo seed that no reports table answers: the staff who act in the demo histories.

export interface DemoStaffRow {
  id: number;
  role: string;
  department_ids: number[];
}

/** Enabled back-office and department staff with their departments, oldest first (actors of demo events). */
export async function selectDemoActors(db: Queryable, municipalityId: string): Promise<DemoStaffRow[]> {
  const { rows } = await db.query<{ id: number; role: string; department_ids: (string | number)[] }>(
    `SELECT u.id, u.role,
            coalesce(array_agg(d.department_id ORDER BY d.department_id)
                     FILTER (WHERE d.department_id IS NOT NULL), '{}') AS department_ids
       FROM staff_users u LEFT JOIN staff_user_departments d ON d.user_id = u.id
      WHERE u.municipality_id = $1 AND u.disabled_at IS NULL AND u.role IN ('admin', 'bsc_agent', 'department_staff')
      GROUP BY u.id, u.role ORDER BY u.id`,
    [municipalityId],
  );
  return rows.map((r) => ({ id: Number(r.id), role: r.role, department_ids: r.department_ids.map(Number) }));
}
