import type { Queryable } from '../../../platform/db.js';

// The one owner of report_categories (written only by the category import).

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

export interface CategoryChoiceRow {
  id: number;
  code: string;
  parent_id: number | null;
  name: { de?: string; en?: string };
}

/** The municipality's active categories (groups and their children), by sort: the public filter's choices. */
export async function selectCategoryChoices(db: Queryable, municipalityId: string): Promise<CategoryChoiceRow[]> {
  const { rows } = await db.query<CategoryChoiceRow>(
    `SELECT id, code, parent_id, name FROM report_categories
      WHERE municipality_id = $1 AND active ORDER BY sort, id`,
    [municipalityId],
  );
  return rows;
}

/** Categories a report can have (no groups), inactive ones last, for rule and filter choices. */
export async function selectLeafCategories(
  db: Queryable,
  municipalityId: string,
): Promise<{ id: number; name: { de: string; en: string }; active: boolean }[]> {
  const { rows } = await db.query<{ id: number; name: { de: string; en: string }; active: boolean }>(
    `SELECT c.id, c.name, c.active FROM report_categories c
     WHERE c.municipality_id = $1 AND NOT EXISTS (SELECT 1 FROM report_categories k WHERE k.parent_id = c.id)
     ORDER BY c.active DESC, c.sort, c.name->>'de', c.id`,
    [municipalityId],
  );
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}

/** Keywords of the municipality's categories by code (only those that have some). */
export async function selectCategoryKeywords(db: Queryable, municipalityId: string): Promise<Map<string, string[]>> {
  const { rows } = await db.query<{ code: string; keywords: string[] }>(
    "SELECT code, keywords FROM report_categories WHERE municipality_id = $1 AND keywords <> '{}'",
    [municipalityId],
  );
  return new Map(rows.map((r) => [r.code, r.keywords]));
}

/** When a category of the municipality last changed; null without categories. */
export async function selectCategoriesChangedAt(db: Queryable, municipalityId: string): Promise<Date | null> {
  const { rows } = await db.query<{ at: Date | null }>(
    'SELECT max(updated_at) AS at FROM report_categories WHERE municipality_id = $1',
    [municipalityId],
  );
  return rows[0]?.at ?? null;
}
