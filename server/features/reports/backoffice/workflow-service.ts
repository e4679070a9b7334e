import type { StaffPrincipal } from '../../../platform/auth/types.js';
import type { Deps } from '../../../platform/deps.js';
import type { FieldErrors } from '../../../platform/errors.js';
import { existingDepartmentIds } from '../../departments/service.js';
import { findExternalBody } from '../core/external-bodies.js';
import { changeStatus, note, run, throwIf } from './workflow.js';

// The status actions of the back-office workflow (see workflow.ts for what every action does around them).

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
      bodyId === undefined ? undefined : await findExternalBody(step.tx, deps.config.municipality.id, bodyId);
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
