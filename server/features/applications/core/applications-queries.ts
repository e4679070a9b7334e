import type { Queryable } from '../../../platform/db.js';
import type { ApplicationStatus, DeliveryKind } from './statuses.js';

// applications, application_files, application_events and the reference counter. Only this file writes them.

export interface ApplicationRow {
  id: string;
  reference: string;
  formSlug: string;
  officeKey: string;
  citizenId: number | null;
  status: ApplicationStatus;
  encryptedBy: 'browser' | 'server';
  kid: string;
  delivery: DeliveryKind;
  deliveryState: Record<string, unknown>;
  deliveredAt: Date | null;
  notifyEmail: string | null;
  language: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface EventRow {
  id: number;
  status: ApplicationStatus | null;
  sender: 'platform' | 'office' | 'applicant';
  message: string;
  createdAt: Date;
  /** Documents the office sent with this event. */
  files: { id: string; name: string; size: number }[];
}

const columns = `id, reference, form_slug AS "formSlug", office_key AS "officeKey", citizen_id AS "citizenId", status,
  encrypted_by AS "encryptedBy", kid, delivery, delivery_state AS "deliveryState", delivered_at AS "deliveredAt",
  notify_email AS "notifyEmail", language, created_at AS "createdAt", updated_at AS "updatedAt"`;

/** The next reference of the year, e.g. A-2026-000042 (counted per municipality, inside the sending transaction). */
export async function nextReference(tx: Queryable, municipalityId: string, year: number): Promise<string> {
  const { rows } = await tx.query<{ last: number }>(
    `INSERT INTO application_reference_counters (municipality_id, year, last) VALUES ($1, $2, 1)
     ON CONFLICT (municipality_id, year) DO UPDATE SET last = application_reference_counters.last + 1
     RETURNING last`,
    [municipalityId, year],
  );
  return `A-${year}-${String(rows[0]!.last).padStart(6, '0')}`;
}

export async function insertApplication(
  tx: Queryable,
  municipalityId: string,
  a: {
    id: string;
    reference: string;
    formSlug: string;
    officeKey: string;
    citizenId: number | null;
    encryptedBy: 'browser' | 'server';
    kid: string;
    dataJwe: string;
    /** FIT-Connect's encrypted metadata document (null for the inbox). */
    metadataJwe: string | null;
    delivery: DeliveryKind;
    /** Where a FIT-Connect delivery goes (destination, service), before any progress. */
    deliveryState: Record<string, unknown>;
    tokenHash: string;
    notifyEmail: string | null;
    language: string;
    now: Date;
  },
): Promise<void> {
  await tx.query(
    `INSERT INTO applications (id, municipality_id, reference, form_slug, office_key, citizen_id, status, encrypted_by,
                               kid, data_jwe, metadata_jwe, delivery, delivery_state, token_hash, notify_email, language,
                               created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, 'received', $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16)`,
    [
      a.id,
      municipalityId,
      a.reference,
      a.formSlug,
      a.officeKey,
      a.citizenId,
      a.encryptedBy,
      a.kid,
      a.dataJwe,
      a.metadataJwe,
      a.delivery,
      JSON.stringify(a.deliveryState),
      a.tokenHash,
      a.notifyEmail,
      a.language,
      a.now,
    ],
  );
}

export async function insertApplicationFile(
  tx: Queryable,
  municipalityId: string,
  f: { id: string; applicationId: string; jwe: string },
): Promise<void> {
  await tx.query(
    'INSERT INTO application_files (id, application_id, municipality_id, jwe, size) VALUES ($1, $2, $3, $4, $5)',
    [f.id, f.applicationId, municipalityId, f.jwe, Buffer.byteLength(f.jwe)],
  );
}

export async function insertEvent(
  tx: Queryable,
  municipalityId: string,
  e: {
    applicationId: string;
    status: ApplicationStatus | null;
    sender: EventRow['sender'];
    message: string;
    now: Date;
  },
): Promise<number> {
  const { rows } = await tx.query<{ id: number }>(
    `INSERT INTO application_events (application_id, municipality_id, status, sender, message, created_at)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [e.applicationId, municipalityId, e.status, e.sender, e.message, e.now],
  );
  return Number(rows[0]!.id);
}

export interface EventNotice {
  municipalityId: string;
  reference: string;
  status: ApplicationStatus | null;
  notifyEmail: string | null;
  language: string;
}

/** An event with its application's reference and notification settings (for the "there is news" mail). */
export async function selectEventNotice(db: Queryable, eventId: number): Promise<EventNotice | undefined> {
  const { rows } = await db.query<EventNotice>(
    `SELECT a.municipality_id AS "municipalityId", a.reference, e.status, a.notify_email AS "notifyEmail", a.language
       FROM application_events e JOIN applications a ON a.id = e.application_id WHERE e.id = $1`,
    [eventId],
  );
  return rows[0];
}

export async function updateStatus(tx: Queryable, id: string, status: ApplicationStatus, now: Date): Promise<void> {
  await tx.query('UPDATE applications SET status = $2, updated_at = $3 WHERE id = $1', [id, status, now]);
}

export async function updateDelivery(
  tx: Queryable,
  id: string,
  state: Record<string, unknown>,
  deliveredAt: Date | null,
): Promise<void> {
  await tx.query('UPDATE applications SET delivery_state = $2, delivered_at = $3 WHERE id = $1', [
    id,
    JSON.stringify(state),
    deliveredAt,
  ]);
}

export async function selectApplication(
  db: Queryable,
  municipalityId: string,
  id: string,
  lock = false,
): Promise<(ApplicationRow & { dataJwe: string; metadataJwe: string | null }) | undefined> {
  const { rows } = await db.query<ApplicationRow & { dataJwe: string; metadataJwe: string | null }>(
    `SELECT ${columns}, data_jwe AS "dataJwe", metadata_jwe AS "metadataJwe" FROM applications WHERE municipality_id = $1 AND id = $2${lock ? ' FOR UPDATE' : ''}`,
    [municipalityId, id],
  );
  return rows[0];
}

/** The application whose status token has this SHA-256 (the applicant's access without an account). */
export async function selectApplicationByToken(
  db: Queryable,
  municipalityId: string,
  tokenHash: string,
): Promise<ApplicationRow | undefined> {
  const { rows } = await db.query<ApplicationRow>(
    `SELECT ${columns} FROM applications WHERE municipality_id = $1 AND token_hash = $2`,
    [municipalityId, tokenHash],
  );
  return rows[0];
}

export async function selectCitizenApplications(
  db: Queryable,
  municipalityId: string,
  citizenId: number,
): Promise<ApplicationRow[]> {
  const { rows } = await db.query<ApplicationRow>(
    `SELECT ${columns} FROM applications WHERE municipality_id = $1 AND citizen_id = $2 ORDER BY created_at DESC LIMIT 200`,
    [municipalityId, citizenId],
  );
  return rows;
}

/** An office's inbox, newest first. */
export async function selectInbox(
  db: Queryable,
  municipalityId: string,
  officeKeys: string[],
): Promise<ApplicationRow[]> {
  const { rows } = await db.query<ApplicationRow>(
    `SELECT ${columns} FROM applications
      WHERE municipality_id = $1 AND delivery = 'inbox' AND office_key = ANY($2::text[])
      ORDER BY created_at DESC LIMIT 500`,
    [municipalityId, officeKeys],
  );
  return rows;
}

export async function selectFiles(
  db: Queryable,
  applicationId: string,
): Promise<{ id: string; jwe: string; size: number }[]> {
  const { rows } = await db.query<{ id: string; jwe: string; size: number }>(
    'SELECT id, jwe, size FROM application_files WHERE application_id = $1 ORDER BY id',
    [applicationId],
  );
  return rows;
}

/** The mailbox of an application, oldest first, each event with the documents the office sent along. */
export async function selectEvents(db: Queryable, applicationId: string): Promise<EventRow[]> {
  const { rows } = await db.query<EventRow>(
    `SELECT e.id, e.status, e.sender, e.message, e.created_at AS "createdAt",
            coalesce((SELECT json_agg(json_build_object('id', f.id, 'name', f.name, 'size', f.size) ORDER BY f.created_at, f.id)
                        FROM application_event_files f WHERE f.event_id = e.id), '[]'::json) AS files
       FROM application_events e WHERE e.application_id = $1 ORDER BY e.id`,
    [applicationId],
  );
  return rows;
}

export async function insertEventFile(
  tx: Queryable,
  municipalityId: string,
  f: {
    id: string;
    eventId: number;
    applicationId: string;
    name: string;
    contentType: string;
    bytes: Buffer;
    now: Date;
  },
): Promise<void> {
  await tx.query(
    `INSERT INTO application_event_files (id, event_id, application_id, municipality_id, name, content_type, size, bytes, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [f.id, f.eventId, f.applicationId, municipalityId, f.name, f.contentType, f.bytes.length, f.bytes, f.now],
  );
}

/** One document the office sent with a message, if it belongs to this application. */
export async function selectEventFile(
  db: Queryable,
  applicationId: string,
  fileId: string,
): Promise<{ name: string; contentType: string; bytes: Buffer } | undefined> {
  const { rows } = await db.query<{ name: string; contentType: string; bytes: Buffer }>(
    `SELECT name, content_type AS "contentType", bytes FROM application_event_files WHERE application_id = $1 AND id = $2`,
    [applicationId, fileId],
  );
  return rows[0];
}

/**
 * FIT-Connect applications delivered and not yet accepted or rejected (no `outcome` in their delivery state), the
 * least recently checked first, at most `limit`.
 */
export async function selectAwaitingOutcome(
  db: Queryable,
  municipalityId: string,
  limit: number,
): Promise<ApplicationRow[]> {
  const { rows } = await db.query<ApplicationRow>(
    `SELECT ${columns} FROM applications
      WHERE municipality_id = $1 AND delivery = 'fit-connect' AND delivered_at IS NOT NULL
        AND delivery_state->>'outcome' IS NULL
      ORDER BY delivery_state->>'checkedAt' NULLS FIRST, delivered_at
      LIMIT $2`,
    [municipalityId, limit],
  );
  return rows;
}

// Retention: an application is due when it is decided (inbox) or delivered (FIT-Connect) and nothing happened to it
// since `cutoff` (its last status change or mailbox event).
const dueCondition = `(a.status = 'decided' OR a.delivered_at IS NOT NULL)
  AND greatest(a.updated_at, coalesce((SELECT max(e.created_at) FROM application_events e WHERE e.application_id = a.id), a.updated_at)) < $2`;

/** Up to `limit` ids of applications due for deletion. */
export async function selectDueApplicationIds(
  db: Queryable,
  municipalityId: string,
  cutoff: Date,
  limit: number,
): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT a.id FROM applications a WHERE a.municipality_id = $1 AND ${dueCondition} ORDER BY a.updated_at LIMIT $3`,
    [municipalityId, cutoff, limit],
  );
  return rows.map((r) => r.id);
}

/** Deletes one application with its files, mailbox and documents, if it is (still) due; returns whether it did. */
export async function deleteDueApplication(
  tx: Queryable,
  municipalityId: string,
  cutoff: Date,
  id: string,
): Promise<boolean> {
  const r = await tx.query(
    `DELETE FROM applications a WHERE a.municipality_id = $1 AND ${dueCondition} AND a.id = $3`,
    [municipalityId, cutoff, id],
  );
  return r.rowCount > 0;
}

/**
 * Drops the ciphertext of up to `limit` FIT-Connect applications delivered before `cutoff` (the office has it; the
 * row stays for the mailbox). Returns how many.
 */
export async function clearDeliveredCiphertexts(
  tx: Queryable,
  municipalityId: string,
  cutoff: Date,
  limit: number,
): Promise<number> {
  const { rows } = await tx.query<{ id: string }>(
    `UPDATE applications SET data_jwe = '', metadata_jwe = NULL
      WHERE id IN (SELECT id FROM applications
                    WHERE municipality_id = $1 AND delivery = 'fit-connect' AND delivered_at < $2 AND data_jwe <> ''
                    ORDER BY delivered_at LIMIT $3 FOR UPDATE SKIP LOCKED)
      RETURNING id`,
    [municipalityId, cutoff, limit],
  );
  if (rows.length > 0) {
    await tx.query('DELETE FROM application_files WHERE application_id = ANY($1::uuid[])', [rows.map((r) => r.id)]);
  }
  return rows.length;
}

export async function countDueApplications(db: Queryable, municipalityId: string, cutoff: Date): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM applications a WHERE a.municipality_id = $1 AND ${dueCondition}`,
    [municipalityId, cutoff],
  );
  return rows[0]!.n;
}
