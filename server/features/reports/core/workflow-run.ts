import type { StaffPrincipal } from '../../../platform/auth/types.js';
import type { Queryable } from '../../../platform/db.js';
import type { Deps } from '../../../platform/deps.js';
import { AppError, forbidden, notFound } from '../../../platform/errors.js';
import { type AuditActor, actorOf, recordAudit } from '../../audit/service.js';
import { appendEvent, type NewEvent, notifyStatusJobName } from './events.js';
import { type AnyAction, fitsState, mayDo, type ReporterActor, targetStatus } from './policy.js';
import { type LockedReportRow, lockReport, updateRouting } from './reports-queries.js';
import { isOpenStatus, type ReportStatus } from './statuses.js';

/**
 * The one runner of workflow actions, for staff (the back office) and for the reporter acting through the status
 * link ("Ist es behoben?" → no). Each action locks the report, checks policy.ts (forbidden) and the status
 * (conflict, reported beside the form), runs its `work`, which writes the change and its report_events row, and
 * records the audit entry; a public event enqueues `reports.notify-status` in the same transaction.
 */

/** Who runs an action: a signed-in staff member, or the reporter of the report (no account). */
export type WorkflowActor = StaffPrincipal | ReporterActor;

export interface Step {
  tx: Queryable;
  report: LockedReportRow;
  now: Date;
  /** Appends an event by this actor; a public one also enqueues the notification. */
  event(e: Omit<NewEvent, 'municipalityId' | 'reportId' | 'at' | 'actorId'>): Promise<number>;
}

/** What policy.ts decides on: department, status, merge. */
export const scopeOf = (r: LockedReportRow) => ({
  departmentId: r.department_id === null ? null : Number(r.department_id),
  status: r.status,
  mergedIntoId: r.merged_into_id === null ? null : Number(r.merged_into_id),
});

const isStaff = (a: WorkflowActor): a is StaffPrincipal => a.role !== 'reporter';

/** The reporter in the audit log: no name, no address (they act through their status link only). */
const reporterAudit: AuditActor = { id: null, label: 'reporter' };

const auditVerb: Record<AnyAction, string> = {
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
  notFixed: 'not_fixed',
};

/**
 * Runs one workflow action on a locked report in one transaction: policy (forbidden), status (conflict), the
 * action's `work`, its audit entry; its events forget the cached public answers on commit. Throws not_found for
 * another municipality's report.
 */
export async function runWorkflow(
  deps: Deps,
  actor: WorkflowActor,
  reportId: number,
  action: AnyAction,
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
    const actorId = isStaff(actor) ? actor.id : null;
    const step: Step = {
      tx,
      report,
      now,
      async event(e) {
        const eventId = await appendEvent(tx, { ...e, municipalityId, reportId, actorId, at: now });
        if (e.public) await deps.jobs.enqueue(notifyStatusJobName, { eventId }, { tx });
        return eventId;
      },
    };
    const change = await work(step);
    await recordAudit(tx, {
      municipalityId,
      actor: isStaff(actor) ? actorOf(actor) : reporterAudit,
      action: `report.${auditVerb[action]}`,
      entityType: 'report',
      entityId: reportId,
      ...(change ? { before: change.before, after: change.after } : {}),
      at: now,
    });
  });
}

const routing = (r: { status: string; department_id: number | null; external_body_id: number | null }) => ({
  status: r.status,
  departmentId: r.department_id === null ? null : Number(r.department_id),
  externalBodyId: r.external_body_id === null ? null : Number(r.external_body_id),
});

/** Changes status (and department, external body), keeps closed_at in step, appends the event. */
export async function changeStatus(
  step: Step,
  action: AnyAction,
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
