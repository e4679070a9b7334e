import type { Queryable } from '../../../platform/db.js';

export interface LandmarkRow {
  id: number;
  name: string;
  kind: string;
  lat: number;
  lon: number;
}

/**
 * Landmarks matching a normalised key, best first: exact, name starting with the key, the key containing the
 * name ("kesselbrinkskatepark" finds Kesselbrink), name containing the key, then trigram similarity for typos.
 */
export async function searchLandmarkRows(
  db: Queryable,
  municipalityId: string,
  key: string,
  limit: number,
): Promise<LandmarkRow[]> {
  const { rows } = await db.query<LandmarkRow & { rank: number }>(
    `SELECT id, name, kind, lat, lon,
            CASE WHEN name_key = $2 THEN 0
                 WHEN name_key LIKE $2 || '%' THEN 1
                 WHEN length(name_key) >= 4 AND $2 LIKE '%' || name_key || '%' THEN 2
                 WHEN name_key LIKE '%' || $2 || '%' THEN 3
                 ELSE 4 END AS rank
       FROM landmarks
      WHERE municipality_id = $1
        AND (name_key LIKE '%' || $2 || '%' OR name_key % $2
             OR (length(name_key) >= 4 AND $2 LIKE '%' || name_key || '%'))
      ORDER BY rank, similarity(name_key, $2) DESC, length(name_key), name
      LIMIT $3`,
    [municipalityId, key, limit],
  );
  return rows.map(({ rank: _rank, ...r }) => r);
}

/** A landmark with how it matched: rank 0 exact … 3 name containing the key, 4 similar only (typos). */
export interface LandmarkMatchRow extends LandmarkRow {
  rank: number;
  similarity: number;
}

/** Like searchLandmarkRows, with each row's rank and trigram similarity (to tell a clear match from a choice). */
export async function matchLandmarkRows(
  db: Queryable,
  municipalityId: string,
  key: string,
  limit: number,
): Promise<LandmarkMatchRow[]> {
  const { rows } = await db.query<LandmarkMatchRow>(
    `SELECT id, name, kind, lat, lon, similarity(name_key, $2)::float8 AS similarity,
            CASE WHEN name_key = $2 THEN 0
                 WHEN name_key LIKE $2 || '%' THEN 1
                 WHEN length(name_key) >= 4 AND $2 LIKE '%' || name_key || '%' THEN 2
                 WHEN name_key LIKE '%' || $2 || '%' THEN 3
                 ELSE 4 END AS rank
       FROM landmarks
      WHERE municipality_id = $1
        AND (name_key LIKE '%' || $2 || '%' OR name_key % $2
             OR (length(name_key) >= 4 AND $2 LIKE '%' || name_key || '%'))
      ORDER BY rank, similarity DESC, length(name_key), name
      LIMIT $3`,
    [municipalityId, key, limit],
  );
  return rows.map((r) => ({ ...r, rank: Number(r.rank), similarity: Number(r.similarity) }));
}

/** The landmark with this id, or undefined. */
export async function findLandmarkRow(
  db: Queryable,
  municipalityId: string,
  id: number,
): Promise<LandmarkRow | undefined> {
  const { rows } = await db.query<LandmarkRow>(
    'SELECT id, name, kind, lat, lon FROM landmarks WHERE municipality_id = $1 AND id = $2',
    [municipalityId, id],
  );
  return rows[0];
}

/** Inserts or updates a landmark by its normalised name. */
export async function upsertLandmark(
  tx: Queryable,
  l: { municipalityId: string; name: string; nameKey: string; kind: string; lat: number; lon: number },
): Promise<void> {
  await tx.query(
    `INSERT INTO landmarks (municipality_id, name, name_key, kind, lat, lon) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (municipality_id, name_key) DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind,
       lat = EXCLUDED.lat, lon = EXCLUDED.lon`,
    [l.municipalityId, l.name, l.nameKey, l.kind, l.lat, l.lon],
  );
}

/** True when the municipality has landmarks. */
export async function anyLandmark(db: Queryable, municipalityId: string): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM landmarks WHERE municipality_id = $1 LIMIT 1', [municipalityId]);
  return rows.length > 0;
}
