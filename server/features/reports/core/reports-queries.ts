import type { Queryable } from '../../../platform/db.js';
import { bulkInsert, type Column, iso } from './bulk-insert.js';
import type { ReportStatus } from './statuses.js';

// The one owner of the reports table: every INSERT and UPDATE of a report is here. Read models that join reports
// with other tables for one view live with that view (intake, public, backoffice, notify, figures, retention).

export interface ReportInsert {
  reference: string;
  categoryId: number;
  status: ReportStatus;
  description: string;
  publicDescription: string | null;
  answers: Record<string, unknown>;
  lat: number;
  lon: number;
  locationMethod: string;
  addressId: number | null;
  addressLabel: string | null;
  landmark: string | null;
  districtId: number | null;
  departmentId: number | null;
  suggestedDepartmentId: number | null;
  externalBodyId: number | null;
  reporterName: string | null;
  reporterEmail: string | null;
  reporterPhone: string | null;
  notifyEmail: boolean;
  /** When the reporter's address counts as confirmed (proof of work, or the confirmation link); null: not yet. */
  emailConfirmedAt: Date | null;
  statusTokenNonce: string | null;
  statusTokenHash: string | null;
  language: string;
  needsScreening: boolean;
  supporterCount: number;
  source: string;
  open311ClientId: number | null;
  dueAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  closedAt: Date | null;
}

type Row = ReportInsert & { municipalityId: string };

const reportColumns: Column<Row>[] = [
  { name: 'municipality_id', type: 'text', value: (r) => r.municipalityId },
  { name: 'reference', type: 'text', value: (r) => r.reference },
  { name: 'category_id', type: 'bigint', value: (r) => r.categoryId },
  { name: 'status', type: 'text', value: (r) => r.status },
  { name: 'description', type: 'text', value: (r) => r.description },
  { name: 'public_description', type: 'text', value: (r) => r.publicDescription },
  { name: 'answers', type: 'text', cast: 'jsonb', value: (r) => JSON.stringify(r.answers) },
  { name: 'lat', type: 'float8', value: (r) => r.lat },
  { name: 'lon', type: 'float8', value: (r) => r.lon },
  { name: 'location_method', type: 'text', value: (r) => r.locationMethod },
  { name: 'address_id', type: 'bigint', value: (r) => r.addressId },
  { name: 'address_label', type: 'text', value: (r) => r.addressLabel },
  { name: 'landmark', type: 'text', value: (r) => r.landmark },
  { name: 'district_id', type: 'bigint', value: (r) => r.districtId },
  { name: 'department_id', type: 'bigint', value: (r) => r.departmentId },
  { name: 'suggested_department_id', type: 'bigint', value: (r) => r.suggestedDepartmentId },
  { name: 'external_body_id', type: 'bigint', value: (r) => r.externalBodyId },
  { name: 'reporter_name', type: 'text', value: (r) => r.reporterName },
  { name: 'reporter_email', type: 'text', value: (r) => r.reporterEmail },
  { name: 'reporter_phone', type: 'text', value: (r) => r.reporterPhone },
  { name: 'notify_email', type: 'boolean', value: (r) => r.notifyEmail },
  { name: 'email_confirmed_at', type: 'timestamptz', value: (r) => iso(r.emailConfirmedAt) },
  { name: 'status_token_nonce', type: 'text', value: (r) => r.statusTokenNonce },
  { name: 'status_token_hash', type: 'text', value: (r) => r.statusTokenHash },
  { name: 'language', type: 'text', value: (r) => r.language },
  { name: 'needs_screening', type: 'boolean', value: (r) => r.needsScreening },
  { name: 'supporter_count', type: 'int', value: (r) => r.supporterCount },
  { name: 'source', type: 'text', value: (r) => r.source },
  { name: 'open311_client_id', type: 'bigint', value: (r) => r.open311ClientId },
  { name: 'due_at', type: 'timestamptz', value: (r) => iso(r.dueAt) },
  { name: 'created_at', type: 'timestamptz', value: (r) => iso(r.createdAt) },
  { name: 'updated_at', type: 'timestamptz', value: (r) => iso(r.updatedAt) },
  { name: 'closed_at', type: 'timestamptz', value: (r) => iso(r.closedAt) },
];

/**
 * Inserts reports in one statement (one from a submission, many from the demo seed). A report whose reference is
 * taken already is skipped; returns the ids of those inserted by reference.
 */
export async function insertReports(
  tx: Queryable,
  municipalityId: string,
  reports: readonly ReportInsert[],
): Promise<Map<string, number>> {
  const insert = bulkInsert(
    'reports',
    reportColumns,
    reports.map((r) => ({ ...r, municipalityId })),
  );
  const { rows } = await tx.query<{ id: number; reference: string }>(
    `${insert.sql} ON CONFLICT (reference) DO NOTHING RETURNING id, reference`,
    insert.params,
  );
  return new Map(rows.map((r) => [r.reference, Number(r.id)]));
}

/** True when the municipality has any report. */
export async function anyReport(db: Queryable, municipalityId: string): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM reports WHERE municipality_id = $1 LIMIT 1', [municipalityId]);
  return rows.length > 0;
}

/** The columns the workflow decides on; read under a row lock. */
export interface LockedReportRow {
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
  email_confirmed_at: Date | null;
  language: string;
  supporter_count: number;
  closed_at: Date | null;
}

const lockedColumns = `id, reference, status, department_id, external_body_id, merged_into_id, needs_screening,
  abusive, hidden, description_personal, public_description, reporter_email, notify_email, email_confirmed_at, language,
  supporter_count, closed_at`;

/** One report of the municipality by id or by reference, locked for the rest of the transaction; or undefined. */
export async function lockReport(
  tx: Queryable,
  municipalityId: string,
  by: { id: number } | { reference: string },
): Promise<LockedReportRow | undefined> {
  const [column, value] = 'id' in by ? ['id', by.id] : ['reference', by.reference];
  const { rows } = await tx.query<LockedReportRow>(
    `SELECT ${lockedColumns} FROM reports WHERE municipality_id = $1 AND ${column} = $2 FOR UPDATE`,
    [municipalityId, value],
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

/** Adds `n` supporters to the count; returns the new count. */
export async function addSupporterCount(tx: Queryable, id: number, n: number, now: Date): Promise<number> {
  const { rows } = await tx.query<{ supporter_count: number }>(
    `UPDATE reports SET supporter_count = supporter_count + $2, updated_at = $3 WHERE id = $1
     RETURNING supporter_count`,
    [id, n, now],
  );
  return (rows[0] as { supporter_count: number }).supporter_count;
}

export interface ReporterMailStateRow {
  id: number;
  has_email: boolean;
  notify_email: boolean;
  /** The address counts as confirmed (proof of work, or the confirmation link). */
  confirmed: boolean;
}

/** Whether a report (found by its status-token hash) still has an e-mail address, wants mails, is confirmed. */
export async function selectReporterMailState(
  db: Queryable,
  tokenHash: string,
): Promise<ReporterMailStateRow | undefined> {
  const { rows } = await db.query<ReporterMailStateRow>(
    `SELECT id, reporter_email IS NOT NULL AS has_email, notify_email, email_confirmed_at IS NOT NULL AS confirmed
       FROM reports WHERE status_token_hash = $1 AND anonymised_at IS NULL`,
    [tokenHash],
  );
  return rows[0];
}

export interface ReporterNotifyRow {
  id: number;
  /** The address counts as confirmed. */
  confirmed: boolean;
  /** Its confirmation mail was claimed (sent, or being sent) already. */
  confirmation_sent: boolean;
}

/**
 * Turns the reporter's status mails on or off; on only while an address is stored. The report and the state of its
 * address confirmation when a row matched, else undefined.
 */
export async function updateReporterNotify(
  db: Queryable,
  tokenHash: string,
  notify: boolean,
): Promise<ReporterNotifyRow | undefined> {
  const { rows } = await db.query<ReporterNotifyRow>(
    `UPDATE reports SET notify_email = $2
      WHERE status_token_hash = $1 AND anonymised_at IS NULL AND ($2 = false OR reporter_email IS NOT NULL)
      RETURNING id, email_confirmed_at IS NOT NULL AS confirmed,
                email_confirmation_sent_at IS NOT NULL AS confirmation_sent`,
    [tokenHash, notify],
  );
  return rows[0];
}

/** What the reporter's address confirmation needs: the address, its state, the mail's language and reference. */
export interface ConfirmationRow {
  id: number;
  reference: string;
  email: string;
  language: string;
  confirmed: boolean;
}

/** The reporter's address and its confirmation state (undefined without an address, or once anonymised). */
export async function selectReporterConfirmation(db: Queryable, id: number): Promise<ConfirmationRow | undefined> {
  const { rows } = await db.query<ConfirmationRow>(
    `SELECT id, reference, reporter_email AS email, language, email_confirmed_at IS NOT NULL AS confirmed
       FROM reports WHERE id = $1 AND reporter_email IS NOT NULL AND anonymised_at IS NULL`,
    [id],
  );
  return rows[0];
}

/**
 * Claims the confirmation mail of an unconfirmed reporter address (set = claimed; at most once), or gives the claim
 * back (`at` null) after a failed send. True when a row changed.
 */
export async function updateReporterConfirmationMail(db: Queryable, id: number, at: Date | null): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE reports SET email_confirmation_sent_at = $2
      WHERE id = $1 AND reporter_email IS NOT NULL AND email_confirmed_at IS NULL
        AND (email_confirmation_sent_at IS NULL) = ($2::timestamptz IS NOT NULL)`,
    [id, at],
  );
  return rowCount === 1;
}

/** Marks the reporter's address confirmed; true when it was not before. */
export async function updateReporterEmailConfirmed(tx: Queryable, id: number, at: Date): Promise<boolean> {
  const { rowCount } = await tx.query(
    'UPDATE reports SET email_confirmed_at = $2 WHERE id = $1 AND reporter_email IS NOT NULL AND email_confirmed_at IS NULL',
    [id, at],
  );
  return rowCount === 1;
}

export interface AnonymousRemainder {
  description: string;
  publicDescription: string | null;
  answers: Record<string, unknown>;
  lat: number;
  lon: number;
  addressLabel: string | null;
  landmark: string | null;
  at: Date;
}

/** Replaces the personal columns of a report by its anonymous remainder and marks it anonymised. */
export async function updateReportAnonymised(tx: Queryable, id: number, a: AnonymousRemainder): Promise<void> {
  await tx.query(
    `UPDATE reports
        SET reporter_name = NULL, reporter_email = NULL, reporter_phone = NULL, notify_email = false,
            status_token_nonce = NULL, status_token_hash = NULL,
            description = $2, public_description = $3, answers = $4, lat = $5, lon = $6,
            address_id = NULL, address_label = $7, landmark = $8, anonymised_at = $9, updated_at = $9
      WHERE id = $1`,
    [id, a.description, a.publicDescription, JSON.stringify(a.answers), a.lat, a.lon, a.addressLabel, a.landmark, a.at],
  );
}
