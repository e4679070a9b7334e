import type { Queryable } from '../../platform/db.js';

/** An address row joined with its district, as the search, lookup and reverse queries return it. */
export interface AddressRow {
  id: number;
  street: string;
  house_number: number;
  house_number_suffix: string;
  postcode: string;
  lat: number;
  lon: number;
  source: 'demo' | 'import';
  district_key: string | null;
  district_name: string | null;
}

const addressColumns = `a.id, a.street, a.house_number, a.house_number_suffix, a.postcode, a.lat, a.lon, a.source,
  d.key AS district_key, d.name AS district_name`;

export interface SearchParams {
  municipalityId: string;
  key: string;
  houseNumber: number | null;
  houseNumberTo: number | null;
  suffix: string;
  /** Infix and trigram matching only make sense from three characters on. */
  fuzzy: boolean;
  limit: number;
}

/**
 * One query: up to five candidate streets (exact key or prefix; only when none starts with the text, infix and
 * trigram similarity for typos), then their addresses — the typed house number (or range) first on the best streets, then nearby numbers. Without a
 * number, the first three addresses of each equally good street come first so every match is visible.
 */
export async function searchAddresses(db: Queryable, p: SearchParams): Promise<AddressRow[]> {
  // LATERAL … LIMIT per street keeps the plan on the (municipality_id, street_key, …) index: each candidate
  // street reads only its own addresses, never the whole register.
  const { rows } = await db.query<AddressRow>(
    `WITH prefixed AS (
       SELECT street_key, CASE WHEN street_key = $2 THEN 0 ELSE 1 END AS match_rank, 1::real AS score
         FROM address_streets
        WHERE municipality_id = $1 AND street_key LIKE $2 || '%'
        ORDER BY match_rank, length(street_key), street_key
        LIMIT 5
     ), fuzzy AS (
       SELECT street_key, CASE WHEN street_key LIKE '%' || $2 || '%' THEN 2 ELSE 3 END AS match_rank,
              similarity(street_key, $2) AS score
         FROM address_streets
        WHERE $6 AND NOT EXISTS (SELECT 1 FROM prefixed)
          AND municipality_id = $1 AND (street_key LIKE '%' || $2 || '%' OR street_key % $2)
        ORDER BY match_rank, score DESC, length(street_key), street_key
        LIMIT 5
     ), streets AS (
       SELECT * FROM prefixed UNION ALL SELECT * FROM fuzzy
     ), ranked AS (
       SELECT street_key, match_rank, min(match_rank) OVER () AS best_rank,
              row_number() OVER (ORDER BY match_rank, score DESC, length(street_key), street_key) AS street_order
         FROM streets
     )
     SELECT ${addressColumns}
       FROM ranked r
      CROSS JOIN LATERAL (
        SELECT x.*, row_number() OVER (ORDER BY x.house_number, x.house_number_suffix) AS pos
          FROM (SELECT * FROM addresses
                 WHERE municipality_id = $1 AND street_key = r.street_key
                 ORDER BY house_number BETWEEN $3::int AND coalesce($4::int, $3::int) IS NOT TRUE,
                          abs(house_number - coalesce($3::int, 0)), house_number, house_number_suffix <> $5,
                          house_number_suffix
                 LIMIT $7) x
      ) a
       LEFT JOIN districts d ON d.id = a.district_id
      ORDER BY
        CASE WHEN r.match_rank = r.best_rank AND (r.match_rank < 3 OR r.street_order = 1) AND (
               CASE WHEN $3::int IS NULL THEN a.pos <= 3
                    ELSE a.house_number BETWEEN $3::int AND coalesce($4::int, $3::int) END)
             THEN 0 ELSE 1 END,
        r.street_order,
        abs(a.house_number - coalesce($3::int, 0)),
        a.house_number,
        a.house_number_suffix <> $5,
        a.house_number_suffix
      LIMIT $7`,
    [p.municipalityId, p.key, p.houseNumber, p.houseNumberTo, p.suffix, p.fuzzy, p.limit],
  );
  return rows;
}

/** The address with this id in the municipality, or undefined. */
export async function findAddressById(
  db: Queryable,
  municipalityId: string,
  id: number,
): Promise<AddressRow | undefined> {
  const { rows } = await db.query<AddressRow>(
    `SELECT ${addressColumns} FROM addresses a LEFT JOIN districts d ON d.id = a.district_id
      WHERE a.municipality_id = $1 AND a.id = $2`,
    [municipalityId, id],
  );
  return rows[0];
}

/** The exact address for a street key, number and suffix, or undefined. */
export async function findAddressByKey(
  db: Queryable,
  municipalityId: string,
  key: string,
  houseNumber: number,
  suffix: string,
): Promise<AddressRow | undefined> {
  const { rows } = await db.query<AddressRow>(
    `SELECT ${addressColumns} FROM addresses a LEFT JOIN districts d ON d.id = a.district_id
      WHERE a.municipality_id = $1 AND a.street_key = $2 AND a.house_number = $3 AND a.house_number_suffix = $4`,
    [municipalityId, key, houseNumber, suffix],
  );
  return rows[0];
}

/**
 * The `count` addresses nearest to (lat, lon) by planar distance in degrees (GiST KNN on the point); the
 * caller re-ranks them by real distance, since a degree of longitude is shorter than one of latitude.
 */
export async function listNearestAddresses(
  db: Queryable,
  municipalityId: string,
  lat: number,
  lon: number,
  count: number,
): Promise<AddressRow[]> {
  const { rows } = await db.query<AddressRow>(
    `SELECT ${addressColumns}
       FROM (SELECT * FROM addresses WHERE municipality_id = $1 ORDER BY location <-> point($3, $2) LIMIT $4) a
       LEFT JOIN districts d ON d.id = a.district_id`,
    [municipalityId, lat, lon, count],
  );
  return rows;
}

/** True when the municipality has at least one address. */
export async function anyAddress(db: Queryable, municipalityId: string): Promise<boolean> {
  const { rows } = await db.query<{ found: boolean }>(
    'SELECT EXISTS (SELECT 1 FROM addresses WHERE municipality_id = $1) AS found',
    [municipalityId],
  );
  return rows[0]?.found === true;
}

/** A row ready for the upsert: already validated and normalised, district resolved. */
export interface AddressInsert {
  street: string;
  streetKey: string;
  houseNumber: number;
  suffix: string;
  postcode: string;
  districtId: number | null;
  lat: number;
  lon: number;
}

/**
 * Inserts or updates one batch in a single statement (unnest of column arrays). Rows whose data did not
 * change are left alone. Returns how many were inserted and how many updated.
 */
export async function upsertAddresses(
  tx: Queryable,
  municipalityId: string,
  source: 'demo' | 'import',
  now: Date,
  rows: AddressInsert[],
): Promise<{ inserted: number; updated: number }> {
  const { rows: result } = await tx.query<{ inserted: boolean }>(
    `INSERT INTO addresses AS a (municipality_id, street, street_key, house_number, house_number_suffix, postcode,
                                 district_id, lat, lon, source, created_at, updated_at)
     SELECT $1, t.street, t.street_key, t.house_number, t.suffix, t.postcode, t.district_id, t.lat, t.lon, $2, $3, $3
       FROM unnest($4::text[], $5::text[], $6::int[], $7::text[], $8::text[], $9::bigint[], $10::float8[],
                   $11::float8[]) AS t(street, street_key, house_number, suffix, postcode, district_id, lat, lon)
     ON CONFLICT (municipality_id, street_key, house_number, house_number_suffix) DO UPDATE
        SET street = EXCLUDED.street, postcode = EXCLUDED.postcode, district_id = EXCLUDED.district_id,
            lat = EXCLUDED.lat, lon = EXCLUDED.lon, source = EXCLUDED.source, updated_at = EXCLUDED.updated_at
      WHERE (a.street, a.postcode, a.district_id, a.lat, a.lon, a.source)
            IS DISTINCT FROM (EXCLUDED.street, EXCLUDED.postcode, EXCLUDED.district_id, EXCLUDED.lat, EXCLUDED.lon,
                              EXCLUDED.source)
     RETURNING (xmax = 0) AS inserted`,
    [
      municipalityId,
      source,
      now,
      rows.map((r) => r.street),
      rows.map((r) => r.streetKey),
      rows.map((r) => r.houseNumber),
      rows.map((r) => r.suffix),
      rows.map((r) => r.postcode),
      rows.map((r) => r.districtId),
      rows.map((r) => r.lat),
      rows.map((r) => r.lon),
    ],
  );
  const inserted = result.filter((r) => r.inserted).length;
  return { inserted, updated: result.length - inserted };
}

/** Rebuilds the street list the search starts from: one row per key, named by its most common spelling. */
export async function refreshStreets(tx: Queryable, municipalityId: string): Promise<void> {
  await tx.query(
    `INSERT INTO address_streets (municipality_id, street_key, name)
     SELECT DISTINCT ON (street_key) $1, street_key, street
       FROM (SELECT street_key, street, count(*) AS n FROM addresses WHERE municipality_id = $1 GROUP BY 1, 2) s
      ORDER BY street_key, n DESC, street
     ON CONFLICT (municipality_id, street_key) DO UPDATE SET name = EXCLUDED.name
      WHERE address_streets.name <> EXCLUDED.name`,
    [municipalityId],
  );
  await tx.query(
    `DELETE FROM address_streets s WHERE s.municipality_id = $1
        AND NOT EXISTS (SELECT 1 FROM addresses a WHERE a.municipality_id = $1 AND a.street_key = s.street_key)`,
    [municipalityId],
  );
}

/**
 * Refreshes the planner statistics after a bulk change, so searches use the indexes at once (PGlite has no
 * autovacuum, and PostgreSQL's would come only later).
 */
export async function analyzeAddressTables(tx: Queryable): Promise<void> {
  await tx.query('ANALYZE addresses, address_streets, districts');
}
