import type { Queryable } from '../../../platform/db.js';

// The one owner of report_external_bodies: bodies outside the administration a report can be handed to.

export interface ExternalBodyRow {
  id: number;
  name: string;
  email: string | null;
  phone: string | null;
  website: string | null;
  active: boolean;
}

const bodyColumns = 'id, name, email, phone, website, active';

/** The municipality's external bodies, active ones first, by name. */
export async function selectExternalBodies(db: Queryable, municipalityId: string): Promise<ExternalBodyRow[]> {
  const { rows } = await db.query<ExternalBodyRow>(
    `SELECT ${bodyColumns} FROM report_external_bodies WHERE municipality_id = $1 ORDER BY active DESC, lower(name), id`,
    [municipalityId],
  );
  return rows;
}

/** One external body of the municipality (optionally locked), or undefined. */
export async function selectExternalBody(
  db: Queryable,
  municipalityId: string,
  id: number,
  forUpdate = false,
): Promise<ExternalBodyRow | undefined> {
  const { rows } = await db.query<ExternalBodyRow>(
    `SELECT ${bodyColumns} FROM report_external_bodies WHERE municipality_id = $1 AND id = $2${forUpdate ? ' FOR UPDATE' : ''}`,
    [municipalityId, id],
  );
  return rows[0];
}

/** Whether another external body of the municipality has this name (case-insensitive). */
export async function externalBodyNameTaken(
  db: Queryable,
  municipalityId: string,
  name: string,
  exceptId?: number,
): Promise<boolean> {
  const { rows } = await db.query(
    `SELECT 1 FROM report_external_bodies WHERE municipality_id = $1 AND lower(name) = lower($2)
       AND id IS DISTINCT FROM $3`,
    [municipalityId, name, exceptId ?? null],
  );
  return rows.length > 0;
}

export interface ExternalBodyValues {
  name: string;
  email: string | null;
  phone: string | null;
  website: string | null;
  active: boolean;
}

/** Inserts an external body; undefined (nothing inserted) when the municipality has one of that name already. */
export async function insertExternalBody(
  tx: Queryable,
  municipalityId: string,
  b: ExternalBodyValues,
): Promise<ExternalBodyRow | undefined> {
  const { rows } = await tx.query<ExternalBodyRow>(
    `INSERT INTO report_external_bodies (municipality_id, name, email, phone, website, active)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (municipality_id, name) DO NOTHING RETURNING ${bodyColumns}`,
    [municipalityId, b.name, b.email, b.phone, b.website, b.active],
  );
  return rows[0];
}

/** Changes an external body; returns it as it is now. */
export async function updateExternalBody(tx: Queryable, id: number, b: ExternalBodyValues): Promise<ExternalBodyRow> {
  const { rows } = await tx.query<ExternalBodyRow>(
    `UPDATE report_external_bodies SET name = $2, email = $3, phone = $4, website = $5, active = $6 WHERE id = $1
     RETURNING ${bodyColumns}`,
    [id, b.name, b.email, b.phone, b.website, b.active],
  );
  return rows[0] as ExternalBodyRow;
}
