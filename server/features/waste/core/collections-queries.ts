import type { Queryable } from '../../../platform/db.js';
import type { BinKind, BinType } from './types.js';

// SQL of waste_collections: the only file that writes the table, and the one read of an address's calendar.

export interface CollectionRow {
  date: string;
  shiftedFrom: string | null;
  note: string;
  routeKey: string;
  seasonKey: string;
  binTypeId: number;
  binTypeKey: string;
  kind: BinKind;
  name: BinType['name'];
  colour: string;
  sort: number;
}

// An address's collections: its route per bin type and season, the dates of that route inside its season. Where
// seasons overlap, a later season the address has a route in (for that bin type) takes over from its first day.
// Index use: waste_route_addresses_address_idx, then the collections' primary key (route_id, collection_date).
const addressCollections = `
  FROM waste_route_addresses ra
  JOIN waste_seasons s ON s.id = ra.season_id
  JOIN waste_routes r ON r.id = ra.route_id
  JOIN waste_bin_types bt ON bt.id = ra.bin_type_id
  JOIN waste_collections c ON c.route_id = ra.route_id
   AND c.collection_date BETWEEN greatest($3::date, s.starts_on) AND least($4::date, s.ends_on)
 WHERE ra.address_id = $2 AND ra.municipality_id = $1
   AND ($5::text[] IS NULL OR bt.key = ANY($5::text[]))
   AND NOT EXISTS (
     SELECT 1 FROM waste_route_addresses later JOIN waste_seasons ls ON ls.id = later.season_id
      WHERE later.address_id = ra.address_id AND later.municipality_id = ra.municipality_id
        AND later.bin_type_id = ra.bin_type_id AND ls.starts_on > s.starts_on
        AND c.collection_date BETWEEN ls.starts_on AND ls.ends_on)`;

const collectionColumns = `c.collection_date::text AS date, c.shifted_from::text AS "shiftedFrom", c.note,
  r.key AS "routeKey", s.key AS "seasonKey", bt.id AS "binTypeId", bt.key AS "binTypeKey", bt.kind, bt.name,
  bt.colour, bt.sort`;

/** The collections at an address from..to (both included), by date then bin type order. */
export async function selectCollections(
  db: Queryable,
  municipalityId: string,
  addressId: number,
  range: { from: string; to: string; binTypeKeys?: readonly string[] | undefined },
): Promise<CollectionRow[]> {
  const { rows } = await db.query<CollectionRow>(
    `SELECT ${collectionColumns} ${addressCollections}
      ORDER BY c.collection_date, bt.sort, bt.key`,
    [municipalityId, addressId, range.from, range.to, range.binTypeKeys ?? null],
  );
  return rows;
}

/** The first collection per bin type at an address on or after `from` (up to `to`), by date then bin type order. */
export async function selectNextCollections(
  db: Queryable,
  municipalityId: string,
  addressId: number,
  range: { from: string; to: string; binTypeKeys?: readonly string[] | undefined },
): Promise<CollectionRow[]> {
  const { rows } = await db.query<CollectionRow>(
    `SELECT * FROM (
       SELECT DISTINCT ON (bt.id) ${collectionColumns} ${addressCollections}
        ORDER BY bt.id, c.collection_date
     ) n ORDER BY n.date, n.sort, n."binTypeKey"`,
    [municipalityId, addressId, range.from, range.to, range.binTypeKeys ?? null],
  );
  return rows;
}

export interface RouteDateRow {
  routeId: number;
  date: string;
  shiftedFrom: string | null;
  note: string;
}

/** The dates of some routes. */
export async function selectRouteDates(db: Queryable, routeIds: number[]): Promise<RouteDateRow[]> {
  if (routeIds.length === 0) return [];
  const { rows } = await db.query<RouteDateRow>(
    `SELECT route_id AS "routeId", collection_date::text AS date, shifted_from::text AS "shiftedFrom", note
       FROM waste_collections WHERE route_id = ANY($1::bigint[]) ORDER BY route_id, collection_date`,
    [routeIds],
  );
  return rows;
}

/** Inserts dates, or replaces shifted_from and note of existing ones (bulk, one statement). */
export async function upsertCollections(tx: Queryable, municipalityId: string, rows: RouteDateRow[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO waste_collections (municipality_id, route_id, collection_date, shifted_from, note)
     SELECT $1, u.route_id, u.d, u.shifted_from, u.note
       FROM unnest($2::bigint[], $3::date[], $4::date[], $5::text[]) AS u(route_id, d, shifted_from, note)
     ON CONFLICT (route_id, collection_date) DO UPDATE
       SET shifted_from = EXCLUDED.shifted_from, note = EXCLUDED.note, updated_at = now()`,
    [
      municipalityId,
      rows.map((r) => r.routeId),
      rows.map((r) => r.date),
      rows.map((r) => r.shiftedFrom),
      rows.map((r) => r.note),
    ],
  );
}

/** Deletes dates of routes (bulk, one statement). */
export async function deleteCollections(tx: Queryable, rows: { routeId: number; date: string }[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(
    `DELETE FROM waste_collections c USING unnest($1::bigint[], $2::date[]) AS u(route_id, d)
      WHERE c.route_id = u.route_id AND c.collection_date = u.d`,
    [rows.map((r) => r.routeId), rows.map((r) => r.date)],
  );
}
