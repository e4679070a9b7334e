import type { Queryable } from '../../platform/db.js';

export interface DistrictRef {
  id: number;
  key: string;
  name: string;
}

/** The municipality's districts (id, key, name), by key. */
export async function listDistrictRefs(db: Queryable, municipalityId: string): Promise<DistrictRef[]> {
  const { rows } = await db.query<DistrictRef>(
    'SELECT id, key, name FROM districts WHERE municipality_id = $1 ORDER BY key',
    [municipalityId],
  );
  return rows;
}

export interface DistrictGeometryRow {
  key: string;
  name: string;
  geometry: unknown;
}

/** The municipality's districts with their GeoJSON geometry, by key. */
export async function listDistrictGeometries(db: Queryable, municipalityId: string): Promise<DistrictGeometryRow[]> {
  const { rows } = await db.query<DistrictGeometryRow>(
    'SELECT key, name, geometry FROM districts WHERE municipality_id = $1 ORDER BY key',
    [municipalityId],
  );
  return rows;
}

/**
 * For each point, the id of the district containing it (null outside every district). The boundary counts as
 * inside; on a shared edge the lower id wins. Points are given as parallel arrays.
 */
export async function findDistrictIdsAt(
  db: Queryable,
  municipalityId: string,
  lats: number[],
  lons: number[],
): Promise<(number | null)[]> {
  if (lats.length === 0) return [];
  const { rows } = await db.query<{ district_id: number | null }>(
    `SELECT (SELECT d.id FROM districts d
              WHERE d.municipality_id = $1
                AND (d.boundary @> point(p.lon, p.lat)
                     OR EXISTS (SELECT 1 FROM unnest(d.extra_parts) e WHERE e @> point(p.lon, p.lat)))
                AND NOT EXISTS (SELECT 1 FROM unnest(d.holes) h WHERE h @> point(p.lon, p.lat))
              ORDER BY d.id LIMIT 1) AS district_id
       FROM unnest($2::float8[], $3::float8[]) WITH ORDINALITY AS p(lat, lon, ord)
      ORDER BY p.ord`,
    [municipalityId, lats, lons],
  );
  return rows.map((r) => r.district_id);
}

/** A district ready for the upsert: polygon literals in PostgreSQL's `((x,y),…)` form, points as (lon, lat). */
export interface DistrictUpsert {
  key: string;
  name: string;
  boundary: string;
  extraParts: string[];
  holes: string[];
  geometry: unknown;
}

/** Inserts or updates districts by key. Returns how many were inserted and how many updated. */
export async function upsertDistricts(
  tx: Queryable,
  municipalityId: string,
  now: Date,
  districts: DistrictUpsert[],
): Promise<{ inserted: number; updated: number }> {
  let inserted = 0;
  let updated = 0;
  for (const d of districts) {
    const { rows } = await tx.query<{ inserted: boolean }>(
      `INSERT INTO districts AS x (municipality_id, key, name, boundary, extra_parts, holes, geometry, created_at,
                                   updated_at)
       VALUES ($1, $2, $3, $4::polygon, $5::polygon[], $6::polygon[], $7::jsonb, $8, $8)
       ON CONFLICT (municipality_id, key) DO UPDATE
          SET name = EXCLUDED.name, boundary = EXCLUDED.boundary, extra_parts = EXCLUDED.extra_parts,
              holes = EXCLUDED.holes, geometry = EXCLUDED.geometry, updated_at = EXCLUDED.updated_at
        WHERE x.name <> EXCLUDED.name OR x.geometry <> EXCLUDED.geometry
       RETURNING (xmax = 0) AS inserted`,
      [municipalityId, d.key, d.name, d.boundary, d.extraParts, d.holes, JSON.stringify(d.geometry), now],
    );
    if (rows[0]?.inserted) inserted++;
    else if (rows[0]) updated++;
  }
  return { inserted, updated };
}
