import type { Db, Queryable } from '../../../platform/db.js';
import type { ReportStatus } from '../core/statuses.js';
import { publicReportCondition, type VisibilityFlags } from '../core/visibility.js';

// Read models of the public pages and APIs. Only these columns of a report are ever read for the public view;
// names, contact data, status tokens, the original text and internal notes are never selected, so no presenter
// can leak them by mistake. Every query filters through the core's one definition of a public report.
const isPublic = publicReportCondition('r');

export interface PublicFilter {
  municipalityId: string;
  timeZone: string;
  /** Category ids (a group is resolved to its children before). */
  categoryIds?: number[];
  statuses?: readonly ReportStatus[];
  districtKey?: string;
  /** Calendar days (YYYY-MM-DD), inclusive, in `timeZone`, of the report's creation. */
  from?: string;
  to?: string;
  /** [minLon, minLat, maxLon, maxLat] */
  bbox?: [number, number, number, number];
}

function where(f: PublicFilter): { sql: string; params: unknown[] } {
  const params: unknown[] = [f.municipalityId];
  const parts = ['r.municipality_id = $1', isPublic];
  const add = (sql: (n: string) => string, value: unknown) => {
    params.push(value);
    parts.push(sql(`$${params.length}`));
  };
  if (f.categoryIds?.length) add((p) => `r.category_id = ANY(${p}::bigint[])`, f.categoryIds);
  if (f.statuses?.length) add((p) => `r.status = ANY(${p}::text[])`, f.statuses);
  if (f.districtKey) {
    add((p) => `r.district_id = (SELECT id FROM districts WHERE municipality_id = $1 AND key = ${p})`, f.districtKey);
  }
  if (f.from || f.to) params.push(f.timeZone);
  const tz = `$${params.length}`;
  // Local calendar days: midnight in the municipality's zone, DST-correct.
  if (f.from) add((p) => `r.created_at >= (${p}::date::timestamp AT TIME ZONE ${tz})`, f.from);
  if (f.to) add((p) => `r.created_at < ((${p}::date + 1)::timestamp AT TIME ZONE ${tz})`, f.to);
  if (f.bbox) {
    const [minLon, minLat, maxLon, maxLat] = f.bbox;
    params.push(minLon, minLat, maxLon, maxLat);
    const n = params.length;
    // Served by the gist index on reports.location.
    parts.push(`r.location <@ box(point($${n - 3}, $${n - 2}), point($${n - 1}, $${n}))`);
  }
  return { sql: parts.join(' AND '), params };
}

export interface PublicReportRow {
  id: number;
  reference: string;
  status: string;
  created_at: Date;
  closed_at: Date | null;
  public_description: string | null;
  lat: number;
  lon: number;
  supporter_count: number;
  category_code: string;
  category_name: { de?: string; en?: string };
  district_key: string | null;
  district_name: string | null;
  /** The street of the nearest address, when the report links one. */
  street: string | null;
  /** The nearest address as text ("Herforder Straße 5, 33602 Bielefeld"); only its street is shown. */
  address_label: string | null;
}

const summaryColumns = `r.id, r.reference, r.status, r.created_at, r.closed_at, r.public_description, r.lat, r.lon,
  r.supporter_count, c.code AS category_code, c.name AS category_name, d.key AS district_key, d.name AS district_name,
  a.street, r.address_label`;
const summaryJoins = `JOIN report_categories c ON c.id = r.category_id
  LEFT JOIN districts d ON d.id = r.district_id
  LEFT JOIN addresses a ON a.id = r.address_id`;

/**
 * One page of public reports matching the filter, newest first, and how many match, counted up to `countLimit`
 * (beyond it `total` is `countLimit + 1`: counting 100,000 rows on every page view costs more than the page).
 */
export async function selectPublicReports(
  db: Queryable,
  filter: PublicFilter,
  page: { limit: number; offset: number; countLimit: number },
): Promise<{ rows: PublicReportRow[]; total: number }> {
  const w = where(filter);
  const n = w.params.length;
  const [rows, count] = await Promise.all([
    db.query<PublicReportRow>(
      `SELECT ${summaryColumns} FROM reports r ${summaryJoins}
        WHERE ${w.sql} ORDER BY r.created_at DESC, r.id DESC LIMIT $${n + 1} OFFSET $${n + 2}`,
      [...w.params, page.limit, page.offset],
    ),
    db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM (SELECT 1 FROM reports r WHERE ${w.sql} LIMIT $${n + 1}) AS matching`,
      [...w.params, page.countLimit + 1],
    ),
  ]);
  return { rows: rows.rows, total: count.rows[0]?.n ?? 0 };
}

export interface MapReportRow {
  reference: string;
  status: string;
  /** The day it was reported in the municipality's time zone, as days since 1970-01-01. */
  day: number;
  lat: number;
  lon: number;
  category_id: number;
  /** The grid cell it was picked for (selectMapReportsInGrid), else null. */
  cell: number | null;
}

// Only the columns a marker needs, and no join: a thousand rows pass through the driver on every map move.
const mapColumns = (tz: string) =>
  `r.reference, r.status, ((r.created_at AT TIME ZONE ${tz})::date - DATE '1970-01-01') AS day, r.lat, r.lon,
   r.category_id`;

/** The newest `limit` public reports matching the filter (a box in the filter is ignored). */
export async function selectNewestMapReports(
  db: Queryable,
  filter: PublicFilter,
  limit: number,
): Promise<MapReportRow[]> {
  const w = where({ ...filter, bbox: undefined });
  const n = w.params.length;
  const { rows } = await db.query<MapReportRow>(
    `SELECT ${mapColumns(`$${n + 2}`)}, NULL::int AS cell FROM reports r
      WHERE ${w.sql} ORDER BY r.created_at DESC, r.id DESC LIMIT $${n + 1}`,
    [...w.params, limit, filter.timeZone],
  );
  return rows;
}

/**
 * Public reports in the filter's box, spread over it: the box is cut into `grid` × `grid` cells and each cell gives
 * up to `perCell` reports, those nearest its centre first, ordered by cell. A point on a cell edge can come twice.
 */
export async function selectMapReportsInGrid(
  db: Db,
  filter: PublicFilter & { bbox: [number, number, number, number] },
  grid: number,
  perCell: number,
): Promise<MapReportRow[]> {
  const w = where({ ...filter, bbox: undefined });
  const n = w.params.length;
  const [x0, y0, x1, y1] = [`$${n + 1}::float8`, `$${n + 2}::float8`, `$${n + 3}::float8`, `$${n + 4}::float8`];
  const g = `$${n + 5}::int`;
  const sql = `SELECT picked.* FROM generate_series(0, ${g} * ${g} - 1) AS cell
    CROSS JOIN LATERAL (
      SELECT ${x0} + (${x1} - ${x0}) * (cell % ${g}) / ${g} AS west, ${x0} + (${x1} - ${x0}) * (cell % ${g} + 1) / ${g} AS east,
             ${y0} + (${y1} - ${y0}) * (cell / ${g}) / ${g} AS south, ${y0} + (${y1} - ${y0}) * (cell / ${g} + 1) / ${g} AS north
    ) AS c
    CROSS JOIN LATERAL (
      SELECT ${mapColumns(`$${n + 7}`)}, cell, r.location <-> point((c.west + c.east) / 2, (c.south + c.north) / 2) AS d
        FROM reports r
       WHERE ${w.sql} AND r.location <@ box(point(c.west, c.south), point(c.east, c.north))
       ORDER BY d LIMIT $${n + 6}
    ) AS picked
    ORDER BY picked.cell, picked.d`;
  const params = [...w.params, ...filter.bbox, grid, perCell, filter.timeZone];
  // Each cell is a walk of the gist index nearest-first that stops after `perCell` rows, however many the cell
  // holds, so a zoomed-out view costs about what a zoomed-in one does. PostgreSQL has no statistics for geometric
  // types and guesses a box holds 0.1 % of the rows, so it would rather fetch whole cells by bitmap and sort them
  // (several times slower over 100,000 reports); for this one query it is told not to.
  return db.transaction(async (tx) => {
    await tx.query('SET LOCAL enable_bitmapscan = off');
    return (await tx.query<MapReportRow>(sql, params)).rows;
  });
}

export interface PublicDetailRow extends PublicReportRow, VisibilityFlags {
  /** The reference of the report this one was merged into. */
  merged_into: string | null;
  answers: Record<string, unknown>;
  category_questions: unknown[];
}

/** A report by reference with what the public page may show, plus the flags that decide whether it may. */
export async function selectReportByReference(
  db: Queryable,
  municipalityId: string,
  reference: string,
): Promise<PublicDetailRow | undefined> {
  const { rows } = await db.query<PublicDetailRow>(
    `SELECT ${summaryColumns}, r.needs_screening, r.hidden, r.abusive, r.merged_into_id, r.answers,
            c.questions AS category_questions, m.reference AS merged_into
       FROM reports r ${summaryJoins}
       LEFT JOIN reports m ON m.id = r.merged_into_id
      WHERE r.municipality_id = $1 AND r.reference = $2`,
    [municipalityId, reference],
  );
  return rows[0];
}

export interface PublicPhotoRow {
  id: number;
  content_type: string;
  data: Buffer;
  byte_size: number;
  created_at: Date;
}

/** An approved photo of a public report, or undefined. */
export async function selectPublicPhoto(
  db: Queryable,
  municipalityId: string,
  reference: string,
  photoId: number,
): Promise<PublicPhotoRow | undefined> {
  const { rows } = await db.query<PublicPhotoRow>(
    `SELECT p.id, p.content_type, p.data, p.byte_size, p.created_at
       FROM report_photos p JOIN reports r ON r.id = p.report_id
      WHERE r.municipality_id = $1 AND r.reference = $2 AND p.id = $3 AND p.review = 'approved' AND ${isPublic}`,
    [municipalityId, reference, photoId],
  );
  return rows[0];
}
