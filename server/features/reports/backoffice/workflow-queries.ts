import type { Queryable } from '../../../platform/db.js';
import type { ReportStatus } from '../core/statuses.js';

/** The columns the workflow decides on; read under a row lock. */
export interface WorkflowReportRow {
  id: number;
  reference: string;
  status: ReportStatus;
  department_id: number | null;
  external_body_id: number | null;
  merged_into_id: number | null;
  needs_screening: boolean;
  abusive: boolean;
  hidden: boolean;
  description_personal: boolean;
  public_description: string | null;
  reporter_email: string | null;
  notify_email: boolean;
  language: string;
  supporter_count: number;
  closed_at: Date | null;
}

const columns = `id, reference, status, department_id, external_body_id, merged_into_id, needs_screening, abusive,
  hidden, description_personal, public_description, reporter_email, notify_email, language, supporter_count,
  closed_at`;

/** One report of the municipality, locked for the rest of the transaction. */
export async function lockReport(
  tx: Queryable,
  municipalityId: string,
  id: number,
): Promise<WorkflowReportRow | undefined> {
  const { rows } = await tx.query<WorkflowReportRow>(
    `SELECT ${columns} FROM reports WHERE municipality_id = $1 AND id = $2 FOR UPDATE`,
    [municipalityId, id],
  );
  return rows[0];
}

/** One report by its reference, locked. */
export async function lockReportByReference(
  tx: Queryable,
  municipalityId: string,
  reference: string,
): Promise<WorkflowReportRow | undefined> {
  const { rows } = await tx.query<WorkflowReportRow>(
    `SELECT ${columns} FROM reports WHERE municipality_id = $1 AND reference = $2 FOR UPDATE`,
    [municipalityId, reference],
  );
  return rows[0];
}

/** Status, department, external body and closing time in one write. */
export async function updateRouting(
  tx: Queryable,
  id: number,
  s: { status: ReportStatus; departmentId: number | null; externalBodyId: number | null; closedAt: Date | null },
  now: Date,
): Promise<void> {
  await tx.query(
    `UPDATE reports SET status = $2, department_id = $3, external_body_id = $4, closed_at = $5, updated_at = $6
     WHERE id = $1`,
    [id, s.status, s.departmentId, s.externalBodyId, s.closedAt, now],
  );
}

/** The moderation flags and the public text. */
export async function updateModeration(
  tx: Queryable,
  id: number,
  m: {
    publicDescription: string | null;
    descriptionPersonal: boolean;
    needsScreening: boolean;
    abusive: boolean;
    hidden: boolean;
  },
  now: Date,
): Promise<void> {
  await tx.query(
    `UPDATE reports SET public_description = $2, description_personal = $3, needs_screening = $4, abusive = $5,
            hidden = $6, updated_at = $7
     WHERE id = $1`,
    [id, m.publicDescription, m.descriptionPersonal, m.needsScreening, m.abusive, m.hidden, now],
  );
}

/** A photo's review state; returns the one before, undefined when the photo is not the report's. */
export async function updatePhotoReview(
  tx: Queryable,
  reportId: number,
  photoId: number,
  review: string,
): Promise<string | undefined> {
  const { rows } = await tx.query<{ before: string }>(
    `UPDATE report_photos p SET review = $3 FROM report_photos old
     WHERE p.id = old.id AND p.id = $2 AND p.report_id = $1 RETURNING old.review AS before`,
    [reportId, photoId, review],
  );
  return rows[0]?.before;
}

/** Marks a report as merged into another: hidden, closed as given, no supporters of its own any more. */
export async function updateMerged(
  tx: Queryable,
  id: number,
  m: { targetId: number; status: ReportStatus; closedAt: Date | null },
  now: Date,
): Promise<void> {
  await tx.query(
    `UPDATE reports SET merged_into_id = $2, status = $3, closed_at = $4, hidden = true, supporter_count = 0,
            updated_at = $5
     WHERE id = $1`,
    [id, m.targetId, m.status, m.closedAt, now],
  );
  // Reports merged into this one earlier now point straight at the target.
  await tx.query('UPDATE reports SET merged_into_id = $2, updated_at = $3 WHERE merged_into_id = $1', [
    id,
    m.targetId,
    now,
  ]);
}

/** Moves all supporters of one report to another; returns how many moved. */
export async function moveSupporters(tx: Queryable, fromId: number, toId: number): Promise<number> {
  const { rowCount } = await tx.query('UPDATE report_supporters SET report_id = $2 WHERE report_id = $1', [
    fromId,
    toId,
  ]);
  return rowCount;
}

/** Whether this e-mail address already follows the report (as its reporter or a supporter). */
export async function followsReport(tx: Queryable, reportId: number, email: string): Promise<boolean> {
  const { rows } = await tx.query(
    `SELECT 1 FROM reports WHERE id = $1 AND lower(reporter_email) = lower($2)
     UNION ALL SELECT 1 FROM report_supporters WHERE report_id = $1 AND lower(email) = lower($2) LIMIT 1`,
    [reportId, email],
  );
  return rows.length > 0;
}

export async function insertSupporter(
  tx: Queryable,
  s: { reportId: number; email: string | null; notifyEmail: boolean; language: string; at: Date },
): Promise<void> {
  await tx.query(
    `INSERT INTO report_supporters (report_id, email, notify_email, language, created_at) VALUES ($1, $2, $3, $4, $5)`,
    [s.reportId, s.email, s.notifyEmail, s.language, s.at],
  );
}

export async function addSupporterCount(tx: Queryable, id: number, n: number, now: Date): Promise<void> {
  await tx.query('UPDATE reports SET supporter_count = supporter_count + $2, updated_at = $3 WHERE id = $1', [
    id,
    n,
    now,
  ]);
}
