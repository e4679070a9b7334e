import type { Queryable } from '../../../platform/db.js';
import { openStatuses } from './statuses.js';

/** Bumps and returns the reference counter of municipality × year; the upsert locks the row until commit. */
export async function nextReferenceNumber(tx: Queryable, municipalityId: string, year: number): Promise<number> {
  const { rows } = await tx.query<{ last_number: number }>(
    `INSERT INTO report_reference_counters (municipality_id, year, last_number) VALUES ($1, $2, 1)
     ON CONFLICT (municipality_id, year) DO UPDATE SET last_number = report_reference_counters.last_number + 1
     RETURNING last_number`,
    [municipalityId, year],
  );
  return (rows[0] as { last_number: number }).last_number;
}

export interface ReportInsert {
  municipalityId: string;
  reference: string;
  categoryId: number;
  status: 'received' | 'forwarded';
  description: string;
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
  reporterName: string | null;
  reporterEmail: string | null;
  reporterPhone: string | null;
  notifyEmail: boolean;
  statusTokenNonce: string;
  statusTokenHash: string;
  language: string;
  needsScreening: boolean;
  source: string;
  open311ClientId: number | null;
  dueAt: Date;
  at: Date;
}

/** Inserts a report; returns its id, or undefined when its reference is taken already (nothing inserted). */
export async function insertReport(tx: Queryable, r: ReportInsert): Promise<number | undefined> {
  const { rows } = await tx.query<{ id: number }>(
    `INSERT INTO reports (municipality_id, reference, category_id, status, description, answers, lat, lon,
       location_method, address_id, address_label, landmark, district_id, department_id, suggested_department_id,
       reporter_name, reporter_email, reporter_phone, notify_email, status_token_nonce, status_token_hash, language,
       needs_screening, source, open311_client_id, due_at, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22,
       $23, $24, $25, $26, $27, $27)
     ON CONFLICT (reference) DO NOTHING
     RETURNING id`,
    [
      r.municipalityId,
      r.reference,
      r.categoryId,
      r.status,
      r.description,
      JSON.stringify(r.answers),
      r.lat,
      r.lon,
      r.locationMethod,
      r.addressId,
      r.addressLabel,
      r.landmark,
      r.districtId,
      r.departmentId,
      r.suggestedDepartmentId,
      r.reporterName,
      r.reporterEmail,
      r.reporterPhone,
      r.notifyEmail,
      r.statusTokenNonce,
      r.statusTokenHash,
      r.language,
      r.needsScreening,
      r.source,
      r.open311ClientId,
      r.dueAt,
      r.at,
    ],
  );
  return rows[0]?.id;
}

export interface PhotoInsert {
  reportId: number;
  contentType: 'image/jpeg' | 'image/webp';
  data: Buffer;
  thumbnail: Buffer | null;
  width: number;
  height: number;
  sort: number;
  at: Date;
}

/** Stores one processed photo (pending review). */
export async function insertPhoto(tx: Queryable, p: PhotoInsert): Promise<void> {
  await tx.query(
    `INSERT INTO report_photos (report_id, content_type, data, thumbnail, width, height, byte_size, sort, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [p.reportId, p.contentType, p.data, p.thumbnail, p.width, p.height, p.data.length, p.sort, p.at],
  );
}

export interface EventInsert {
  reportId: number;
  kind: string;
  statusFrom: string | null;
  statusTo: string | null;
  public: boolean;
  publicNote: string | null;
  internalNote: string | null;
  departmentId: number | null;
  externalBodyId: number | null;
  actorId: number | null;
  at: Date;
}

/** Appends one history event; returns its id. */
export async function insertEvent(tx: Queryable, e: EventInsert): Promise<number> {
  const { rows } = await tx.query<{ id: number }>(
    `INSERT INTO report_events (report_id, kind, status_from, status_to, public, public_note, internal_note,
       department_id, external_body_id, actor_id, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
    [
      e.reportId,
      e.kind,
      e.statusFrom,
      e.statusTo,
      e.public,
      e.publicNote,
      e.internalNote,
      e.departmentId,
      e.externalBodyId,
      e.actorId,
      e.at,
    ],
  );
  return (rows[0] as { id: number }).id;
}

export interface NearbyRow {
  id: number;
  reference: string;
  status: string;
  lat: number;
  lon: number;
  address_label: string | null;
  public_description: string | null;
  supporter_count: number;
  created_at: Date;
}

/**
 * Open, visible reports of a category inside a bounding box (the gist index on location answers the box),
 * newest first, at most `limit`. The caller filters by exact distance.
 */
export async function selectOpenReportsInBox(
  db: Queryable,
  p: { municipalityId: string; categoryId: number; south: number; west: number; north: number; east: number },
  limit: number,
): Promise<NearbyRow[]> {
  const { rows } = await db.query<NearbyRow>(
    `SELECT id, reference, status, lat, lon, address_label, public_description, supporter_count, created_at
       FROM reports
      WHERE location <@ box(point($4, $3), point($6, $5))
        AND municipality_id = $1 AND category_id = $2
        AND status = ANY($8::text[])
        AND NOT hidden AND NOT abusive AND merged_into_id IS NULL
      ORDER BY created_at DESC
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
}

/** The report with this reference, locked for the supporter update, or undefined. */
export async function selectReportForSupport(
  tx: Queryable,
  municipalityId: string,
  reference: string,
): Promise<SupportTarget | undefined> {
  const { rows } = await tx.query<SupportTarget>(
    `SELECT id, status, hidden, abusive, merged_into_id FROM reports
      WHERE municipality_id = $1 AND reference = $2 FOR UPDATE`,
    [municipalityId, reference],
  );
  return rows[0];
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

/** Adds one supporter to the count; returns the new count. */
export async function incrementSupporterCount(tx: Queryable, reportId: number, at: Date): Promise<number> {
  const { rows } = await tx.query<{ supporter_count: number }>(
    `UPDATE reports SET supporter_count = supporter_count + 1, updated_at = $2 WHERE id = $1
     RETURNING supporter_count`,
    [reportId, at],
  );
  return (rows[0] as { supporter_count: number }).supporter_count;
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
            r.answers, r.lat, r.lon, r.address_label, r.landmark, d.name AS district_name, r.language,
            r.notify_email, r.reporter_email IS NOT NULL AS has_email, r.supporter_count,
            m.reference AS merged_reference, r.created_at, r.updated_at, r.due_at, r.closed_at,
            (SELECT count(*)::int FROM report_photos p WHERE p.report_id = r.id) AS photo_count
       FROM reports r
       LEFT JOIN districts d ON d.id = r.district_id
       LEFT JOIN reports m ON m.id = r.merged_into_id
      WHERE r.status_token_hash = $1 AND r.anonymised_at IS NULL`,
    [hash],
  );
  return rows[0];
}

export interface PublicEventRow {
  id: number;
  kind: string;
  status_from: string | null;
  status_to: string | null;
  public_note: string | null;
  created_at: Date;
}

/** The public events of a report, oldest first. */
export async function selectPublicEvents(db: Queryable, reportId: number): Promise<PublicEventRow[]> {
  const { rows } = await db.query<PublicEventRow>(
    `SELECT id, kind, status_from, status_to, public_note, created_at FROM report_events
      WHERE report_id = $1 AND public ORDER BY created_at, id`,
    [reportId],
  );
  return rows;
}

/**
 * Claims (scope, key) for this request: inserts a placeholder, or takes over an entry older than `expiredBefore`.
 * A concurrent claim of the same key waits here until the first transaction ends. True when claimed.
 */
export async function claimIdempotencyKey(
  tx: Queryable,
  p: { scope: string; key: string; requestHash: string; at: Date; expiredBefore: Date },
): Promise<boolean> {
  const { rows } = await tx.query(
    `INSERT INTO idempotent_requests (scope, key, request_hash, response, created_at)
     VALUES ($1, $2, $3, 'null'::jsonb, $4)
     ON CONFLICT (scope, key) DO UPDATE SET request_hash = EXCLUDED.request_hash, response = EXCLUDED.response,
       created_at = EXCLUDED.created_at
       WHERE idempotent_requests.created_at < $5
     RETURNING 1`,
    [p.scope, p.key, p.requestHash, p.at, p.expiredBefore],
  );
  return rows.length > 0;
}

/** The stored entry of (scope, key). */
export async function selectIdempotentRequest(
  tx: Queryable,
  scope: string,
  key: string,
): Promise<{ request_hash: string; response: unknown; created_at: Date } | undefined> {
  const { rows } = await tx.query<{ request_hash: string; response: unknown; created_at: Date }>(
    'SELECT request_hash, response, created_at FROM idempotent_requests WHERE scope = $1 AND key = $2',
    [scope, key],
  );
  return rows[0];
}

export async function storeIdempotentResponse(tx: Queryable, scope: string, key: string, response: unknown) {
  await tx.query('UPDATE idempotent_requests SET response = $3 WHERE scope = $1 AND key = $2', [
    scope,
    key,
    JSON.stringify(response),
  ]);
}

/** Deletes entries created before `before`, at most `limit`; returns how many. */
export async function deleteIdempotentRequestsBefore(db: Queryable, before: Date, limit: number): Promise<number> {
  const { rowCount } = await db.query(
    `DELETE FROM idempotent_requests WHERE ctid IN (
       SELECT ctid FROM idempotent_requests WHERE created_at < $1 LIMIT $2)`,
    [before, limit],
  );
  return rowCount;
}

/** Counts entries created before `before` (dry run of the sweep). */
export async function countIdempotentRequestsBefore(db: Queryable, before: Date): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM idempotent_requests WHERE created_at < $1',
    [before],
  );
  return (rows[0] as { n: number }).n;
}
