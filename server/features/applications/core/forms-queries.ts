import type { Queryable } from '../../../platform/db.js';
import type { Definition } from './definition.js';

// application_forms: the municipality's online services as data. Only this file writes the table.

export interface FormRow {
  slug: string;
  definition: Definition;
  version: number;
  position: number;
  updatedAt: Date;
}

const columns = `slug, definition, version, position, updated_at AS "updatedAt"`;

/** Inserts or replaces a definition; the version goes up only when the definition changed. */
export async function upsertForm(
  tx: Queryable,
  municipalityId: string,
  def: Definition,
  position: number,
  now: Date,
): Promise<void> {
  await tx.query(
    `INSERT INTO application_forms (municipality_id, slug, definition, position, updated_at)
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (municipality_id, slug) DO UPDATE
        SET definition = EXCLUDED.definition, position = EXCLUDED.position,
            version = application_forms.version + CASE WHEN application_forms.definition = EXCLUDED.definition THEN 0 ELSE 1 END,
            updated_at = CASE WHEN application_forms.definition = EXCLUDED.definition THEN application_forms.updated_at ELSE EXCLUDED.updated_at END`,
    [municipalityId, def.slug, JSON.stringify(def), position, now],
  );
}

/** Removes the definitions whose slugs are not in `keep` (their drafts go with them). */
export async function deleteFormsExcept(tx: Queryable, municipalityId: string, keep: string[]): Promise<number> {
  const r = await tx.query(
    'DELETE FROM application_forms WHERE municipality_id = $1 AND NOT (slug = ANY($2::text[]))',
    [municipalityId, keep],
  );
  return r.rowCount;
}

/** The municipality's definitions in their order. */
export async function selectForms(db: Queryable, municipalityId: string): Promise<FormRow[]> {
  const { rows } = await db.query<FormRow>(
    `SELECT ${columns} FROM application_forms WHERE municipality_id = $1 ORDER BY position, slug`,
    [municipalityId],
  );
  return rows;
}

/** One definition by slug, or undefined. */
export async function selectForm(db: Queryable, municipalityId: string, slug: string): Promise<FormRow | undefined> {
  const { rows } = await db.query<FormRow>(
    `SELECT ${columns} FROM application_forms WHERE municipality_id = $1 AND slug = $2`,
    [municipalityId, slug],
  );
  return rows[0];
}
