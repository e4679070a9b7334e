import type { Queryable } from '../../../platform/db.js';
import type { ReportStatus } from '../core/statuses.js';
import { publicReportCondition } from '../core/visibility.js';

// The read model of Open311's GET requests (GeoReport v2): public reports only, by the core's one definition,
// and only public columns (no reporter data, no internal note, no unapproved photo).

export interface LocalText {
  de: string;
  en?: string;
}

export interface RequestFilter {
  municipalityId: string;
  /** Public references; when given, every other filter is ignored. */
  references?: string[];
  serviceCodes?: string[];
  statuses?: readonly ReportStatus[];
  createdFrom?: Date;
  createdTo?: Date;
  updatedAfter?: Date;
  updatedBefore?: Date;
  /** minLon, minLat, maxLon, maxLat */
  bbox?: [number, number, number, number];
  limit: number;
  offset: number;
  /** Adds district, supporter count and the public history (the `extensions=true` answer). */
  extended: boolean;
}

export interface HistoryJson {
  status_to: string | null;
  note: string | null;
  at: string;
}

export interface RequestRow {
  reference: string;
  status: ReportStatus;
  public_description: string | null;
  lat: number;
  lon: number;
  street: string | null;
  postcode: string | null;
  service_code: string;
  category_name: LocalText;
  target_working_days: number;
  department_name: string | null;
  external_name: string | null;
  created_at: Date;
  updated_at: Date;
  closed_at: Date | null;
  due_at: Date | null;
  status_note: string | null;
  photo_id: number | null;
  district_name?: string | null;
  supporter_count?: number;
  history?: HistoryJson[] | null;
}

/**
 * Public service requests, newest first, in one statement: the latest public note and the first approved photo
 * come from laterals over their (report_id, …) indexes, so 1,000 rows cost one round trip. Reports that are not
 * public (awaiting screening, hidden, abusive, merged) are never returned. No personal column is selected.
 */
export async function selectRequests(db: Queryable, f: RequestFilter): Promise<RequestRow[]> {
  const params: unknown[] = [f.municipalityId];
  const where = ['r.municipality_id = $1', publicReportCondition('r')];
  const add = (sql: (n: string) => string, value: unknown) => {
    params.push(value);
    where.push(sql(`$${params.length}`));
  };
  if (f.references) {
    add((n) => `r.reference = ANY(${n}::text[])`, f.references);
  } else {
    if (f.serviceCodes) add((n) => `c.code = ANY(${n}::text[])`, f.serviceCodes);
    if (f.statuses) add((n) => `r.status = ANY(${n}::text[])`, f.statuses);
    if (f.createdFrom) add((n) => `r.created_at >= ${n}`, f.createdFrom);
    if (f.createdTo) add((n) => `r.created_at <= ${n}`, f.createdTo);
    if (f.updatedAfter) add((n) => `r.updated_at > ${n}`, f.updatedAfter);
    if (f.updatedBefore) add((n) => `r.updated_at < ${n}`, f.updatedBefore);
    if (f.bbox) {
      params.push(...f.bbox);
      const k = params.length;
      where.push(`r.location <@ box(point($${k - 3}, $${k - 2}), point($${k - 1}, $${k}))`);
    }
  }
  params.push(f.limit, f.offset);
  const extended = f.extended
    ? `, dist.name AS district_name, r.supporter_count,
         (SELECT json_agg(json_build_object('status_to', e.status_to, 'note', e.public_note, 'at', e.created_at)
                          ORDER BY e.created_at, e.id)
            FROM report_events e WHERE e.report_id = r.id AND e.public) AS history`
    : '';
  const { rows } = await db.query<RequestRow>(
    `SELECT r.reference, r.status, r.public_description, r.lat, r.lon, a.street, a.postcode,
            c.code AS service_code, c.name AS category_name, c.target_working_days,
            d.name AS department_name, x.name AS external_name,
            r.created_at, r.updated_at, r.closed_at, r.due_at,
            note.public_note AS status_note, photo.id AS photo_id${extended}
       FROM reports r
       JOIN report_categories c ON c.id = r.category_id
       LEFT JOIN addresses a ON a.id = r.address_id
       LEFT JOIN departments d ON d.id = r.department_id
       LEFT JOIN report_external_bodies x ON x.id = r.external_body_id
       ${f.extended ? 'LEFT JOIN districts dist ON dist.id = r.district_id' : ''}
       LEFT JOIN LATERAL (
         SELECT e.public_note FROM report_events e
          WHERE e.report_id = r.id AND e.public AND e.public_note IS NOT NULL
          ORDER BY e.created_at DESC, e.id DESC LIMIT 1) note ON true
       LEFT JOIN LATERAL (
         SELECT p.id FROM report_photos p
          WHERE p.report_id = r.id AND p.review = 'approved'
          ORDER BY p.sort, p.id LIMIT 1) photo ON true
      WHERE ${where.join(' AND ')}
      ORDER BY r.created_at DESC, r.id DESC
      LIMIT $${params.length - 1} OFFSET $${params.length}`,
    params,
  );
  return rows;
}
