import type { Queryable } from '../../../platform/db.js';

export interface CategoryRow {
  id: number;
  code: string;
  parent_id: number | null;
  name: { de: string; en: string };
  description: { de?: string; en?: string };
  keywords: string[];
  questions: unknown[];
  target_working_days: number;
  retention_days_after_close: number;
  default_department_id: number | null;
  sort: number;
  active: boolean;
}

const columns = `id, code, parent_id, name, description, keywords, questions, target_working_days,
  retention_days_after_close, default_department_id, sort, active`;

/** Categories of a municipality ordered by sort and code; only active ones unless all is true. */
export async function selectCategories(db: Queryable, municipalityId: string, all = false): Promise<CategoryRow[]> {
  const { rows } = await db.query<CategoryRow>(
    `SELECT ${columns} FROM report_categories
      WHERE municipality_id = $1 AND ($2 OR active)
      ORDER BY sort, code`,
    [municipalityId, all],
  );
  return rows;
}

/** One category by code (active or not), or undefined. */
export async function selectCategoryByCode(
  db: Queryable,
  municipalityId: string,
  code: string,
): Promise<CategoryRow | undefined> {
  const { rows } = await db.query<CategoryRow>(
    `SELECT ${columns} FROM report_categories WHERE municipality_id = $1 AND code = $2`,
    [municipalityId, code],
  );
  return rows[0];
}

/** One category by id (active or not), or undefined. */
export async function selectCategoryById(
  db: Queryable,
  municipalityId: string,
  id: number,
): Promise<CategoryRow | undefined> {
  const { rows } = await db.query<CategoryRow>(
    `SELECT ${columns} FROM report_categories WHERE municipality_id = $1 AND id = $2`,
    [municipalityId, id],
  );
  return rows[0];
}

/** True when the category has active children (a group node). */
export async function hasActiveChildren(db: Queryable, categoryId: number): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM report_categories WHERE parent_id = $1 AND active LIMIT 1', [
    categoryId,
  ]);
  return rows.length > 0;
}

export interface CategoryWrite {
  municipalityId: string;
  code: string;
  parentId: number | null;
  name: { de: string; en: string };
  description: { de?: string; en?: string };
  keywords: string[];
  questions: unknown[];
  targetWorkingDays: number;
  retentionDaysAfterClose: number;
  defaultDepartmentId: number | null;
  sort: number;
  active: boolean;
}

/** Inserts or updates a category by (municipality, code); returns the row as it is now. */
export async function upsertCategoryRow(tx: Queryable, c: CategoryWrite, at: Date): Promise<CategoryRow> {
  const { rows } = await tx.query<CategoryRow>(
    `INSERT INTO report_categories (municipality_id, code, parent_id, name, description, keywords, questions,
       target_working_days, retention_days_after_close, default_department_id, sort, active, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13)
     ON CONFLICT (municipality_id, code) DO UPDATE SET
       parent_id = EXCLUDED.parent_id, name = EXCLUDED.name, description = EXCLUDED.description,
       keywords = EXCLUDED.keywords, questions = EXCLUDED.questions,
       target_working_days = EXCLUDED.target_working_days,
       retention_days_after_close = EXCLUDED.retention_days_after_close,
       default_department_id = EXCLUDED.default_department_id, sort = EXCLUDED.sort, active = EXCLUDED.active,
       updated_at = EXCLUDED.updated_at
     RETURNING ${columns}`,
    [
      c.municipalityId,
      c.code,
      c.parentId,
      JSON.stringify(c.name),
      JSON.stringify(c.description),
      c.keywords,
      JSON.stringify(c.questions),
      c.targetWorkingDays,
      c.retentionDaysAfterClose,
      c.defaultDepartmentId,
      c.sort,
      c.active,
      at,
    ],
  );
  return rows[0] as CategoryRow;
}

/** Inserts or replaces the rule for category × district (NULL = every district). */
export async function upsertRoutingRule(
  tx: Queryable,
  r: {
    municipalityId: string;
    categoryId: number;
    districtId: number | null;
    departmentId: number;
    autoForward: boolean;
  },
): Promise<void> {
  await tx.query(
    `INSERT INTO report_routing_rules (municipality_id, category_id, district_id, department_id, auto_forward)
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (category_id, coalesce(district_id, 0)) DO UPDATE SET
       department_id = EXCLUDED.department_id, auto_forward = EXCLUDED.auto_forward`,
    [r.municipalityId, r.categoryId, r.districtId, r.departmentId, r.autoForward],
  );
}

/** Inserts an external body unless one of that name exists. */
export async function insertExternalBody(
  tx: Queryable,
  b: { municipalityId: string; name: string; email?: string; phone?: string; website?: string },
): Promise<void> {
  await tx.query(
    `INSERT INTO report_external_bodies (municipality_id, name, email, phone, website)
     VALUES ($1, $2, $3, $4, $5) ON CONFLICT (municipality_id, name) DO NOTHING`,
    [b.municipalityId, b.name, b.email ?? null, b.phone ?? null, b.website ?? null],
  );
}

/** True when the municipality has note templates. */
export async function anyNoteTemplate(db: Queryable, municipalityId: string): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM report_note_templates WHERE municipality_id = $1 LIMIT 1', [
    municipalityId,
  ]);
  return rows.length > 0;
}

export async function insertNoteTemplate(
  tx: Queryable,
  t: { municipalityId: string; status: string; title: string; body: { de: string; en: string }; sort: number },
): Promise<void> {
  await tx.query(
    `INSERT INTO report_note_templates (municipality_id, status, title, body, sort) VALUES ($1, $2, $3, $4, $5)`,
    [t.municipalityId, t.status, t.title, JSON.stringify(t.body), t.sort],
  );
}

/** District ids by key, for demo routing rules. */
export async function selectDistrictIdsByKey(db: Queryable, municipalityId: string): Promise<Map<string, number>> {
  const { rows } = await db.query<{ id: number; key: string }>(
    'SELECT id, key FROM districts WHERE municipality_id = $1',
    [municipalityId],
  );
  return new Map(rows.map((r) => [r.key, r.id]));
}
