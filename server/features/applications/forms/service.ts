import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Deps } from '../../../platform/deps.js';
import { AppError, type FieldErrors, forbidden, notFound } from '../../../platform/errors.js';
import { localDateString } from '../../../platform/time.js';
import type { CitizenPrincipal } from '../../citizens/service.js';
import { type Answers, checkStep, firstIncompleteStep, isVisible } from '../core/answers.js';
import { cleanFileName, sniffAttachment } from '../core/attachments.js';
import { getForm } from '../core/catalogue.js';
import { allFields, type FormDefinition, type PrefillAttribute, type RequiredLevel } from '../core/definition.js';
import { seal, unseal } from '../core/draft-seal.js';
import {
  countExpiredDrafts,
  type DraftFileRow,
  type DraftOwner,
  type DraftRow,
  deleteDraftFile,
  deleteDraftFilesExcept,
  deleteExpiredDrafts,
  insertDraft,
  insertDraftFile,
  selectDraftFiles,
  selectOwnedDraft,
  selectOwnedDrafts,
  updateDraft,
} from '../core/drafts-queries.js';

// A citizen's way through a form: start a draft (pre-filled from the login), save each step (checked by the form's
// rules), attach files (checked by content), and see what is still missing. Sending is in send-service.ts.

/** Who fills in: the logged-in citizen (their trust level and the attributes the login gave) or an anonymous browser. */
export interface Applicant {
  citizenId?: number;
  level?: Exclude<RequiredLevel, 'none'>;
  attributes: Partial<Record<PrefillAttribute, string>>;
  /** SHA-256 of the anonymous draft cookie's token, when the browser has one. */
  ownerHash?: string;
  /** The login itself, for the "logged in as" bar. */
  citizen?: CitizenPrincipal;
}

const levelRank: Record<RequiredLevel, number> = { none: 0, basic: 1, substantial: 2, high: 3 };
export const draftDays = 30;
export const maxFilesPerField = 5;

/** Whether the applicant may use a form that requires `level`. */
export function meetsRequiredLevel(applicant: Applicant, level: RequiredLevel): boolean {
  if (level === 'none') return true;
  return applicant.citizenId !== undefined && levelRank[applicant.level ?? 'basic'] >= levelRank[level];
}

/** A new random token for the anonymous draft cookie and the digest that is stored. */
export function newOwnerToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: ownerHashOf(token) };
}

export const ownerHashOf = (token: string) => createHash('sha256').update(token).digest('hex');

function ownerOf(applicant: Applicant): DraftOwner | undefined {
  if (applicant.citizenId !== undefined) return { citizenId: applicant.citizenId };
  return applicant.ownerHash ? { ownerHash: applicant.ownerHash } : undefined;
}

const expiry = (now: Date) => new Date(now.getTime() + draftDays * 86_400_000);
export const todayOf = (deps: Deps) => localDateString(deps.now(), deps.config.municipality.timeZone);

/**
 * Starts a draft of the form for the applicant, its fields pre-filled from the login's attributes. Throws
 * `forbidden` when the form needs a login or a higher trust level, `bad_request` without an owner.
 */
export async function startDraft(
  deps: Deps,
  municipalityId: string,
  slug: string,
  applicant: Applicant,
): Promise<string> {
  const { form, version } = await getForm(deps, municipalityId, slug);
  if (!meetsRequiredLevel(applicant, form.trustLevel))
    throw forbidden('This service needs a login at a higher trust level');
  const owner = ownerOf(applicant);
  if (!owner) throw new AppError('bad_request', 'A draft needs a login or the draft cookie');
  const answers: Answers = {};
  for (const f of allFields(form)) {
    const value = f.prefill && applicant.attributes[f.prefill];
    if (value) answers[f.key] = value;
  }
  const id = randomUUID();
  const now = deps.now();
  await insertDraft(deps.db, municipalityId, {
    id,
    formSlug: slug,
    formVersion: version,
    owner,
    sealed: sealAnswers(deps, id, answers),
    now,
    expiresAt: expiry(now),
  });
  return id;
}

/** A draft with its answers opened. */
export type Draft = Omit<DraftRow, 'sealed'> & { answers: Answers };

const secretOf = (deps: Deps) => deps.config.sessionSecret;

/** The answers sealed for the draft (core/draft-seal.ts). */
export function sealAnswers(deps: Deps, draftId: string, answers: Answers): Buffer {
  return seal(secretOf(deps), draftId, Buffer.from(JSON.stringify(answers)));
}

/** A file's bytes sealed for the draft. */
export function sealBytes(deps: Deps, draftId: string, bytes: Buffer): Buffer {
  return seal(secretOf(deps), draftId, bytes);
}

/** A file's bytes opened; throws not_found when they do not open (a changed SESSION_SECRET loses drafts). */
export function openBytes(deps: Deps, draftId: string, sealed: Buffer): Buffer {
  const bytes = unseal(secretOf(deps), draftId, sealed);
  if (!bytes) throw notFound('Draft');
  return bytes;
}

function openDraftRow(deps: Deps, row: DraftRow): Draft {
  const { sealed, ...rest } = row;
  return { ...rest, answers: JSON.parse(openBytes(deps, row.id, sealed).toString('utf8')) as Answers };
}

export interface OpenDraft {
  form: FormDefinition;
  draft: Draft;
  owner: DraftOwner;
  files: DraftFileRow[];
  /** Whether the form changed since the draft was started (the citizen is told; the answers still count). */
  changed: boolean;
}

/** The applicant's own draft of this form with its files; throws not_found for any other (never "forbidden"). */
export async function getDraft(
  deps: Deps,
  municipalityId: string,
  slug: string,
  id: string,
  applicant: Applicant,
): Promise<OpenDraft> {
  const owner = ownerOf(applicant);
  if (!owner || !/^[0-9a-f-]{36}$/.test(id)) throw notFound('Draft');
  const draft = await selectOwnedDraft(deps.db, municipalityId, owner, id, deps.now());
  if (!draft || draft.formSlug !== slug) throw notFound('Draft');
  const { form, version } = await getForm(deps, municipalityId, slug);
  if (!meetsRequiredLevel(applicant, form.trustLevel))
    throw forbidden('This service needs a login at a higher trust level');
  const files = await selectDraftFiles(deps.db, id);
  return { form, draft: openDraftRow(deps, draft), owner, files, changed: version !== draft.formVersion };
}

export async function listDrafts(deps: Deps, municipalityId: string, applicant: Applicant): Promise<DraftRow[]> {
  const owner = ownerOf(applicant);
  return owner ? selectOwnedDrafts(deps.db, municipalityId, owner, deps.now()) : [];
}

export function fileCounts(files: DraftFileRow[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const f of files) counts[f.fieldKey] = (counts[f.fieldKey] ?? 0) + 1;
  return counts;
}

export interface Upload {
  fieldKey: string;
  name: string;
  bytes: Buffer;
  /** The upload was cut at the size limit. */
  truncated: boolean;
}

/**
 * Saves one step: uploads are checked and kept first (so a message elsewhere loses none), then the step's answers.
 * Returns the errors per field (empty: the step is complete). Files of fields a changed choice hid are dropped.
 */
export async function saveStep(
  deps: Deps,
  municipalityId: string,
  open: OpenDraft,
  stepIndex: number,
  input: Answers,
  uploads: Upload[],
): Promise<FieldErrors> {
  const { form, draft } = open;
  const step = form.steps[stepIndex];
  if (!step) throw notFound('Step');
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    // One save at a time per draft (a double click), so the file limit and the answers stay consistent.
    const current = await selectOwnedDraft(tx, municipalityId, open.owner, draft.id, now, true);
    if (!current) throw notFound('Draft');
    const errors: FieldErrors = {};
    const counts = fileCounts(open.files);
    for (const u of uploads) {
      const field = step.fields.find((f) => f.key === u.fieldKey && f.type === 'file');
      if (!field?.accept) continue;
      const limit = field.maxBytes ?? 5 * 1024 * 1024;
      if (u.truncated || u.bytes.length > limit) {
        errors[field.key] = 'applications.errors.fileTooLarge';
        continue;
      }
      if ((counts[field.key] ?? 0) >= maxFilesPerField) {
        errors[field.key] = 'applications.errors.fileTooMany';
        continue;
      }
      const checked = await sniffAttachment(u.bytes, field.accept);
      if (!checked) {
        errors[field.key] = 'applications.errors.fileType';
        continue;
      }
      await insertDraftFile(tx, municipalityId, {
        id: randomUUID(),
        draftId: draft.id,
        fieldKey: field.key,
        name: cleanFileName(u.name),
        contentType: checked.contentType,
        size: u.bytes.length,
        sha256: checked.sha256,
        bytes: sealBytes(deps, draft.id, u.bytes),
        now,
      });
      counts[field.key] = (counts[field.key] ?? 0) + 1;
    }
    const previous = openDraftRow(deps, current).answers;
    const checked = checkStep(form, step, input, { today: todayOf(deps), files: counts, previous });
    for (const [k, v] of Object.entries(checked.errors)) errors[k] ??= v;
    const answers = { ...previous, ...checked.answers };
    const shownFiles = allFields(form).filter((f) => f.type === 'file' && isVisible(form, f, answers));
    await deleteDraftFilesExcept(
      tx,
      draft.id,
      shownFiles.map((f) => f.key),
    );
    const reached = Object.keys(errors).length === 0 ? Math.max(current.reached, stepIndex + 1) : current.reached;
    await updateDraft(tx, draft.id, {
      sealed: sealAnswers(deps, draft.id, answers),
      reached,
      now,
      expiresAt: expiry(now),
    });
    return errors;
  });
}

/** Removes one of the draft's files. */
export async function removeFile(deps: Deps, open: OpenDraft, fileId: string): Promise<void> {
  if (!/^[0-9a-f-]{36}$/.test(fileId)) throw notFound('File');
  if ((await deleteDraftFile(deps.db, open.draft.id, fileId)) === 0) throw notFound('File');
}

/** The first step still incomplete, or undefined when the form can be sent. */
export function missingStep(deps: Deps, open: OpenDraft): number | undefined {
  if (open.draft.reached < open.form.steps.length) {
    const incomplete = firstIncompleteStep(open.form, open.draft.answers, {
      today: todayOf(deps),
      files: fileCounts(open.files),
    });
    return incomplete ?? open.draft.reached;
  }
  return firstIncompleteStep(open.form, open.draft.answers, { today: todayOf(deps), files: fileCounts(open.files) });
}

const purgeBatch = 200;

/** Deletes expired drafts in bounded batches (each its own transaction, rows locked and skipped if busy). */
export async function purgeExpiredDrafts(
  deps: Deps,
  options: { dryRun: boolean },
): Promise<{ deleted: number; due?: number }> {
  const now = deps.now();
  if (options.dryRun) return { deleted: 0, due: await countExpiredDrafts(deps.db, now) };
  let deleted = 0;
  for (;;) {
    const n = await deps.db.transaction((tx) => deleteExpiredDrafts(tx, now, purgeBatch));
    deleted += n;
    if (n < purgeBatch) return { deleted };
  }
}
