import type { Queryable } from '../../../platform/db.js';

// SQL of waste_routes and waste_route_addresses (address → route): the only file that writes them.

export interface RouteRow {
  id: number;
  seasonId: number;
  binTypeId: number;
  key: string;
  name: string;
}

export interface NewRoute {
  seasonId: number;
  binTypeId: number;
  key: string;
  name: string;
}

/** The routes of a municipality, optionally of some seasons only. */
export async function selectRoutes(db: Queryable, municipalityId: string, seasonIds?: number[]): Promise<RouteRow[]> {
  const { rows } = await db.query<RouteRow>(
    `SELECT id, season_id AS "seasonId", bin_type_id AS "binTypeId", key, name FROM waste_routes
      WHERE municipality_id = $1 AND ($2::bigint[] IS NULL OR season_id = ANY($2))
      ORDER BY season_id, bin_type_id, key`,
    [municipalityId, seasonIds ?? null],
  );
  return rows;
}

/** Inserts routes that do not exist yet (a given name replaces the stored one); returns all given routes. */
export async function upsertRoutes(tx: Queryable, municipalityId: string, routes: NewRoute[]): Promise<RouteRow[]> {
  if (routes.length === 0) return [];
  const { rows } = await tx.query<RouteRow>(
    `INSERT INTO waste_routes (municipality_id, season_id, bin_type_id, key, name)
     SELECT $1, u.season_id, u.bin_type_id, u.key, u.name
       FROM unnest($2::bigint[], $3::bigint[], $4::text[], $5::text[]) AS u(season_id, bin_type_id, key, name)
     ON CONFLICT (municipality_id, season_id, bin_type_id, key) DO UPDATE
       SET name = CASE WHEN EXCLUDED.name = '' THEN waste_routes.name ELSE EXCLUDED.name END
     RETURNING id, season_id AS "seasonId", bin_type_id AS "binTypeId", key, name`,
    [
      municipalityId,
      routes.map((r) => r.seasonId),
      routes.map((r) => r.binTypeId),
      routes.map((r) => r.key),
      routes.map((r) => r.name),
    ],
  );
  return rows;
}

export interface AssignmentRow {
  seasonId: number;
  binTypeId: number;
  addressId: number;
  routeId: number;
}

/** The address → route assignments of some (season, bin type) pairs. */
export async function selectAssignments(
  db: Queryable,
  municipalityId: string,
  pairs: { seasonId: number; binTypeId: number }[],
): Promise<AssignmentRow[]> {
  if (pairs.length === 0) return [];
  const { rows } = await db.query<AssignmentRow>(
    `SELECT ra.season_id AS "seasonId", ra.bin_type_id AS "binTypeId", ra.address_id AS "addressId",
            ra.route_id AS "routeId"
       FROM waste_route_addresses ra
       JOIN unnest($2::bigint[], $3::bigint[]) AS p(season_id, bin_type_id)
         ON p.season_id = ra.season_id AND p.bin_type_id = ra.bin_type_id
      WHERE ra.municipality_id = $1`,
    [municipalityId, pairs.map((p) => p.seasonId), pairs.map((p) => p.binTypeId)],
  );
  return rows;
}

/** Sets the route of addresses (one per address, season and bin type), replacing any other. */
export async function upsertAssignments(tx: Queryable, municipalityId: string, rows: AssignmentRow[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO waste_route_addresses (municipality_id, season_id, bin_type_id, address_id, route_id)
     SELECT $1, u.season_id, u.bin_type_id, u.address_id, u.route_id
       FROM unnest($2::bigint[], $3::bigint[], $4::bigint[], $5::bigint[]) AS u(season_id, bin_type_id, address_id, route_id)
     ON CONFLICT (municipality_id, season_id, bin_type_id, address_id) DO UPDATE SET route_id = EXCLUDED.route_id`,
    [
      municipalityId,
      rows.map((r) => r.seasonId),
      rows.map((r) => r.binTypeId),
      rows.map((r) => r.addressId),
      rows.map((r) => r.routeId),
    ],
  );
}

/** Removes assignments of addresses for (season, bin type) pairs. */
export async function deleteAssignments(
  tx: Queryable,
  municipalityId: string,
  rows: Omit<AssignmentRow, 'routeId'>[],
): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(
    `DELETE FROM waste_route_addresses ra
      USING unnest($2::bigint[], $3::bigint[], $4::bigint[]) AS u(season_id, bin_type_id, address_id)
      WHERE ra.municipality_id = $1 AND ra.season_id = u.season_id AND ra.bin_type_id = u.bin_type_id
        AND ra.address_id = u.address_id`,
    [municipalityId, rows.map((r) => r.seasonId), rows.map((r) => r.binTypeId), rows.map((r) => r.addressId)],
  );
}

/**
 * Assigns every address of the municipality a route by its street (and district): `streetKeys[i]` in
 * `districtIds[i]` (null: no district) goes to `routeIds[i]`. One statement for the whole register (demo seed).
 */
export async function assignRoutesByStreet(
  tx: Queryable,
  municipalityId: string,
  map: { streetKey: string; districtId: number | null; routeId: number; seasonId: number; binTypeId: number }[],
): Promise<number> {
  if (map.length === 0) return 0;
  const { rowCount } = await tx.query(
    `INSERT INTO waste_route_addresses (municipality_id, season_id, bin_type_id, address_id, route_id)
     SELECT $1, u.season_id, u.bin_type_id, a.id, u.route_id
       FROM unnest($2::text[], $3::bigint[], $4::bigint[], $5::bigint[], $6::bigint[])
              AS u(street_key, district_id, route_id, season_id, bin_type_id)
       JOIN addresses a ON a.municipality_id = $1 AND a.street_key = u.street_key
                       AND a.district_id IS NOT DISTINCT FROM u.district_id
     ON CONFLICT (municipality_id, season_id, bin_type_id, address_id) DO UPDATE SET route_id = EXCLUDED.route_id`,
    [
      municipalityId,
      map.map((m) => m.streetKey),
      map.map((m) => m.districtId),
      map.map((m) => m.routeId),
      map.map((m) => m.seasonId),
      map.map((m) => m.binTypeId),
    ],
  );
  return rowCount;
}

export interface StreetRow {
  streetKey: string;
  street: string;
  districtId: number | null;
  districtKey: string | null;
  districtName: string | null;
}

/** Distinct streets (normalised key) and districts of the municipality's addresses, for route planning. */
export async function selectStreets(db: Queryable, municipalityId: string): Promise<StreetRow[]> {
  const { rows } = await db.query<StreetRow>(
    `SELECT a.street_key AS "streetKey", min(a.street) AS street, a.district_id AS "districtId", d.key AS "districtKey",
            d.name AS "districtName"
       FROM addresses a LEFT JOIN districts d ON d.id = a.district_id
      WHERE a.municipality_id = $1
      GROUP BY a.street_key, a.district_id, d.key, d.name
      ORDER BY a.street_key, a.district_id`,
    [municipalityId],
  );
  return rows;
}

/** Per route: how many addresses and dates it has (the admin overview). */
export async function selectRouteCounts(
  db: Queryable,
  municipalityId: string,
): Promise<(RouteRow & { addresses: number; dates: number; firstDate: string | null; lastDate: string | null })[]> {
  const { rows } = await db.query<
    RouteRow & { addresses: number; dates: number; firstDate: string | null; lastDate: string | null }
  >(
    `SELECT r.id, r.season_id AS "seasonId", r.bin_type_id AS "binTypeId", r.key, r.name,
            (SELECT count(*)::int FROM waste_route_addresses ra WHERE ra.route_id = r.id) AS addresses,
            (SELECT count(*)::int FROM waste_collections c WHERE c.route_id = r.id) AS dates,
            (SELECT min(c.collection_date)::text FROM waste_collections c WHERE c.route_id = r.id) AS "firstDate",
            (SELECT max(c.collection_date)::text FROM waste_collections c WHERE c.route_id = r.id) AS "lastDate"
       FROM waste_routes r WHERE r.municipality_id = $1
      ORDER BY r.season_id, r.bin_type_id, r.key`,
    [municipalityId],
  );
  return rows;
}

/** The routes an address has, per season and bin type. */
export async function selectAddressRoutes(
  db: Queryable,
  municipalityId: string,
  addressId: number,
): Promise<{ seasonId: number; binTypeId: number; routeId: number; routeKey: string }[]> {
  const { rows } = await db.query<{ seasonId: number; binTypeId: number; routeId: number; routeKey: string }>(
    `SELECT ra.season_id AS "seasonId", ra.bin_type_id AS "binTypeId", ra.route_id AS "routeId", r.key AS "routeKey"
       FROM waste_route_addresses ra JOIN waste_routes r ON r.id = ra.route_id
      WHERE ra.municipality_id = $1 AND ra.address_id = $2`,
    [municipalityId, addressId],
  );
  return rows;
}
