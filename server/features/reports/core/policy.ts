import type { StaffPrincipal } from '../../../platform/auth/types.js';
import { closedStatuses, openStatuses, type ReportStatus } from './statuses.js';

/**
 * Who may do what in the Mängelmelder back office, and which status changes the workflow allows. Pure functions.
 *
 * Roles: admin may do everything. bsc_agent (BürgerServiceCenter) may do every report action on every report and
 * edit the note templates (the BSC writes the answers every day), but not the routing rules or external bodies
 * (admin only). department_staff work only on reports that are with one of their departments (forwarded to them,
 * accepted by them, or closed by them): accept, return to the BSC, in progress, close, reopen nothing, notes; they
 * do not forward elsewhere (they return instead), merge or moderate (public texts, photos, abuse and screening are
 * the BSC's editorial job). editor and analyst have no report actions (analysts see figures elsewhere).
 */

export type Actor = Pick<StaffPrincipal, 'role' | 'departmentIds'>;

/** What permissions depend on: the department the report is with. */
export interface ReportScope {
  departmentId: number | null;
}

const isBackOffice = (a: Actor): boolean => a.role === 'admin' || a.role === 'bsc_agent';
const isOwnDepartment = (a: Actor, r: ReportScope): boolean =>
  a.role === 'department_staff' && r.departmentId !== null && a.departmentIds.includes(r.departmentId);

/** The inbox, the overdue list and the staff map: BSC, admins and department staff (filtered to theirs). */
export function canUseInbox(a: Actor): boolean {
  return isBackOffice(a) || a.role === 'department_staff';
}

/** Sees the report's detail page: BSC and admins always, department staff when it is with their department. */
export function canViewReport(a: Actor, r: ReportScope): boolean {
  return isBackOffice(a) || isOwnDepartment(a, r);
}

/** Sees the reporter's name, e-mail and phone: BSC, admins and the department the report is with. */
export function canSeeContact(a: Actor, r: ReportScope): boolean {
  return canViewReport(a, r);
}

/** Forwards to a department or reassigns: BSC and admins. */
export function canForward(a: Actor): boolean {
  return isBackOffice(a);
}

/** Accepts, returns, sets in progress, closes (done, rejected, external) and writes notes. */
export function canWork(a: Actor, r: ReportScope): boolean {
  return canViewReport(a, r);
}
export const canAccept = canWork;
export const canReturn = canWork;
export const canClose = canWork;
export const canAddNote = canWork;

/** Reopens a closed report: BSC and admins (a department asks the BSC). */
export function canReopen(a: Actor): boolean {
  return isBackOffice(a);
}

/** Public text, photos, abuse, screening: BSC and admins. */
export function canModerate(a: Actor): boolean {
  return isBackOffice(a);
}

export function canMerge(a: Actor): boolean {
  return isBackOffice(a);
}

/** Routing rules (category × district → department) and external bodies: admins. */
export function canManageRules(a: Actor): boolean {
  return a.role === 'admin';
}
export const canManageExternalBodies = canManageRules;

/** Note templates: admins and BSC agents. */
export function canManageTemplates(a: Actor): boolean {
  return isBackOffice(a);
}

export const workflowActions = [
  'forward',
  'accept',
  'return',
  'progress',
  'done',
  'reject',
  'external',
  'reopen',
  'publicNote',
  'note',
  'merge',
  'moderate',
  'photo',
  'abusive',
  'screening',
] as const;
export type WorkflowAction = (typeof workflowActions)[number];

/** The statuses each status-changing action starts from; other actions work in every status. */
const allowedFrom: Partial<Record<WorkflowAction, readonly ReportStatus[]>> = {
  forward: openStatuses,
  accept: ['forwarded'],
  return: ['forwarded', 'accepted', 'in_progress'],
  progress: ['received', 'forwarded', 'accepted'],
  done: openStatuses,
  reject: openStatuses,
  external: openStatuses,
  reopen: closedStatuses,
};

/** The status an action leads to (undefined: the status stays). */
export function targetStatus(action: WorkflowAction, r: ReportScope): ReportStatus | undefined {
  switch (action) {
    case 'forward':
      return 'forwarded';
    case 'accept':
      return 'accepted';
    case 'return':
      return 'received';
    case 'progress':
      return 'in_progress';
    case 'done':
      return 'done';
    case 'reject':
      return 'rejected';
    case 'external':
      return 'external';
    case 'reopen':
      return r.departmentId === null ? 'received' : 'accepted';
    default:
      return undefined;
  }
}

/** Whether the action fits the report's state (merged reports only take notes). */
export function fitsState(action: WorkflowAction, r: { status: ReportStatus; mergedIntoId: number | null }): boolean {
  if (r.mergedIntoId !== null) return action === 'note' || action === 'publicNote';
  const from = allowedFrom[action];
  return !from || from.includes(r.status);
}

/** Whether the role and department allow the action on this report (the status aside). */
export function mayDo(a: Actor, action: WorkflowAction, r: ReportScope): boolean {
  switch (action) {
    case 'forward':
      return canForward(a);
    case 'reopen':
      return canReopen(a);
    case 'merge':
      return canMerge(a);
    case 'moderate':
    case 'photo':
    case 'abusive':
    case 'screening':
      return canModerate(a);
    default:
      return canWork(a, r);
  }
}

/** The actions the page offers this actor on this report now. */
export function availableActions(
  a: Actor,
  r: ReportScope & { status: ReportStatus; mergedIntoId: number | null },
): WorkflowAction[] {
  return workflowActions.filter((action) => mayDo(a, action, r) && fitsState(action, r));
}
