import { createHash, randomBytes } from 'node:crypto';
import type { Deps } from '../../../platform/deps.js';
import type { FieldErrors } from '../../../platform/errors.js';
import { maxPhotos, PhotoError, processPhoto } from '../core/photos.js';
import type { UploadedFile } from './citizen-form.js';
import {
  deleteDraft,
  deleteDraftPhotos,
  deleteExpiredDraftPhotos,
  insertDraftPhoto,
  selectDraftPhotos,
} from './drafts-queries.js';
import { errorKey } from './validation.js';

/**
 * Photos of a report form filled in without JavaScript, kept on the server between its steps: the browser sends
 * the chosen files with every step, but cannot be given them back when the form is shown again. Each draft is
 * named by a random token in a hidden field (only its SHA-256 is stored) and expires after a day.
 */

export const draftLifetimeHours = 24;

export interface KeptPhoto {
  id: number;
  filename: string;
}

const hash = (draft: string) => createHash('sha256').update(draft).digest();

/** A new draft token (32 characters, URL-safe). */
export function newDraftToken(): string {
  return randomBytes(24).toString('base64url');
}

/**
 * Stores new uploads with the draft (re-encoded and stripped like a report's photos), after removing the photos
 * the citizen unticked. Returns the draft token (a new one when there was none and a photo came) and the draft's
 * photos now. Problems (too many, too large, not an image) go into `errors.photos`; nothing of a refused upload is
 * kept.
 */
export async function keepDraftPhotos(
  deps: Deps,
  draft: string,
  uploads: UploadedFile[],
  remove: string[],
  errors: FieldErrors,
): Promise<{ draft: string; photos: KeptPhoto[] }> {
  const municipalityId = deps.config.municipality.id;
  const now = deps.now();
  let token = draft;
  if (token && remove.length > 0) await deleteDraftPhotos(deps.db, municipalityId, hash(token), remove.map(Number));
  const kept = token ? await selectDraftPhotos(deps.db, municipalityId, hash(token), now) : [];
  if (uploads.length > 0) {
    if (kept.length + uploads.length > maxPhotos) errors.photos = errorKey('photos_too_many');
    else if (uploads.some((u) => u.truncated)) errors.photos = errorKey('photo_too_large');
    else {
      const limits = { maxBytes: deps.config.reports.photoMaxBytes, maxPixels: deps.config.reports.photoMaxPixels };
      const processed = [];
      for (const upload of uploads) {
        try {
          processed.push({ upload, photo: await processPhoto(upload.data, limits) });
        } catch (err) {
          if (!(err instanceof PhotoError)) throw err;
          errors.photos = err.problem;
          break;
        }
      }
      if (!errors.photos) {
        token ||= newDraftToken();
        const expiresAt = new Date(now.getTime() + draftLifetimeHours * 3600_000);
        for (const { upload, photo } of processed) {
          const filename = upload.filename.slice(0, 255) || null;
          const id = await insertDraftPhoto(deps.db, {
            municipalityId,
            draftHash: hash(token),
            filename,
            contentType: photo.contentType,
            data: photo.data,
            thumbnail: photo.thumbnail,
            at: now,
            expiresAt,
          });
          kept.push({ id, filename, data: photo.data, thumbnail: photo.thumbnail });
        }
      }
    }
  }
  return { draft: token, photos: kept.map((p) => ({ id: p.id, filename: p.filename ?? '' })) };
}

/** The draft's photos as a report takes them. */
export async function draftPhotoData(deps: Deps, draft: string): Promise<{ data: Buffer; filename?: string }[]> {
  if (!draft) return [];
  const rows = await selectDraftPhotos(deps.db, deps.config.municipality.id, hash(draft), deps.now());
  return rows.map((r) => ({ data: r.data, ...(r.filename ? { filename: r.filename } : {}) }));
}

/** Forgets a draft once its report is filed. */
export async function forgetDraft(deps: Deps, draft: string): Promise<void> {
  if (draft) await deleteDraft(deps.db, deps.config.municipality.id, hash(draft));
}

/** Deletes expired drafts' photos (the hourly `reports.purge-drafts` job). */
export async function purgeExpiredDrafts(deps: Deps): Promise<number> {
  return deleteExpiredDraftPhotos(deps.db, deps.now());
}
