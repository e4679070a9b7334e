import type { Queryable } from '../../../platform/db.js';

// SQL of the import: the address lookup of an assignments file (read) and waste_import_uploads (the only file
// that writes it).

export interface AddressKey {
  streetKey: string;
  houseNumber: number;
  suffix: string;
}

/** Address ids and postcodes for street key + number + suffix (one statement for a whole file). */
export async function selectAddressIds(
  db: Queryable,
  municipalityId: string,
  keys: AddressKey[],
): Promise<Map<string, { id: number; postcode: string }>> {
  const out = new Map<string, { id: number; postcode: string }>();
  if (keys.length === 0) return out;
  const { rows } = await db.query<AddressKey & { id: number; postcode: string }>(
    `SELECT DISTINCT a.id, a.street_key AS "streetKey", a.house_number AS "houseNumber",
            a.house_number_suffix AS suffix, a.postcode
       FROM unnest($2::text[], $3::int[], $4::text[]) AS k(street_key, house_number, suffix)
       JOIN addresses a ON a.municipality_id = $1 AND a.street_key = k.street_key
                       AND a.house_number = k.house_number AND a.house_number_suffix = k.suffix`,
    [municipalityId, keys.map((k) => k.streetKey), keys.map((k) => k.houseNumber), keys.map((k) => k.suffix)],
  );
  for (const r of rows) out.set(addressKeyString(r), { id: r.id, postcode: r.postcode });
  return out;
}

export const addressKeyString = (k: AddressKey) => `${k.streetKey}|${k.houseNumber}|${k.suffix}`;

export interface UploadRow {
  id: string;
  staffId: number;
  fileName: string;
  format: 'csv' | 'ical';
  options: Record<string, string>;
  content: Buffer;
  createdAt: Date;
}

/** Stores an uploaded file and drops the municipality's uploads older than `expiredBefore`. */
export async function insertUpload(
  tx: Queryable,
  municipalityId: string,
  u: UploadRow,
  expiredBefore: Date,
): Promise<void> {
  await tx.query('DELETE FROM waste_import_uploads WHERE municipality_id = $1 AND created_at < $2', [
    municipalityId,
    expiredBefore,
  ]);
  await tx.query(
    `INSERT INTO waste_import_uploads (id, municipality_id, staff_id, file_name, format, options, content, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [u.id, municipalityId, u.staffId, u.fileName, u.format, JSON.stringify(u.options), u.content, u.createdAt],
  );
}

/** An upload of this municipality and staff member that is not older than `notBefore`. */
export async function selectUpload(
  db: Queryable,
  municipalityId: string,
  id: string,
  staffId: number,
  notBefore: Date,
): Promise<UploadRow | undefined> {
  const { rows } = await db.query<UploadRow>(
    `SELECT id, staff_id AS "staffId", file_name AS "fileName", format, options, content, created_at AS "createdAt"
       FROM waste_import_uploads
      WHERE municipality_id = $1 AND id = $2 AND staff_id = $3 AND created_at >= $4`,
    [municipalityId, id, staffId, notBefore],
  );
  return rows[0];
}

/** Removes an upload (after it was applied). */
export async function deleteUpload(tx: Queryable, municipalityId: string, id: string): Promise<void> {
  await tx.query('DELETE FROM waste_import_uploads WHERE municipality_id = $1 AND id = $2', [municipalityId, id]);
}

/** How many uploads (of any municipality) are older than `before`. */
export async function countUploadsBefore(db: Queryable, before: Date): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM waste_import_uploads WHERE created_at < $1',
    [before],
  );
  return rows[0]?.n ?? 0;
}

/** Deletes the uploads (of any municipality) older than `before`; returns how many. */
export async function deleteUploadsBefore(db: Queryable, before: Date): Promise<number> {
  const { rowCount } = await db.query('DELETE FROM waste_import_uploads WHERE created_at < $1', [before]);
  return rowCount;
}
