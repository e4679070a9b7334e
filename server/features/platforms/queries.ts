import type { Queryable } from '../../platform/db.js';

// SQL of the data platforms overview (data_platforms): this file owns the table.

export interface PlatformRow {
  id: number;
  slug: string;
  name_de: string;
  name_en: string | null;
  offers_de: string;
  offers_en: string | null;
  interfaces: string[];
  url: string | null;
  operator_de: string;
  operator_en: string | null;
  sort: number;
  updated_at: Date;
}

export interface PlatformFields {
  slug: string;
  nameDe: string;
  nameEn: string | null;
  offersDe: string;
  offersEn: string | null;
  interfaces: string[];
  url: string | null;
  operatorDe: string;
  operatorEn: string | null;
}

const columns = `id::int AS id, slug, name_de, name_en, offers_de, offers_en, interfaces, url, operator_de, operator_en,
  sort, updated_at`;

const values = (f: PlatformFields) => [
  f.slug,
  f.nameDe,
  f.nameEn,
  f.offersDe,
  f.offersEn,
  f.interfaces,
  f.url,
  f.operatorDe,
  f.operatorEn,
];

/** Every platform of a municipality in the editors' order. */
export async function selectPlatforms(db: Queryable, municipalityId: string): Promise<PlatformRow[]> {
  const { rows } = await db.query<PlatformRow>(
    `SELECT ${columns} FROM data_platforms WHERE municipality_id = $1 ORDER BY sort, id`,
    [municipalityId],
  );
  return rows;
}

/** One platform, or undefined; `lock` takes a row lock. */
export async function selectPlatform(db: Queryable, municipalityId: string, id: number, lock = false) {
  const { rows } = await db.query<PlatformRow>(
    `SELECT ${columns} FROM data_platforms WHERE municipality_id = $1 AND id = $2${lock ? ' FOR UPDATE' : ''}`,
    [municipalityId, id],
  );
  return rows[0];
}

/** True when another platform of the municipality has this slug. */
export async function platformSlugTaken(db: Queryable, municipalityId: string, slug: string, exceptId?: number) {
  const { rows } = await db.query(
    'SELECT 1 FROM data_platforms WHERE municipality_id = $1 AND slug = $2 AND id <> coalesce($3::bigint, 0)',
    [municipalityId, slug, exceptId ?? null],
  );
  return rows.length > 0;
}

/** Adds a platform at the end of the list. */
export async function insertPlatform(db: Queryable, municipalityId: string, f: PlatformFields, at: Date) {
  const { rows } = await db.query<PlatformRow>(
    `INSERT INTO data_platforms (municipality_id, slug, name_de, name_en, offers_de, offers_en, interfaces, url,
       operator_de, operator_en, sort, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10,
       (SELECT coalesce(max(sort), 0) + 1 FROM data_platforms WHERE municipality_id = $1), $11)
     RETURNING ${columns}`,
    [municipalityId, ...values(f), at],
  );
  return rows[0]!;
}

/** Changes a platform's fields. */
export async function updatePlatformRow(
  db: Queryable,
  municipalityId: string,
  id: number,
  f: PlatformFields,
  at: Date,
) {
  const { rows } = await db.query<PlatformRow>(
    `UPDATE data_platforms SET slug = $2, name_de = $3, name_en = $4, offers_de = $5, offers_en = $6,
       interfaces = $7, url = $8, operator_de = $9, operator_en = $10, updated_at = $11
     WHERE municipality_id = $1 AND id = $12
     RETURNING ${columns}`,
    [municipalityId, ...values(f), at, id],
  );
  return rows[0]!;
}

/** Deletes a platform. */
export async function deletePlatformRow(db: Queryable, municipalityId: string, id: number): Promise<void> {
  await db.query('DELETE FROM data_platforms WHERE municipality_id = $1 AND id = $2', [municipalityId, id]);
}

/** The ids in their order, locked (reordering reads then rewrites the order). */
export async function lockPlatformOrder(db: Queryable, municipalityId: string): Promise<number[]> {
  const { rows } = await db.query<{ id: number }>(
    'SELECT id::int AS id FROM data_platforms WHERE municipality_id = $1 ORDER BY sort, id FOR UPDATE',
    [municipalityId],
  );
  return rows.map((r) => r.id);
}

/** Numbers the platforms 1, 2, 3 … in the order of `ids`. */
export async function renumberPlatforms(db: Queryable, municipalityId: string, ids: number[]): Promise<void> {
  await db.query(
    `UPDATE data_platforms p SET sort = o.ord FROM unnest($2::bigint[]) WITH ORDINALITY AS o(id, ord)
     WHERE p.municipality_id = $1 AND p.id = o.id`,
    [municipalityId, ids],
  );
}

/** How many platforms the municipality has. */
export async function countPlatforms(db: Queryable, municipalityId: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM data_platforms WHERE municipality_id = $1',
    [municipalityId],
  );
  return rows[0]!.n;
}
