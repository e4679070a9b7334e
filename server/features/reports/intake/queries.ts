import type { Queryable } from '../../../platform/db.js';
import { openStatuses } from '../core/statuses.js';
import { publicReportCondition } from '../core/visibility.js';

// Read models of the citizen pages and the report API. Writes go through the core's queries files.

export interface NearbyRow {
  id: number;
  reference: string;
  status: string;
  lat: number;
  lon: number;
  /** The street of the linked address (the register's), else null: the label is cut to its street instead. */
  street: string | null;
  address_label: string | null;
  public_description: string | null;
  supporter_count: number;
  created_at: Date;
}

/**
 * Open public reports of a category inside a bounding box (the gist index on location answers the box), newest
 * first, at most `limit`. Public by the core's one definition: a report awaiting screening, hidden, abusive or
 * merged is never returned. The caller takes their public place (rounded, street only) and filters by distance.
 */
export async function selectPublicOpenReportsInBox(
  db: Queryable,
  p: { municipalityId: string; categoryId: number; south: number; west: number; north: number; east: number },
  limit: number,
): Promise<NearbyRow[]> {
  const { rows } = await db.query<NearbyRow>(
    `SELECT r.id, r.reference, r.status, r.lat, r.lon, a.street, r.address_label, r.public_description,
            r.supporter_count, r.created_at
       FROM reports r LEFT JOIN addresses a ON a.id = r.address_id
      WHERE r.location <@ box(point($4, $3), point($6, $5))
        AND r.municipality_id = $1 AND r.category_id = $2 AND r.status = ANY($8::text[])
        AND ${publicReportCondition('r')}
      ORDER BY r.created_at DESC
      LIMIT $7`,
    [p.municipalityId, p.categoryId, p.south, p.west, p.north, p.east, limit, openStatuses],
  );
  return rows;
}

export interface SupportTarget {
  id: number;
  status: string;
  hidden: boolean;
  abusive: boolean;
  merged_into_id: number | null;
  supporter_count: number;
}

/** The report with this reference, locked for the supporter update, or undefined. */
export async function selectReportForSupport(
  tx: Queryable,
  municipalityId: string,
  reference: string,
): Promise<SupportTarget | undefined> {
  const { rows } = await tx.query<SupportTarget>(
    `SELECT id, status, hidden, abusive, merged_into_id, supporter_count FROM reports
      WHERE municipality_id = $1 AND reference = $2 FOR UPDATE`,
    [municipalityId, reference],
  );
  return rows[0];
}

export interface ReporterRow {
  id: number;
  municipality_id: string;
  reference: string;
  status: string;
  category_id: number;
  description: string;
  public_description: string | null;
  answers: Record<string, unknown>;
  lat: number;
  lon: number;
  address_label: string | null;
  landmark: string | null;
  district_name: string | null;
  department_name: string | null;
  external_body_name: string | null;
  merged_into_id: number | null;
  language: string;
  notify_email: boolean;
  has_email: boolean;
  supporter_count: number;
  merged_reference: string | null;
  created_at: Date;
  updated_at: Date;
  due_at: Date | null;
  closed_at: Date | null;
  photo_count: number;
}

/** The report whose status token has this SHA-256, with what its reporter may see, or undefined. */
export async function selectReportByTokenHash(db: Queryable, hash: string): Promise<ReporterRow | undefined> {
  const { rows } = await db.query<ReporterRow>(
    `SELECT r.id, r.municipality_id, r.reference, r.status, r.category_id, r.description, r.public_description,
            r.answers, r.lat, r.lon, r.address_label, r.landmark, d.name AS district_name,
            dep.name AS department_name, x.name AS external_body_name, r.merged_into_id, r.language,
            r.notify_email, r.reporter_email IS NOT NULL AS has_email, r.supporter_count,
            m.reference AS merged_reference, r.created_at, r.updated_at, r.due_at, r.closed_at,
            (SELECT count(*)::int FROM report_photos p WHERE p.report_id = r.id) AS photo_count
       FROM reports r
       LEFT JOIN districts d ON d.id = r.district_id
       LEFT JOIN reports m ON m.id = r.merged_into_id
       LEFT JOIN departments dep ON dep.id = r.department_id
       LEFT JOIN report_external_bodies x ON x.id = r.external_body_id
      WHERE r.status_token_hash = $1 AND r.anonymised_at IS NULL`,
    [hash],
  );
  return rows[0];
}

export interface MineRow {
  status_token_hash: string;
  reference: string;
  status: string;
  category_name: { de: string; en: string };
  address_label: string | null;
  landmark: string | null;
  created_at: Date;
  updated_at: Date;
}

/**
 * "Meine Meldungen": the reports whose status tokens hash to these (one municipality, not anonymised), with what
 * the list shows. Unknown hashes are simply absent.
 */
export async function selectReportsByTokenHashes(
  db: Queryable,
  municipalityId: string,
  hashes: string[],
): Promise<MineRow[]> {
  if (hashes.length === 0) return [];
  const { rows } = await db.query<MineRow>(
    `SELECT r.status_token_hash, r.reference, r.status, c.name AS category_name, r.address_label, r.landmark,
            r.created_at, r.updated_at
       FROM reports r JOIN report_categories c ON c.id = r.category_id
      WHERE r.municipality_id = $1 AND r.status_token_hash = ANY($2::text[]) AND r.anonymised_at IS NULL`,
    [municipalityId, hashes],
  );
  return rows;
}

/** How many public reports (any status) each category has inside a bounding box. */
export async function countReportsByCategoryInBox(
  db: Queryable,
  p: { municipalityId: string; south: number; west: number; north: number; east: number },
): Promise<{ category_id: number; n: number }[]> {
  const { rows } = await db.query<{ category_id: number; n: string | number }>(
    `SELECT r.category_id, count(*) AS n
       FROM reports r
      WHERE r.location <@ box(point($3, $2), point($5, $4)) AND r.municipality_id = $1
        AND ${publicReportCondition('r')}
      GROUP BY r.category_id`,
    [p.municipalityId, p.south, p.west, p.north, p.east],
  );
  return rows.map((r) => ({ category_id: r.category_id, n: Number(r.n) }));
}
