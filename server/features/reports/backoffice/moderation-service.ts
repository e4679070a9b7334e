import type { StaffPrincipal } from '../../../platform/auth/types.js';
import type { Deps } from '../../../platform/deps.js';
import { AppError, type FieldErrors, notFound } from '../../../platform/errors.js';
import { i18nFor, type Language, supportedLanguages } from '../../../platform/i18n.js';
import { appendEvent } from '../core/events.js';
import { updatePhotoReview } from '../core/photos-queries.js';
import {
  addSupporterCount,
  type LockedReportRow,
  lockReport,
  updateMerged,
  updateModeration,
} from '../core/reports-queries.js';
import { isOpenStatus, type ReportStatus } from '../core/statuses.js';
import { followsReport, insertSupporters, moveSupporters } from '../core/supporters-queries.js';
import { invalid, maxNote, note, run, throwIf } from './workflow.js';

// Merging duplicates and moderation (public text, photos, abuse, screening): the BSC's editorial actions.

const languageOf = (l: string): Language =>
  ((supportedLanguages as readonly string[]).includes(l) ? l : 'de') as Language;

/**
 * Merges a duplicate into another open report (given by reference). The duplicate is hidden, points at the target
 * (and so do reports merged into it before), and is closed as done with a public note naming the target, so its
 * reporter learns where it goes on. Its reporter becomes a supporter of the target (with their e-mail choice, unless
 * they already follow it), its supporters move over, and the target's supporter count grows by as many. BSC, admins.
 */
export async function mergeReport(
  deps: Deps,
  actor: StaffPrincipal,
  reportId: number,
  input: { reference?: string; note?: string },
) {
  await run(deps, actor, reportId, 'merge', async (step) => {
    const errors: FieldErrors = {};
    const internalNote = note(input.note, 'note', false, errors);
    const reference = (input.reference ?? '').trim().toUpperCase();
    const dup = step.report;
    const target = reference ? await lockReport(step.tx, deps.config.municipality.id, { reference }) : undefined;
    if (!reference) errors.reference = 'reports-admin.errors.referenceRequired';
    else if (!target) errors.reference = 'reports-admin.errors.referenceUnknown';
    else if (Number(target.id) === Number(dup.id)) errors.reference = 'reports-admin.errors.mergeSelf';
    else if (target.merged_into_id !== null) errors.reference = 'reports-admin.errors.mergeTargetMerged';
    else if (!isOpenStatus(target.status)) errors.reference = 'reports-admin.errors.mergeTargetClosed';
    throwIf(errors);
    const into = target!;
    const status: ReportStatus = isOpenStatus(dup.status) ? 'done' : dup.status;
    await updateMerged(step.tx, dup.id, { targetId: into.id, status, closedAt: dup.closed_at ?? step.now }, step.now);
    let added = await moveSupporters(step.tx, dup.id, into.id);
    const email = dup.reporter_email;
    if (!email || !(await followsReport(step.tx, into.id, email))) {
      await insertSupporters(step.tx, [
        {
          municipalityId: deps.config.municipality.id,
          reportId: into.id,
          email,
          notifyEmail: Boolean(email) && dup.notify_email,
          language: dup.language,
          at: step.now,
          // Confirmed on the duplicate, confirmed here: the same address follows on.
          emailConfirmedAt: email ? dup.email_confirmed_at : null,
        },
      ]);
      added += 1;
    }
    await addSupporterCount(step.tx, into.id, added, step.now);
    const t = i18nFor(languageOf(dup.language), deps.config.municipality.timeZone).t;
    await step.event({
      kind: 'merged',
      statusFrom: dup.status,
      statusTo: status,
      public: true,
      publicNote: t('reports-admin.merge.publicNote', { reference: into.reference }),
      ...(internalNote ? { internalNote } : {}),
    });
    await appendEvent(step.tx, {
      municipalityId: deps.config.municipality.id,
      reportId: into.id,
      kind: 'merged',
      // Internal notes are for staff: in the municipality's default language.
      internalNote: i18nFor(languageOf(deps.config.municipality.defaultLanguage), deps.config.municipality.timeZone).t(
        'reports-admin.merge.targetNote',
        { reference: dup.reference },
      ),
      actorId: actor.id,
      at: step.now,
    });
    return {
      before: { status: dup.status, mergedIntoId: null },
      after: { status, mergedIntoId: Number(into.id), supportersAdded: added },
    };
  });
}

export interface ModerationInput {
  publicDescription?: string;
  personal?: boolean;
}

/**
 * Sets the public text (empty = nothing public) and whether the original text is personal (retention deletes it).
 * The reporter's original stays as it is. BSC and admins.
 */
export async function moderateText(deps: Deps, actor: StaffPrincipal, reportId: number, input: ModerationInput) {
  await run(deps, actor, reportId, 'moderate', async (step) => {
    const errors: FieldErrors = {};
    const text = (input.publicDescription ?? '').trim();
    if (text.length > maxNote) errors.publicDescription = 'reports-admin.errors.tooLong4000';
    throwIf(errors);
    const r = step.report;
    const publicDescription = text || null;
    const personal = Boolean(input.personal);
    await updateModeration(step.tx, r.id, { ...flags(r), publicDescription, descriptionPersonal: personal }, step.now);
    await step.event({ kind: 'moderated' });
    return {
      before: { publicText: r.public_description !== null, descriptionPersonal: r.description_personal },
      after: {
        publicText: publicDescription !== null,
        publicTextChanged: publicDescription !== r.public_description,
        descriptionPersonal: personal,
      },
    };
  });
}

const flags = (r: LockedReportRow) => ({
  publicDescription: r.public_description,
  descriptionPersonal: r.description_personal,
  needsScreening: r.needs_screening,
  abusive: r.abusive,
  hidden: r.hidden,
});

const reviews = ['pending', 'approved', 'hidden'] as const;

/** Approves a photo for the public, hides it, or sets it back to pending. BSC and admins. */
export async function reviewPhoto(
  deps: Deps,
  actor: StaffPrincipal,
  reportId: number,
  input: { photoId: number; review?: string },
) {
  await run(deps, actor, reportId, 'photo', async (step) => {
    const review = input.review ?? '';
    if (!(reviews as readonly string[]).includes(review))
      throw invalid({ review: 'reports-admin.errors.reviewInvalid' });
    const before = await updatePhotoReview(step.tx, step.report.id, input.photoId, review);
    if (before === undefined) throw notFound('Photo');
    await step.event({ kind: 'photo' });
    return { before: { photoId: input.photoId, review: before }, after: { photoId: input.photoId, review } };
  });
}

/** Marks a report as abusive (hidden from every public list) or lifts the mark. BSC and admins. */
export async function markAbusive(deps: Deps, actor: StaffPrincipal, reportId: number, input: { abusive: boolean }) {
  await run(deps, actor, reportId, 'abusive', async (step) => {
    const r = step.report;
    const abusive = input.abusive;
    const hidden = abusive || r.merged_into_id !== null;
    await updateModeration(step.tx, r.id, { ...flags(r), abusive, hidden }, step.now);
    await step.event({ kind: 'abusive' });
    return { before: { abusive: r.abusive, hidden: r.hidden }, after: { abusive, hidden } };
  });
}

/**
 * Approves a report that waited for screening (sent without proof-of-work): it may appear in public lists. Its text
 * stays unpublished until staff set a public text (moderateText). BSC and admins.
 */
export async function approveScreening(deps: Deps, actor: StaffPrincipal, reportId: number) {
  await run(deps, actor, reportId, 'screening', async (step) => {
    const r = step.report;
    if (!r.needs_screening) {
      throw new AppError('conflict', 'The report needs no screening', { form: 'reports-admin.errors.statusChanged' });
    }
    await updateModeration(step.tx, r.id, { ...flags(r), needsScreening: false }, step.now);
    await step.event({ kind: 'moderated' });
    return { before: { needsScreening: true }, after: { needsScreening: false } };
  });
}
