import type { StaffPrincipal } from '../../../platform/auth/types.js';
import type { Queryable } from '../../../platform/db.js';
import type { Deps } from '../../../platform/deps.js';
import { AppError, type FieldErrors, forbidden, notFound } from '../../../platform/errors.js';
import { invalidateResponses } from '../../../platform/http/response-cache.js';
import { i18nFor, type Language, supportedLanguages } from '../../../platform/i18n.js';
import { actorOf, recordAudit } from '../../audit/service.js';
import { existingDepartmentIds } from '../../departments/service.js';
import { appendEvent, type NewEvent } from '../core/events.js';
import { fitsState, mayDo, targetStatus, type WorkflowAction } from '../core/policy.js';
import { isOpenStatus, type ReportStatus } from '../core/statuses.js';
import { reportsCacheTag } from '../public/service.js';
import { getExternalBody } from '../settings/routing-service.js';
import {
  addSupporterCount,
  followsReport,
  insertSupporter,
  lockReport,
  lockReportByReference,
  moveSupporters,
  updateMerged,
  updateModeration,
  updatePhotoReview,
  updateRouting,
  type WorkflowReportRow,
} from './workflow-queries.js';

/**
 * The back-office workflow: one function per action, each `(deps, actor, reportId, input)`. Each locks the report,
 * checks policy.ts (forbidden) and the status (conflict, reported beside the form), validates its input
 * (validation_failed with field keys), writes the change and its report_events row, records the audit entry and,
 * for a public event, enqueues `reports.notify-status` in the same transaction. Audit entries hold ids, statuses
 * and flags, never texts: notes and report texts may be personal and retention cannot reach the audit log.
 */

export const notifyJob = 'reports.notify-status';
const maxNote = 4000;

interface Step {
  tx: Queryable;
  report: WorkflowReportRow;
  now: Date;
  /** Appends an event by this actor; a public one also enqueues the notification. */
  event(e: Omit<NewEvent, 'reportId' | 'at' | 'actorId'>): Promise<number>;
}

const scopeOf = (r: WorkflowReportRow) => ({
  departmentId: r.department_id === null ? null : Number(r.department_id),
  status: r.status,
  mergedIntoId: r.merged_into_id === null ? null : Number(r.merged_into_id),
});

const invalid = (errors: FieldErrors) => new AppError('validation_failed', 'The form has invalid fields', errors);

/** A required or optional note, trimmed; undefined when empty. */
function note(value: string | undefined, field: string, required: boolean, errors: FieldErrors): string | undefined {
  const text = (value ?? '').trim();
  if (!text && required) errors[field] = 'reports-admin.errors.noteRequired';
  else if (text.length > maxNote) errors[field] = 'reports-admin.errors.tooLong4000';
  return text || undefined;
}

function throwIf(errors: FieldErrors): void {
  if (Object.keys(errors).length) throw invalid(errors);
}

async function run(
  deps: Deps,
  actor: StaffPrincipal,
  reportId: number,
  action: WorkflowAction,
  work: (step: Step) => Promise<{ before: object; after: object } | undefined>,
): Promise<void> {
  const municipalityId = deps.config.municipality.id;
  await deps.db.transaction(async (tx) => {
    const report = await lockReport(tx, municipalityId, reportId);
    if (!report) throw notFound('Report');
    const scope = scopeOf(report);
    if (!mayDo(actor, action, scope)) throw forbidden();
    if (!fitsState(action, scope)) {
      throw new AppError('conflict', `The report's status does not allow this (${report.status})`, {
        form: 'reports-admin.errors.statusChanged',
      });
    }
    const now = deps.now();
    const step: Step = {
      tx,
      report,
      now,
      async event(e) {
        const eventId = await appendEvent(tx, { ...e, reportId, actorId: actor.id, at: now });
        if (e.public) await deps.jobs.enqueue(notifyJob, { eventId }, { tx });
        return eventId;
      },
    };
    const change = await work(step);
    await recordAudit(tx, {
      municipalityId,
      actor: actorOf(actor),
      action: `report.${auditVerb[action]}`,
      entityType: 'report',
      entityId: reportId,
      ...(change ? { before: change.before, after: change.after } : {}),
      at: now,
    });
  });
  invalidateResponses(reportsCacheTag);
}

const auditVerb: Record<WorkflowAction, string> = {
  forward: 'forward',
  accept: 'accept',
  return: 'return',
  progress: 'progress',
  done: 'done',
  reject: 'reject',
  external: 'external',
  reopen: 'reopen',
  publicNote: 'public_note',
  note: 'note',
  merge: 'merge',
  moderate: 'moderate',
  photo: 'photo',
  abusive: 'abusive',
  screening: 'screening',
};

const routing = (r: { status: string; department_id: number | null; external_body_id: number | null }) => ({
  status: r.status,
  departmentId: r.department_id === null ? null : Number(r.department_id),
  externalBodyId: r.external_body_id === null ? null : Number(r.external_body_id),
});

/** Changes status (and department, external body), keeps closed_at in step, appends the event. */
async function changeStatus(
  step: Step,
  action: WorkflowAction,
  e: Omit<NewEvent, 'reportId' | 'at' | 'actorId' | 'kind' | 'statusFrom' | 'statusTo'> & { kind: string },
  to: { departmentId?: number | null; externalBodyId?: number | null } = {},
) {
  const r = step.report;
  const status = targetStatus(action, scopeOf(r)) as ReportStatus;
  const next = {
    status,
    departmentId: to.departmentId === undefined ? r.department_id : to.departmentId,
    externalBodyId: to.externalBodyId === undefined ? r.external_body_id : to.externalBodyId,
    // Closing stamps the time; reopening clears it.
    closedAt: isOpenStatus(status) ? null : (r.closed_at ?? step.now),
  };
  await updateRouting(step.tx, r.id, next, step.now);
  await step.event({ ...e, statusFrom: r.status, statusTo: status });
  return {
    before: routing(r),
    after: routing({ status, department_id: next.departmentId, external_body_id: next.externalBodyId }),
  };
}

export interface ForwardInput {
  departmentId?: number;
  note?: string;
}

/** Forwards (or reassigns) a report to a department: status forwarded. BSC and admins. */
export async function forwardReport(deps: Deps, actor: StaffPrincipal, reportId: number, input: ForwardInput) {
  await run(deps, actor, reportId, 'forward', async (step) => {
    const errors: FieldErrors = {};
    const internalNote = note(input.note, 'note', false, errors);
    const departmentId = input.departmentId;
    const m = deps.config.municipality.id;
    if (departmentId === undefined || (await existingDepartmentIds(step.tx, m, [departmentId])).length === 0) {
      errors.departmentId = 'reports-admin.errors.departmentRequired';
    } else if (step.report.status === 'forwarded' && Number(step.report.department_id) === departmentId) {
      errors.departmentId = 'reports-admin.errors.sameDepartment';
    }
    throwIf(errors);
    return changeStatus(
      step,
      'forward',
      { kind: 'forwarded', departmentId, ...(internalNote ? { internalNote } : {}) },
      { departmentId, externalBodyId: null },
    );
  });
}

/** The department takes the report on: status accepted, with an optional public note. */
export async function acceptReport(deps: Deps, actor: StaffPrincipal, reportId: number, input: { note?: string }) {
  await run(deps, actor, reportId, 'accept', async (step) => {
    const errors: FieldErrors = {};
    const publicNote = note(input.note, 'note', false, errors);
    throwIf(errors);
    return changeStatus(step, 'accept', {
      kind: 'accepted',
      public: true,
      ...(step.report.department_id !== null ? { departmentId: Number(step.report.department_id) } : {}),
      ...(publicNote ? { publicNote } : {}),
    });
  });
}

/**
 * The department gives the report back to the BSC with a reason (Klarschiff's rule): status received again, no
 * department; the reason stays in the history and the inbox shows the report as returned. Internal only.
 */
export async function returnReport(deps: Deps, actor: StaffPrincipal, reportId: number, input: { reason?: string }) {
  await run(deps, actor, reportId, 'return', async (step) => {
    const errors: FieldErrors = {};
    const reason = note(input.reason, 'reason', true, errors);
    throwIf(errors);
    return changeStatus(
      step,
      'return',
      {
        kind: 'returned',
        internalNote: reason!,
        ...(step.report.department_id !== null ? { departmentId: Number(step.report.department_id) } : {}),
      },
      { departmentId: null },
    );
  });
}

/** Work has started: status in_progress, optional public note. */
export async function startWork(deps: Deps, actor: StaffPrincipal, reportId: number, input: { note?: string }) {
  await run(deps, actor, reportId, 'progress', async (step) => {
    const errors: FieldErrors = {};
    const publicNote = note(input.note, 'note', false, errors);
    throwIf(errors);
    return changeStatus(step, 'progress', { kind: 'status', public: true, ...(publicNote ? { publicNote } : {}) });
  });
}

/** Closes as done with a public note (required). */
export async function completeReport(deps: Deps, actor: StaffPrincipal, reportId: number, input: { note?: string }) {
  await run(deps, actor, reportId, 'done', async (step) => {
    const errors: FieldErrors = {};
    const publicNote = note(input.note, 'note', true, errors);
    throwIf(errors);
    return changeStatus(step, 'done', { kind: 'status', public: true, publicNote: publicNote! });
  });
}

/** Closes as rejected; the reason (required) is the public note. */
export async function rejectReport(deps: Deps, actor: StaffPrincipal, reportId: number, input: { note?: string }) {
  await run(deps, actor, reportId, 'reject', async (step) => {
    const errors: FieldErrors = {};
    const publicNote = note(input.note, 'note', true, errors);
    throwIf(errors);
    return changeStatus(step, 'reject', { kind: 'status', public: true, publicNote: publicNote! });
  });
}

export interface ExternalInput {
  externalBodyId?: number;
  note?: string;
}

/** Hands the report to a body outside the administration (status external) with a public note. */
export async function handToExternal(deps: Deps, actor: StaffPrincipal, reportId: number, input: ExternalInput) {
  await run(deps, actor, reportId, 'external', async (step) => {
    const errors: FieldErrors = {};
    const publicNote = note(input.note, 'note', true, errors);
    const bodyId = input.externalBodyId;
    const body =
      bodyId === undefined
        ? undefined
        : await getExternalBody(step.tx, deps.config.municipality.id, bodyId).catch(() => undefined);
    if (!body?.active) errors.externalBodyId = 'reports-admin.errors.externalBodyRequired';
    throwIf(errors);
    return changeStatus(
      step,
      'external',
      { kind: 'external', public: true, externalBodyId: bodyId!, publicNote: publicNote! },
      { externalBodyId: bodyId! },
    );
  });
}

/** Reopens a closed report: accepted again when it is with a department, else received. BSC and admins. */
export async function reopenReport(deps: Deps, actor: StaffPrincipal, reportId: number, input: { note?: string }) {
  await run(deps, actor, reportId, 'reopen', async (step) => {
    const errors: FieldErrors = {};
    const publicNote = note(input.note, 'note', false, errors);
    throwIf(errors);
    return changeStatus(
      step,
      'reopen',
      { kind: 'status', public: true, ...(publicNote ? { publicNote } : {}) },
      { externalBodyId: null },
    );
  });
}

/** A public note without a status change (the reporter and supporters are told). */
export async function addPublicNote(deps: Deps, actor: StaffPrincipal, reportId: number, input: { note?: string }) {
  await run(deps, actor, reportId, 'publicNote', async (step) => {
    const errors: FieldErrors = {};
    const publicNote = note(input.note, 'note', true, errors);
    throwIf(errors);
    await step.event({ kind: 'note', public: true, publicNote: publicNote! });
    return undefined;
  });
}

/** An internal note: never shown outside the back office. */
export async function addInternalNote(deps: Deps, actor: StaffPrincipal, reportId: number, input: { note?: string }) {
  await run(deps, actor, reportId, 'note', async (step) => {
    const errors: FieldErrors = {};
    const internalNote = note(input.note, 'note', true, errors);
    throwIf(errors);
    await step.event({ kind: 'note', internalNote: internalNote! });
    return undefined;
  });
}

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
    const target = reference ? await lockReportByReference(step.tx, deps.config.municipality.id, reference) : undefined;
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
      await insertSupporter(step.tx, {
        reportId: into.id,
        email,
        notifyEmail: Boolean(email) && dup.notify_email,
        language: dup.language,
        at: step.now,
      });
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

const flags = (r: WorkflowReportRow) => ({
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
