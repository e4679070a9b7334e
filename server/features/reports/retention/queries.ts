import type { Queryable } from '../../../platform/db.js';
import { closedStatuses } from '../core/statuses.js';

// The retention sweep's read side: which reports are due, counted and locked. Its writes go through the core.

/**
 * A report is due for anonymisation when it was closed longer ago than its category's retention period, or made
 * longer ago than the maximum ($3 days), and is not anonymised yet. $1 municipality, $2 now, $4 the closed statuses.
 */
const due = `r.municipality_id = $1 AND r.anonymised_at IS NULL AND (
    (r.status = ANY($4::text[]) AND r.closed_at IS NOT NULL
     AND r.closed_at + make_interval(days => (SELECT c.retention_days_after_close FROM report_categories c
                                              WHERE c.id = r.category_id)) <= $2)
    OR r.created_at + make_interval(days => $3::int) <= $2)`;

export interface RetentionWindow {
  municipalityId: string;
  now: Date;
  maxDays: number;
}

const params = (w: RetentionWindow) => [w.municipalityId, w.now, w.maxDays, closedStatuses];

/** Ids of due reports after `afterId`, ascending, at most `limit`. */
export async function selectDueReportIds(
  db: Queryable,
  w: RetentionWindow,
  afterId: number,
  limit: number,
): Promise<number[]> {
  const { rows } = await db.query<{ id: number }>(
    `SELECT r.id FROM reports r WHERE ${due} AND r.id > $5 ORDER BY r.id LIMIT $6`,
    [...params(w), afterId, limit],
  );
  return rows.map((r) => Number(r.id));
}

export interface DueCounts {
  reports: number;
  photos: number;
  supporterEmails: number;
  internalNotes: number;
  personalDescriptions: number;
}

/** What a sweep would remove now, counted (the dry run). */
export async function countDue(db: Queryable, w: RetentionWindow): Promise<DueCounts> {
  const { rows } = await db.query<DueCounts>(
    `WITH due AS (SELECT r.id, r.description_personal FROM reports r WHERE ${due})
     SELECT (SELECT count(*)::int FROM due) AS "reports",
            (SELECT count(*)::int FROM report_photos p JOIN due ON due.id = p.report_id
              WHERE p.review <> 'approved') AS "photos",
            (SELECT count(*)::int FROM report_supporters s JOIN due ON due.id = s.report_id
              WHERE s.email IS NOT NULL) AS "supporterEmails",
            (SELECT count(*)::int FROM report_events e JOIN due ON due.id = e.report_id
              WHERE e.internal_note IS NOT NULL) AS "internalNotes",
            (SELECT count(*)::int FROM due WHERE due.description_personal) AS "personalDescriptions"`,
    params(w),
  );
  return rows[0] as DueCounts;
}

export interface DueReportRow {
  id: number;
  reference: string;
  description: string;
  public_description: string | null;
  description_personal: boolean;
  answers: Record<string, unknown>;
  questions: { code: string; datatype: string }[];
  lat: number;
  lon: number;
  address_id: number | null;
  address_label: string | null;
  landmark: string | null;
}

/**
 * Locks one report if it is still due and not locked by another sweep (SKIP LOCKED); undefined otherwise.
 * Call inside the transaction that anonymises it.
 */
export async function lockDueReport(tx: Queryable, w: RetentionWindow, id: number): Promise<DueReportRow | undefined> {
  const { rows } = await tx.query<DueReportRow>(
    `SELECT r.id, r.reference, r.description, r.public_description, r.description_personal, r.answers,
            (SELECT c.questions FROM report_categories c WHERE c.id = r.category_id) AS questions,
            r.lat, r.lon, r.address_id, r.address_label, r.landmark
       FROM reports r
      WHERE ${due} AND r.id = $5
      FOR UPDATE SKIP LOCKED`,
    [...params(w), id],
  );
  return rows[0];
}
