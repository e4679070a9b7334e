import type { Queryable } from '../../../platform/db.js';

// The one owner of report_photos. Review states: pending (staff only), approved (public), hidden (staff only).

export type PhotoReview = 'pending' | 'approved' | 'hidden';

export interface PhotoInsert {
  municipalityId: string;
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
    `INSERT INTO report_photos (municipality_id, report_id, content_type, data, thumbnail, width, height, byte_size,
       sort, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [p.municipalityId, p.reportId, p.contentType, p.data, p.thumbnail, p.width, p.height, p.data.length, p.sort, p.at],
  );
}

export interface PhotoRef {
  id: number;
  width: number;
  height: number;
}

/** The approved photos of a report, in their order. */
export async function selectApprovedPhotos(db: Queryable, reportId: number): Promise<PhotoRef[]> {
  const { rows } = await db.query<PhotoRef>(
    `SELECT id, width, height FROM report_photos WHERE report_id = $1 AND review = 'approved' ORDER BY sort, id`,
    [reportId],
  );
  return rows;
}

export interface StaffPhotoRow extends PhotoRef {
  review: PhotoReview;
  byte_size: number;
}

/** Every photo of a report with its review state, in their order (the back office). */
export async function selectPhotos(db: Queryable, reportId: number): Promise<StaffPhotoRow[]> {
  const { rows } = await db.query<StaffPhotoRow>(
    'SELECT id, review, width, height, byte_size FROM report_photos WHERE report_id = $1 ORDER BY sort, id',
    [reportId],
  );
  return rows;
}

/** One photo's bytes, when it belongs to the report (any review state). */
export async function selectPhotoData(
  db: Queryable,
  reportId: number,
  photoId: number,
): Promise<{ content_type: string; data: Buffer } | undefined> {
  const { rows } = await db.query<{ content_type: string; data: Buffer }>(
    'SELECT content_type, data FROM report_photos WHERE report_id = $1 AND id = $2',
    [reportId, photoId],
  );
  return rows[0];
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

/** Deletes the photos staff did not approve for the public (pending and hidden); returns how many. */
export async function deleteUnapprovedPhotos(tx: Queryable, reportId: number): Promise<number> {
  const { rowCount } = await tx.query(`DELETE FROM report_photos WHERE report_id = $1 AND review <> 'approved'`, [
    reportId,
  ]);
  return rowCount;
}

/** One photo's thumbnail (the photo itself when it has none), when it belongs to the report. */
export async function selectPhotoThumbnail(
  db: Queryable,
  reportId: number,
  photoId: number,
): Promise<{ content_type: string; data: Buffer } | undefined> {
  const { rows } = await db.query<{ content_type: string; data: Buffer }>(
    `SELECT CASE WHEN thumbnail IS NULL THEN content_type ELSE 'image/jpeg' END AS content_type,
            coalesce(thumbnail, data) AS data
       FROM report_photos WHERE report_id = $1 AND id = $2`,
    [reportId, photoId],
  );
  return rows[0];
}
