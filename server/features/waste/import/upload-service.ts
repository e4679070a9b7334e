import { randomBytes } from 'node:crypto';
import type { StaffPrincipal } from '../../../platform/auth/types.js';
import type { Deps } from '../../../platform/deps.js';
import { AppError } from '../../../platform/errors.js';
import { actorOf } from '../../audit/service.js';
import { selectRouteCounts } from '../core/routes-queries.js';
import { listBinTypes, listSeasons } from '../core/service.js';
import { applyImport } from './apply.js';
import { type ImportPlan, type ImportSource, planImport } from './plan.js';
import { deleteUpload, insertUpload, selectUpload } from './queries.js';

// The back office's import: an uploaded file is planned and kept (an hour, for its uploader only) until "apply",
// which plans it again from the stored file and applies that only when it is what the preview showed.

/** How long an uploaded file waits for "apply". */
export const uploadTtlMs = 60 * 60 * 1000;

/** iCal files start with BEGIN:VCALENDAR (after an optional BOM); everything else is read as CSV. */
export const formatOf = (content: Buffer): 'csv' | 'ical' =>
  /^(\uFEFF)?\s*BEGIN:VCALENDAR/i.test(content.subarray(0, 64).toString('utf8')) ? 'ical' : 'csv';

export interface Upload {
  fileName: string;
  content: Buffer;
  ical: NonNullable<ImportSource['ical']>;
}

/** Plans an uploaded file; when it has no problems, keeps it for apply and returns its id with the plan. */
export async function previewUpload(
  deps: Deps,
  staff: StaffPrincipal,
  upload: Upload,
): Promise<{ plan: ImportPlan; uploadId?: string }> {
  const m = deps.config.municipality;
  const format = formatOf(upload.content);
  const source: ImportSource = {
    format,
    fileName: upload.fileName,
    content: upload.content,
    ...(format === 'ical' ? { ical: upload.ical } : {}),
  };
  const plan = await planImport(deps.db, m.id, source, m.timeZone);
  if (plan.problems.length > 0) return { plan };
  const id = randomBytes(24).toString('base64url');
  const now = deps.now();
  await deps.db.transaction((tx) =>
    insertUpload(
      tx,
      m.id,
      {
        id,
        staffId: staff.id,
        fileName: source.fileName,
        format,
        options: upload.ical,
        content: upload.content,
        createdAt: now,
      },
      new Date(now.getTime() - uploadTtlMs),
    ),
  );
  return { plan, uploadId: id };
}

export type ApplyOutcome =
  | { status: 'applied'; plan: ImportPlan }
  | { status: 'changed'; plan: ImportPlan; uploadId: string }
  | { status: 'expired' };

/**
 * Applies a kept upload when its plan still has the previewed digest (else returns the new plan to show);
 * 'expired' when the upload is gone, too old or another staff member's.
 */
export async function applyUpload(
  deps: Deps,
  staff: StaffPrincipal,
  uploadId: string,
  digest: string,
): Promise<ApplyOutcome> {
  const m = deps.config.municipality;
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(uploadId)) return { status: 'expired' };
  const row = await selectUpload(deps.db, m.id, uploadId, staff.id, new Date(deps.now().getTime() - uploadTtlMs));
  if (!row) return { status: 'expired' };
  const source: ImportSource = {
    format: row.format,
    fileName: row.fileName,
    content: row.content,
    ...(row.format === 'ical' ? { ical: row.options } : {}),
  };
  const plan = await planImport(deps.db, m.id, source, m.timeZone);
  if (plan.problems.length > 0 || plan.digest !== digest) return { status: 'changed', plan, uploadId };
  try {
    const applied = await applyImport(deps, plan, actorOf(staff));
    await deleteUpload(deps.db, m.id, uploadId);
    return { status: 'applied', plan: applied };
  } catch (err) {
    if (err instanceof AppError && err.code === 'conflict') {
      return { status: 'changed', plan: await planImport(deps.db, m.id, source, m.timeZone), uploadId };
    }
    throw err;
  }
}

/** What the municipality's calendar holds: seasons, bin types, routes with their counts. */
export async function loadWasteOverview(deps: Deps) {
  const m = deps.config.municipality.id;
  const [seasons, binTypes, routes] = await Promise.all([
    listSeasons(deps.db, m),
    listBinTypes(deps.db, m),
    selectRouteCounts(deps.db, m),
  ]);
  return { seasons, binTypes, routes };
}

export type WasteOverview = Awaited<ReturnType<typeof loadWasteOverview>>;
