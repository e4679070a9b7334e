import type { StaffPrincipal } from '../../../platform/auth/types.js';
import type { Deps } from '../../../platform/deps.js';
import { AppError, type FieldErrors } from '../../../platform/errors.js';
import type { WorkflowAction } from '../core/policy.js';
import { runWorkflow, type Step } from '../core/workflow-run.js';

export { changeStatus, type Step } from '../core/workflow-run.js';

/**
 * The back-office workflow: one function per action, each `(deps, actor, reportId, input)`. Each locks the report,
 * checks policy.ts (forbidden) and the status (conflict, reported beside the form), validates its input
 * (validation_failed with field keys), writes the change and its report_events row, records the audit entry and,
 * for a public event, enqueues `reports.notify-status` in the same transaction. Audit entries hold ids, statuses
 * and flags, never texts: notes and report texts may be personal and retention cannot reach the audit log.
 */

export const maxNote = 4000;

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
 * Runs one staff member's workflow action on a locked report in one transaction (the core's runner): policy
 * (forbidden), status (conflict), the action's `work`, its audit entry. Throws not_found for another report.
 */
export function run(
  deps: Deps,
  actor: StaffPrincipal,
  reportId: number,
  action: WorkflowAction,
  work: (step: Step) => Promise<{ before: object; after: object } | undefined>,
): Promise<void> {
  return runWorkflow(deps, actor, reportId, action, work);
}
