import type { Queryable } from '../../../platform/db.js';

// Lookups of the municipality's districts for the report pages and the demo seed. Reads only: the addresses
// feature owns the districts table.

/** The municipality's districts by name, for choices. */
export async function selectDistrictOptions(
  db: Queryable,
  municipalityId: string,
): Promise<{ id: number; name: string }[]> {
  const { rows } = await db.query<{ id: number; name: string }>(
    'SELECT id, name FROM districts WHERE municipality_id = $1 ORDER BY name, id',
    [municipalityId],
  );
  return rows.map((r) => ({ id: Number(r.id), name: r.name }));
}

/** Whether the id is a district of the municipality. */
export async function districtExists(db: Queryable, municipalityId: string, id: number): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM districts WHERE municipality_id = $1 AND id = $2', [
    municipalityId,
    id,
  ]);
  return rows.length > 0;
}

/** District ids by key. */
export async function selectDistrictIdsByKey(db: Queryable, municipalityId: string): Promise<Map<string, number>> {
  const { rows } = await db.query<{ id: number; key: string }>(
    'SELECT id, key FROM districts WHERE municipality_id = $1',
    [municipalityId],
  );
  return new Map(rows.map((r) => [r.key, Number(r.id)]));
}
