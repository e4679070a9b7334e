import type { Queryable } from '../../../platform/db.js';

// application_office_departments: which departments work on an office's applications. Only this file writes it.

/** Replaces the departments of one office. */
export async function replaceOfficeDepartments(
  tx: Queryable,
  municipalityId: string,
  officeKey: string,
  departmentIds: number[],
): Promise<void> {
  await tx.query('DELETE FROM application_office_departments WHERE municipality_id = $1 AND office_key = $2', [
    municipalityId,
    officeKey,
  ]);
  await tx.query(
    `INSERT INTO application_office_departments (municipality_id, office_key, department_id)
     SELECT $1, $2, unnest($3::bigint[]) ON CONFLICT DO NOTHING`,
    [municipalityId, officeKey, departmentIds],
  );
}

/** Every office's department ids. */
export async function selectOfficeDepartments(db: Queryable, municipalityId: string): Promise<Map<string, number[]>> {
  const { rows } = await db.query<{ office_key: string; department_id: string }>(
    'SELECT office_key, department_id FROM application_office_departments WHERE municipality_id = $1',
    [municipalityId],
  );
  const out = new Map<string, number[]>();
  for (const r of rows) out.set(r.office_key, [...(out.get(r.office_key) ?? []), Number(r.department_id)]);
  return out;
}
