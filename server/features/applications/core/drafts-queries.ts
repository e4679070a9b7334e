import type { Queryable } from '../../../platform/db.js';

// application_drafts and application_draft_files. Every read and write names the owner, so a draft id alone (in a
// URL, say) never reaches another citizen's draft. Only this file writes the two tables.

/** A logged-in citizen, or the browser holding the anonymous draft cookie (the SHA-256 of its token). */
export type DraftOwner = { citizenId: number; ownerHash?: undefined } | { citizenId?: undefined; ownerHash: string };

export interface DraftRow {
  id: string;
  formSlug: string;
  formVersion: number;
  /** The answers' JSON, sealed (core/draft-seal.ts). */
  sealed: Buffer;
  reached: number;
  createdAt: Date;
  updatedAt: Date;
  expiresAt: Date;
}

export interface DraftFileRow {
  id: string;
  fieldKey: string;
  name: string;
  contentType: string;
  size: number;
  sha256: string;
}

const columns = `id, form_slug AS "formSlug", form_version AS "formVersion", answers AS sealed, reached,
  created_at AS "createdAt", updated_at AS "updatedAt", expires_at AS "expiresAt"`;

// $2, $3: the owner; a citizen's drafts are theirs on any device, an anonymous draft only in its browser.
const owned = `municipality_id = $1 AND (citizen_id = $2 OR (citizen_id IS NULL AND owner_hash = $3))`;
const ownerParams = (o: DraftOwner) => [o.citizenId ?? null, o.ownerHash ?? null];

export async function insertDraft(
  tx: Queryable,
  municipalityId: string,
  d: {
    id: string;
    formSlug: string;
    formVersion: number;
    owner: DraftOwner;
    sealed: Buffer;
    now: Date;
    expiresAt: Date;
  },
): Promise<void> {
  await tx.query(
    `INSERT INTO application_drafts (id, municipality_id, form_slug, form_version, citizen_id, owner_hash, answers,
                                     created_at, updated_at, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $9)`,
    [
      d.id,
      municipalityId,
      d.formSlug,
      d.formVersion,
      d.owner.citizenId ?? null,
      d.owner.ownerHash ?? null,
      d.sealed,
      d.now,
      d.expiresAt,
    ],
  );
}

/** The owner's live draft with this id, or undefined (also when it belongs to someone else or has expired). */
export async function selectOwnedDraft(
  db: Queryable,
  municipalityId: string,
  owner: DraftOwner,
  id: string,
  now: Date,
  lock = false,
): Promise<DraftRow | undefined> {
  const { rows } = await db.query<DraftRow>(
    `SELECT ${columns} FROM application_drafts WHERE ${owned} AND id = $4 AND expires_at > $5${lock ? ' FOR UPDATE' : ''}`,
    [municipalityId, ...ownerParams(owner), id, now],
  );
  return rows[0];
}

/** The owner's live drafts, newest first. */
export async function selectOwnedDrafts(
  db: Queryable,
  municipalityId: string,
  owner: DraftOwner,
  now: Date,
): Promise<DraftRow[]> {
  const { rows } = await db.query<DraftRow>(
    `SELECT ${columns} FROM application_drafts WHERE ${owned} AND expires_at > $4 ORDER BY updated_at DESC LIMIT 50`,
    [municipalityId, ...ownerParams(owner), now],
  );
  return rows;
}

export async function updateDraft(
  tx: Queryable,
  id: string,
  d: { sealed: Buffer; reached: number; now: Date; expiresAt: Date },
): Promise<void> {
  await tx.query(
    'UPDATE application_drafts SET answers = $2, reached = $3, updated_at = $4, expires_at = $5 WHERE id = $1',
    [id, d.sealed, d.reached, d.now, d.expiresAt],
  );
}

/** A logged-in citizen takes over the anonymous drafts of their browser. */
export async function adoptDrafts(tx: Queryable, municipalityId: string, ownerHash: string, citizenId: number) {
  const r = await tx.query(
    `UPDATE application_drafts SET citizen_id = $3 WHERE municipality_id = $1 AND owner_hash = $2 AND citizen_id IS NULL`,
    [municipalityId, ownerHash, citizenId],
  );
  return r.rowCount;
}

export async function deleteDraft(tx: Queryable, id: string): Promise<void> {
  await tx.query('DELETE FROM application_drafts WHERE id = $1', [id]);
}

export async function countExpiredDrafts(db: Queryable, now: Date): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM application_drafts WHERE expires_at <= $1',
    [now],
  );
  return rows[0]!.n;
}

/** Deletes up to `limit` expired drafts (with their files); returns how many. */
export async function deleteExpiredDrafts(tx: Queryable, now: Date, limit: number): Promise<number> {
  const r = await tx.query(
    `DELETE FROM application_drafts WHERE id IN
       (SELECT id FROM application_drafts WHERE expires_at <= $1 LIMIT $2 FOR UPDATE SKIP LOCKED)`,
    [now, limit],
  );
  return r.rowCount;
}

export async function insertDraftFile(
  tx: Queryable,
  municipalityId: string,
  f: DraftFileRow & { draftId: string; bytes: Buffer; now: Date },
): Promise<void> {
  await tx.query(
    `INSERT INTO application_draft_files (id, draft_id, municipality_id, field_key, name, content_type, size, sha256,
                                          bytes, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [f.id, f.draftId, municipalityId, f.fieldKey, f.name, f.contentType, f.size, f.sha256, f.bytes, f.now],
  );
}

export async function selectDraftFiles(db: Queryable, draftId: string): Promise<DraftFileRow[]> {
  const { rows } = await db.query<DraftFileRow>(
    `SELECT id, field_key AS "fieldKey", name, content_type AS "contentType", size, sha256
       FROM application_draft_files WHERE draft_id = $1 ORDER BY created_at, id`,
    [draftId],
  );
  return rows;
}

/** The sealed bytes of the draft's files (only for sending: each is encrypted and then dropped with the draft). */
export async function selectDraftFileBytes(
  db: Queryable,
  draftId: string,
): Promise<(DraftFileRow & { bytes: Buffer })[]> {
  const { rows } = await db.query<DraftFileRow & { bytes: Buffer }>(
    `SELECT id, field_key AS "fieldKey", name, content_type AS "contentType", size, sha256, bytes
       FROM application_draft_files WHERE draft_id = $1 ORDER BY created_at, id`,
    [draftId],
  );
  return rows;
}

export async function deleteDraftFile(tx: Queryable, draftId: string, id: string): Promise<number> {
  return (await tx.query('DELETE FROM application_draft_files WHERE draft_id = $1 AND id = $2', [draftId, id]))
    .rowCount;
}

/** Drops files of fields no longer shown (a changed choice hid them), so they are never sent. */
export async function deleteDraftFilesExcept(tx: Queryable, draftId: string, keepFields: string[]): Promise<number> {
  const r = await tx.query(
    'DELETE FROM application_draft_files WHERE draft_id = $1 AND NOT (field_key = ANY($2::text[]))',
    [draftId, keepFields],
  );
  return r.rowCount;
}
