import type { Queryable } from '../../../platform/db.js';

// The one owner of report_note_templates: editable texts for public status notes.

export interface TemplateRow {
  id: number;
  status: string;
  title: string;
  body: { de: string; en?: string };
  sort: number;
  /** The category the template is meant for; null: every category. */
  categoryId: number | null;
}

const columns = 'id, status, title, body, sort, category_id::int AS "categoryId"';

/** The municipality's note templates, by status, sort and title. */
export async function selectTemplates(db: Queryable, municipalityId: string): Promise<TemplateRow[]> {
  const { rows } = await db.query<TemplateRow>(
    `SELECT ${columns} FROM report_note_templates WHERE municipality_id = $1 ORDER BY status, sort, lower(title), id`,
    [municipalityId],
  );
  return rows;
}

/** One template of the municipality (optionally locked), or undefined. */
export async function selectTemplate(
  db: Queryable,
  municipalityId: string,
  id: number,
  forUpdate = false,
): Promise<TemplateRow | undefined> {
  const { rows } = await db.query<TemplateRow>(
    `SELECT ${columns} FROM report_note_templates WHERE municipality_id = $1 AND id = $2${forUpdate ? ' FOR UPDATE' : ''}`,
    [municipalityId, id],
  );
  return rows[0];
}

export interface TemplateValues {
  status: string;
  title: string;
  body: { de: string; en?: string };
  sort: number;
  categoryId?: number | null;
}

/** Inserts a template; returns its id. */
export async function insertTemplate(
  tx: Queryable,
  municipalityId: string,
  v: TemplateValues,
  now: Date,
): Promise<number> {
  const { rows } = await tx.query<{ id: number }>(
    `INSERT INTO report_note_templates (municipality_id, status, title, body, sort, category_id, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id`,
    [municipalityId, v.status, v.title, JSON.stringify(v.body), v.sort, v.categoryId ?? null, now],
  );
  return Number((rows[0] as { id: number }).id);
}

/** Changes a template. */
export async function updateTemplateRow(tx: Queryable, id: number, v: TemplateValues, now: Date): Promise<void> {
  await tx.query(
    `UPDATE report_note_templates SET status = $2, title = $3, body = $4, sort = $5, category_id = $7, updated_at = $6
     WHERE id = $1`,
    [id, v.status, v.title, JSON.stringify(v.body), v.sort, now, v.categoryId ?? null],
  );
}

/** Deletes a template. */
export async function deleteTemplate(tx: Queryable, id: number): Promise<void> {
  await tx.query('DELETE FROM report_note_templates WHERE id = $1', [id]);
}

/** True when the municipality has note templates. */
export async function anyNoteTemplate(db: Queryable, municipalityId: string): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM report_note_templates WHERE municipality_id = $1 LIMIT 1', [
    municipalityId,
  ]);
  return rows.length > 0;
}
