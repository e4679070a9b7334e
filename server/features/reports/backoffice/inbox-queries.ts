import type { Queryable } from '../../../platform/db.js';
import { openStatuses, type ReportStatus } from '../core/statuses.js';

// Read models of the back office (inbox, map, overdue list, report detail). Writes go through the core.

export type InboxSort = 'newest' | 'oldest' | 'due';

export interface InboxFilter {
  municipalityId: string;
  /** Department staff: only reports that are with one of these departments. */
  onlyDepartmentIds?: number[];
  statuses?: readonly ReportStatus[];
  /** A category, or a group with all its children. */
  categoryId?: number;
  districtId?: number;
  departmentId?: number;
  /** Open and past its due time. */
  overdue?: boolean;
  needsScreening?: boolean;
  /** Free text in reference, texts, address and landmark. */
  text?: string;
  /** [minLon, minLat, maxLon, maxLat] */
  bbox?: [number, number, number, number];
  /** Only this report (the detail page's small map). */
  reportId?: number;
  now: Date;
}

function where(f: InboxFilter): { sql: string; params: unknown[] } {
  const params: unknown[] = [f.municipalityId];
  const parts = ['r.municipality_id = $1'];
  const add = (sql: (n: string) => string, value: unknown) => {
    params.push(value);
    parts.push(sql(`$${params.length}`));
  };
  if (f.onlyDepartmentIds) add((p) => `r.department_id = ANY(${p}::bigint[])`, f.onlyDepartmentIds);
  if (f.reportId) add((p) => `r.id = ${p}`, f.reportId);
  if (f.statuses?.length) add((p) => `r.status = ANY(${p}::text[])`, f.statuses);
  if (f.categoryId) add((p) => `(r.category_id = ${p} OR c.parent_id = ${p})`, f.categoryId);
  if (f.districtId) add((p) => `r.district_id = ${p}`, f.districtId);
  if (f.departmentId) add((p) => `r.department_id = ${p}`, f.departmentId);
  if (f.overdue) {
    add((p) => `r.status = ANY(${p}::text[])`, openStatuses);
    add((p) => `r.due_at < ${p}`, f.now);
  }
  if (f.needsScreening) parts.push('r.needs_screening');
  if (f.text) {
    const like = `%${f.text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    add(
      (p) =>
        `(r.reference ILIKE ${p} OR r.description ILIKE ${p} OR r.public_description ILIKE ${p}
          OR r.address_label ILIKE ${p} OR r.landmark ILIKE ${p})`,
      like,
    );
  }
  if (f.bbox) {
    const [minLon, minLat, maxLon, maxLat] = f.bbox;
    params.push(minLon, minLat, maxLon, maxLat);
    const n = params.length;
    parts.push(`r.location <@ box(point($${n - 3}, $${n - 2}), point($${n - 1}, $${n}))`);
  }
  return { sql: parts.join(' AND '), params };
}

const order: Record<InboxSort, string> = {
  newest: 'r.created_at DESC, r.id DESC',
  oldest: 'r.created_at ASC, r.id ASC',
  due: 'r.due_at ASC NULLS LAST, r.created_at ASC, r.id ASC',
};

export interface InboxRow {
  id: number;
  reference: string;
  status: ReportStatus;
  description: string;
  address_label: string | null;
  landmark: string | null;
  lat: number;
  lon: number;
  category_name: { de: string; en: string };
  district_name: string | null;
  department_id: number | null;
  department_name: string | null;
  needs_screening: boolean;
  abusive: boolean;
  merged_into_id: number | null;
  supporter_count: number;
  created_at: Date;
  due_at: Date | null;
  closed_at: Date | null;
  /** The last routing step was a return by the department (or a reporter's "not fixed"), with its reason. */
  returned: boolean;
  return_reason: string | null;
  /** That step was the reporter's "not fixed" (the reason is their comment). */
  reopened_by_reporter: boolean;
}

const from = `FROM reports r
  JOIN report_categories c ON c.id = r.category_id
  LEFT JOIN districts d ON d.id = r.district_id
  LEFT JOIN departments dep ON dep.id = r.department_id`;

const inboxColumns = `r.id, r.reference, r.status, r.description, r.address_label, r.landmark, r.lat, r.lon,
  c.name AS category_name, d.name AS district_name, r.department_id, dep.name AS department_name, r.needs_screening,
  r.abusive, r.merged_into_id, r.supporter_count, r.created_at, r.due_at, r.closed_at,
  coalesce(route.kind IN ('returned', 'not_fixed'), false) AS returned,
  CASE WHEN route.kind IN ('returned', 'not_fixed') THEN route.internal_note END AS return_reason,
  coalesce(route.kind = 'not_fixed', false) AS reopened_by_reporter`;

// The newest forward or return decides whether a received report came back from a department.
const lastRouting = `LEFT JOIN LATERAL (
    SELECT e.kind, e.internal_note FROM report_events e
    WHERE e.report_id = r.id AND e.kind IN ('forwarded', 'returned', 'not_fixed')
    ORDER BY e.created_at DESC, e.id DESC LIMIT 1
  ) route ON r.status = 'received'`;

export interface InboxCounts {
  /** Received, waiting for the BSC (to forward, answer or screen). */
  triage: number;
  /** With a department: forwarded, accepted or in progress. */
  withDepartment: number;
  overdue: number;
  screening: number;
  open: number;
}

/** The inbox's figures for the staff start page and the inbox's views, in one pass over the open reports. */
export async function selectInboxCounts(
  db: Queryable,
  filter: Pick<InboxFilter, 'municipalityId' | 'onlyDepartmentIds' | 'now'>,
  views: { triage: readonly ReportStatus[]; withDepartment: readonly ReportStatus[] },
): Promise<InboxCounts> {
  const w = where({
    municipalityId: filter.municipalityId,
    onlyDepartmentIds: filter.onlyDepartmentIds,
    now: filter.now,
  });
  const n = w.params.length;
  const { rows } = await db.query<InboxCounts>(
    `SELECT count(*) FILTER (WHERE r.status = ANY($${n + 3}::text[]))::int AS triage,
            count(*) FILTER (WHERE r.status = ANY($${n + 4}::text[]))::int AS "withDepartment",
            count(*) FILTER (WHERE r.due_at < $${n + 2})::int AS overdue,
            count(*) FILTER (WHERE r.needs_screening)::int AS screening,
            count(*)::int AS open
     ${from} WHERE ${w.sql} AND r.status = ANY($${n + 1}::text[])`,
    [...w.params, openStatuses, filter.now, views.triage, views.withDepartment],
  );
  return rows[0] ?? { triage: 0, withDepartment: 0, overdue: 0, screening: 0, open: 0 };
}

/** One page of the inbox and the filter's total. */
export async function selectInbox(
  db: Queryable,
  filter: InboxFilter,
  page: { sort: InboxSort; limit: number; offset: number },
): Promise<{ rows: InboxRow[]; total: number }> {
  const w = where(filter);
  const n = w.params.length;
  const [rows, count] = await Promise.all([
    db.query<InboxRow>(
      `SELECT ${inboxColumns} ${from} ${lastRouting}
       WHERE ${w.sql} ORDER BY ${order[page.sort]} LIMIT $${n + 1} OFFSET $${n + 2}`,
      [...w.params, page.limit, page.offset],
    ),
    db.query<{ n: number }>(`SELECT count(*)::int AS n ${from} WHERE ${w.sql}`, w.params),
  ]);
  return { rows: rows.rows, total: count.rows[0]?.n ?? 0 };
}

export interface MapRow {
  id: number;
  reference: string;
  status: ReportStatus;
  lat: number;
  lon: number;
  category_code: string;
  category_name: { de: string; en: string };
  created_at: Date;
  due_at: Date | null;
}

/** Points for the staff map (at most `limit`, newest first). */
export async function selectInboxPoints(db: Queryable, filter: InboxFilter, limit: number): Promise<MapRow[]> {
  const w = where(filter);
  const { rows } = await db.query<MapRow>(
    `SELECT r.id, r.reference, r.status, r.lat, r.lon, c.code AS category_code, c.name AS category_name, r.created_at,
            r.due_at ${from}
     WHERE ${w.sql} ORDER BY r.created_at DESC, r.id DESC LIMIT $${w.params.length + 1}`,
    [...w.params, limit],
  );
  return rows;
}

/** Open reports past their due time, by department (NULL = still with the BSC), most overdue first. */
export async function selectOverdue(
  db: Queryable,
  filter: Pick<InboxFilter, 'municipalityId' | 'onlyDepartmentIds' | 'now'>,
  limit: number,
): Promise<InboxRow[]> {
  const w = where({ ...filter, overdue: true });
  const { rows } = await db.query<InboxRow>(
    `SELECT ${inboxColumns} ${from} ${lastRouting}
     WHERE ${w.sql} ORDER BY dep.name NULLS FIRST, r.department_id, r.due_at, r.id LIMIT $${w.params.length + 1}`,
    [...w.params, limit],
  );
  return rows;
}

export interface StaffReportRow {
  id: number;
  reference: string;
  status: ReportStatus;
  category_id: number;
  category_code: string;
  category_name: { de: string; en: string };
  category_questions: unknown;
  parent_name: { de: string; en: string } | null;
  description: string;
  public_description: string | null;
  description_personal: boolean;
  answers: Record<string, unknown>;
  lat: number;
  lon: number;
  location_method: string;
  address_label: string | null;
  landmark: string | null;
  district_name: string | null;
  department_id: number | null;
  department_name: string | null;
  suggested_department_id: number | null;
  suggested_department_name: string | null;
  external_body_id: number | null;
  external_body_name: string | null;
  reporter_name: string | null;
  reporter_email: string | null;
  reporter_phone: string | null;
  notify_email: boolean;
  language: string;
  needs_screening: boolean;
  abusive: boolean;
  hidden: boolean;
  merged_into_id: number | null;
  merged_into_reference: string | null;
  supporter_count: number;
  source: string;
  due_at: Date | null;
  created_at: Date;
  updated_at: Date;
  closed_at: Date | null;
  anonymised_at: Date | null;
}

/** Everything staff may see of one report (the page leaves out contact data when the viewer may not see it). */
export async function selectStaffReport(
  db: Queryable,
  municipalityId: string,
  id: number,
): Promise<StaffReportRow | undefined> {
  const { rows } = await db.query<StaffReportRow>(
    `SELECT r.id, r.reference, r.status, r.category_id, c.code AS category_code, c.name AS category_name,
            c.questions AS category_questions, pc.name AS parent_name, r.description, r.public_description,
            r.description_personal, r.answers, r.lat, r.lon, r.location_method, r.address_label, r.landmark,
            d.name AS district_name, r.department_id, dep.name AS department_name, r.suggested_department_id,
            sdep.name AS suggested_department_name, r.external_body_id, x.name AS external_body_name,
            r.reporter_name, r.reporter_email, r.reporter_phone, r.notify_email, r.language, r.needs_screening,
            r.abusive, r.hidden, r.merged_into_id, m.reference AS merged_into_reference, r.supporter_count, r.source,
            r.due_at, r.created_at, r.updated_at, r.closed_at, r.anonymised_at
       FROM reports r
       JOIN report_categories c ON c.id = r.category_id
       LEFT JOIN report_categories pc ON pc.id = c.parent_id
       LEFT JOIN districts d ON d.id = r.district_id
       LEFT JOIN departments dep ON dep.id = r.department_id
       LEFT JOIN departments sdep ON sdep.id = r.suggested_department_id
       LEFT JOIN report_external_bodies x ON x.id = r.external_body_id
       LEFT JOIN reports m ON m.id = r.merged_into_id
      WHERE r.municipality_id = $1 AND r.id = $2`,
    [municipalityId, id],
  );
  return rows[0];
}

/** The department a report is with, for permission checks before anything else is read. */
export async function selectReportScope(
  db: Queryable,
  municipalityId: string,
  id: number,
): Promise<{ department_id: number | null } | undefined> {
  const { rows } = await db.query<{ department_id: number | null }>(
    'SELECT department_id FROM reports WHERE municipality_id = $1 AND id = $2',
    [municipalityId, id],
  );
  return rows[0];
}

export interface StaffEventRow {
  id: number;
  kind: string;
  status_from: string | null;
  status_to: string | null;
  public: boolean;
  public_note: string | null;
  internal_note: string | null;
  department_name: string | null;
  external_body_name: string | null;
  actor_name: string | null;
  created_at: Date;
}

/** The whole history of a report, oldest first. */
export async function selectStaffEvents(db: Queryable, reportId: number): Promise<StaffEventRow[]> {
  const { rows } = await db.query<StaffEventRow>(
    `SELECT e.id, e.kind, e.status_from, e.status_to, e.public, e.public_note, e.internal_note,
            dep.name AS department_name, x.name AS external_body_name, u.display_name AS actor_name, e.created_at
       FROM report_events e
       LEFT JOIN departments dep ON dep.id = e.department_id
       LEFT JOIN report_external_bodies x ON x.id = e.external_body_id
       LEFT JOIN staff_users u ON u.id = e.actor_id
      WHERE e.report_id = $1
      ORDER BY e.created_at, e.id`,
    [reportId],
  );
  return rows;
}

/** References of the reports merged into this one. */
export async function selectMergedReferences(
  db: Queryable,
  reportId: number,
): Promise<{ id: number; reference: string }[]> {
  const { rows } = await db.query<{ id: number; reference: string }>(
    'SELECT id, reference FROM reports WHERE merged_into_id = $1 ORDER BY id',
    [reportId],
  );
  return rows;
}
