import type { Queryable } from '../../platform/db.js';

export interface DepartmentRow {
  id: number;
  municipality_id: string;
  slug: string;
  name: string;
  email: string | null;
  phone: string | null;
  active: boolean;
  created_at: Date;
}

const columns = 'id, municipality_id, slug, name, email, phone, active, created_at';

export async function selectDepartments(db: Queryable, municipalityId: string): Promise<DepartmentRow[]> {
  const { rows } = await db.query<DepartmentRow>(
    `SELECT ${columns} FROM departments WHERE municipality_id = $1 ORDER BY active DESC, lower(name), id`,
    [municipalityId],
  );
  return rows;
}

export async function selectDepartment(
  db: Queryable,
  municipalityId: string,
  id: number,
  forUpdate = false,
): Promise<DepartmentRow | undefined> {
  const { rows } = await db.query<DepartmentRow>(
    `SELECT ${columns} FROM departments WHERE municipality_id = $1 AND id = $2${forUpdate ? ' FOR UPDATE' : ''}`,
    [municipalityId, id],
  );
  return rows[0];
}

export async function selectDepartmentBySlug(
  db: Queryable,
  municipalityId: string,
  slug: string,
): Promise<DepartmentRow | undefined> {
  const { rows } = await db.query<DepartmentRow>(
    `SELECT ${columns} FROM departments WHERE municipality_id = $1 AND slug = $2`,
    [municipalityId, slug],
  );
  return rows[0];
}

export async function slugTaken(db: Queryable, municipalityId: string, slug: string, exceptId?: number) {
  const { rows } = await db.query(
    'SELECT 1 FROM departments WHERE municipality_id = $1 AND slug = $2 AND id IS DISTINCT FROM $3',
    [municipalityId, slug, exceptId ?? null],
  );
  return rows.length > 0;
}

export async function insertDepartment(
  tx: Queryable,
  d: { municipalityId: string; slug: string; name: string; email: string | null; phone: string | null },
): Promise<DepartmentRow> {
  const { rows } = await tx.query<DepartmentRow>(
    `INSERT INTO departments (municipality_id, slug, name, email, phone) VALUES ($1, $2, $3, $4, $5)
     RETURNING ${columns}`,
    [d.municipalityId, d.slug, d.name, d.email, d.phone],
  );
  return rows[0]!;
}

export async function updateDepartmentRow(
  tx: Queryable,
  id: number,
  d: { slug: string; name: string; email: string | null; phone: string | null; active: boolean },
): Promise<DepartmentRow> {
  const { rows } = await tx.query<DepartmentRow>(
    `UPDATE departments SET slug = $2, name = $3, email = $4, phone = $5, active = $6 WHERE id = $1
     RETURNING ${columns}`,
    [id, d.slug, d.name, d.email, d.phone, d.active],
  );
  return rows[0]!;
}

/** Which of the given ids are departments of the municipality (optionally only active ones). */
export async function selectExistingDepartmentIds(
  db: Queryable,
  municipalityId: string,
  ids: number[],
  activeOnly: boolean,
): Promise<number[]> {
  if (ids.length === 0) return [];
  const { rows } = await db.query<{ id: number }>(
    `SELECT id FROM departments WHERE municipality_id = $1 AND id = ANY($2::bigint[])${activeOnly ? ' AND active' : ''}`,
    [municipalityId, ids],
  );
  return rows.map((r) => Number(r.id));
}
