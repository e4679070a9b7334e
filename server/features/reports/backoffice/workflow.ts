import type { StaffPrincipal } from '../../../platform/auth/types.js';
import type { Queryable } from '../../../platform/db.js';
import type { Deps } from '../../../platform/deps.js';
import { AppError, type FieldErrors, forbidden, notFound } from '../../../platform/errors.js';
import { actorOf, recordAudit } from '../../audit/service.js';
import { appendEvent, type NewEvent, notifyStatusJobName } from '../core/events.js';
import { fitsState, mayDo, targetStatus, type WorkflowAction } from '../core/policy.js';
import { type LockedReportRow, lockReport, updateRouting } from '../core/reports-queries.js';
import { isOpenStatus, type ReportStatus } from '../core/statuses.js';

/**
 * The back-office workflow: one function per action, each `(deps, actor, reportId, input)`. Each locks the report,
 * checks policy.ts (forbidden) and the status (conflict, reported beside the form), validates its input
 * (validation_failed with field keys), writes the change and its report_events row, records the audit entry and,
 * for a public event, enqueues `reports.notify-status` in the same transaction. Audit entries hold ids, statuses
 * and flags, never texts: notes and report texts may be personal and retention cannot reach the audit log.
 */

export const maxNote = 4000;

export interface Step {
  tx: Queryable;
  report: LockedReportRow;
  now: Date;
  /** Appends an event by this actor; a public one also enqueues the notification. */
  event(e: Omit<NewEvent, 'municipalityId' | 'reportId' | 'at' | 'actorId'>): Promise<number>;
}

const scopeOf = (r: LockedReportRow) => ({
  departmentId: r.department_id === null ? null : Number(r.department_id),
  status: r.status,
  mergedIntoId: r.merged_into_id === null ? null : Number(r.merged_into_id),
});

export const invalid = (errors: FieldErrors) =>
  new AppError('validation_failed', 'The form has invalid fields', errors);

/** A required or optional note, trimmed; undefined when empty. */
export function note(
  value: string | undefined,
  field: string,
  required: boolean,
  errors: FieldErrors,
): string | undefined {
  const text = (value ?? '').trim();
  if (!text && required) errors[field] = 'reports-admin.errors.noteRequired';
  else if (text.length > maxNote) errors[field] = 'reports-admin.errors.tooLong4000';
  return text || undefined;
}

/** Throws validation_failed when any field has a message. */
export function throwIf(errors: FieldErrors): void {
  if (Object.keys(errors).length) throw invalid(errors);
}

/**
 * Runs one workflow action on a locked report in one transaction: policy (forbidden), status (conflict), the
 * action's `work`, its audit entry; its events forget the cached public answers on commit. Throws not_found for another report.
 */
export async function run(
  deps: Deps,
  actor: StaffPrincipal,
  reportId: number,
  action: WorkflowAction,
  work: (step: Step) => Promise<{ before: object; after: object } | undefined>,
): Promise<void> {
  const municipalityId = deps.config.municipality.id;
  await deps.db.transaction(async (tx) => {
    const report = await lockReport(tx, municipalityId, { id: reportId });
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
        const eventId = await appendEvent(tx, { ...e, municipalityId, reportId, actorId: actor.id, at: now });
        if (e.public) await deps.jobs.enqueue(notifyStatusJobName, { eventId }, { tx });
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
export async function changeStatus(
  step: Step,
  action: WorkflowAction,
  e: Omit<NewEvent, 'municipalityId' | 'reportId' | 'at' | 'actorId' | 'kind' | 'statusFrom' | 'statusTo'> & {
    kind: string;
  },
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
