import type { Queryable } from '../../../platform/db.js';
import { openStatuses } from '../core/statuses.js';

// Read models of the status mails and the overdue digest, and the one owner of report_digest_mails.

export interface NotifyEventRow {
  event_id: number;
  kind: string;
  public: boolean;
  status_to: string | null;
  public_note: string | null;
  created_at: Date;
  report_id: number;
  municipality_id: string;
  reference: string;
  status: string;
  reporter_email: string | null;
  notify_email: boolean;
  /** The reporter confirmed the address (or the report passed the proof of work): double opt-in. */
  email_confirmed: boolean;
  language: string;
  status_token_nonce: string | null;
  anonymised_at: Date | null;
  abusive: boolean;
  address_label: string | null;
  category_name: { de: string; en: string };
}

/** An event with what its notification mails need of the report and its category; undefined when missing. */
export async function selectNotifyEvent(db: Queryable, eventId: number): Promise<NotifyEventRow | undefined> {
  const { rows } = await db.query<NotifyEventRow>(
    `SELECT e.id AS event_id, e.kind, e.public, e.status_to, e.public_note, e.created_at,
            r.id AS report_id, r.municipality_id, r.reference, r.status, r.reporter_email, r.notify_email,
            r.email_confirmed_at IS NOT NULL AS email_confirmed, r.language,
            r.status_token_nonce, r.anonymised_at, r.abusive, r.address_label, c.name AS category_name
       FROM report_events e
       JOIN reports r ON r.id = e.report_id
       JOIN report_categories c ON c.id = r.category_id
      WHERE e.id = $1`,
    [eventId],
  );
  return rows[0];
}

export interface OverdueReportRow {
  id: number;
  reference: string;
  status: string;
  department_id: number | null;
  due_at: Date;
  category_name: { de: string; en: string };
}

/** Open reports of a municipality past their due time (merged duplicates left out), the longest overdue first. */
export async function selectOverdueReports(
  db: Queryable,
  municipalityId: string,
  now: Date,
): Promise<OverdueReportRow[]> {
  const { rows } = await db.query<OverdueReportRow>(
    `SELECT r.id, r.reference, r.status, r.department_id, r.due_at, c.name AS category_name
       FROM reports r
       JOIN report_categories c ON c.id = r.category_id
      WHERE r.municipality_id = $1
        AND r.status = ANY($3::text[])
        AND r.merged_into_id IS NULL
        AND r.due_at < $2
      ORDER BY r.due_at, r.id`,
    [municipalityId, now, openStatuses],
  );
  return rows;
}

/**
 * Claims the digest of a day for one staff member before it is sent; false when it was claimed before. A run
 * that dies mid-send leaves the claim, so that day's digest is then skipped rather than sent twice.
 */
export async function claimDigestMail(
  db: Queryable,
  d: { municipalityId: string; day: string; staffUserId: number; at: Date },
): Promise<boolean> {
  const { rowCount } = await db.query(
    `INSERT INTO report_digest_mails (municipality_id, day, staff_user_id, sent_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT DO NOTHING`,
    [d.municipalityId, d.day, d.staffUserId, d.at],
  );
  return rowCount === 1;
}

/** Gives a digest claim back after a failed send, so the job's retry sends it. */
export async function releaseDigestMail(db: Queryable, d: { day: string; staffUserId: number }): Promise<void> {
  await db.query('DELETE FROM report_digest_mails WHERE day = $1 AND staff_user_id = $2', [d.day, d.staffUserId]);
}

/** Forgets digest records before a day (they only guard against a retry sending twice); returns how many. */
export async function deleteDigestMailsBefore(db: Queryable, municipalityId: string, day: string): Promise<number> {
  const { rowCount } = await db.query('DELETE FROM report_digest_mails WHERE municipality_id = $1 AND day < $2', [
    municipalityId,
    day,
  ]);
  return rowCount;
}
