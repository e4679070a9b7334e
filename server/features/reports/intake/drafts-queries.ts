import type { Queryable } from '../../../platform/db.js';

// The only writer of report_draft_photos: photos kept between the no-JavaScript steps of the report form.

export interface DraftPhotoRow {
  id: number;
  filename: string | null;
  data: Buffer;
  thumbnail: Buffer;
}

export interface DraftPhotoInsert {
  municipalityId: string;
  draftHash: Buffer;
  filename: string | null;
  contentType: string;
  data: Buffer;
  thumbnail: Buffer;
  at: Date;
  expiresAt: Date;
}

export async function insertDraftPhoto(db: Queryable, p: DraftPhotoInsert): Promise<number> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO report_draft_photos (municipality_id, draft_hash, filename, content_type, data, thumbnail,
                                      created_at, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [p.municipalityId, p.draftHash, p.filename, p.contentType, p.data, p.thumbnail, p.at, p.expiresAt],
  );
  return Number(rows[0]?.id);
}

/** The draft's photos that have not expired, oldest first. */
export async function selectDraftPhotos(
  db: Queryable,
  municipalityId: string,
  draftHash: Buffer,
  now: Date,
): Promise<DraftPhotoRow[]> {
  const { rows } = await db.query<DraftPhotoRow & { id: string }>(
    `SELECT id, filename, data, thumbnail FROM report_draft_photos
      WHERE municipality_id = $1 AND draft_hash = $2 AND expires_at > $3
      ORDER BY id`,
    [municipalityId, draftHash, now],
  );
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}

/** Removes some of a draft's photos (ids of other drafts are ignored). */
export async function deleteDraftPhotos(
  db: Queryable,
  municipalityId: string,
  draftHash: Buffer,
  ids: number[],
): Promise<void> {
  await db.query(
    'DELETE FROM report_draft_photos WHERE municipality_id = $1 AND draft_hash = $2 AND id = ANY($3::bigint[])',
    [municipalityId, draftHash, ids],
  );
}

/** Removes all photos of a draft (its report was sent). */
export async function deleteDraft(db: Queryable, municipalityId: string, draftHash: Buffer): Promise<void> {
  await db.query('DELETE FROM report_draft_photos WHERE municipality_id = $1 AND draft_hash = $2', [
    municipalityId,
    draftHash,
  ]);
}

/** Removes expired draft photos; returns how many. */
export async function deleteExpiredDraftPhotos(db: Queryable, now: Date): Promise<number> {
  const { rowCount } = await db.query('DELETE FROM report_draft_photos WHERE expires_at <= $1', [now]);
  return rowCount ?? 0;
}
