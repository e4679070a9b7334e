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

/**
 * The reporter acting through their private status link (no account): the only action is answering "Ist es
 * behoben?" with no, which reopens a report closed as done (`notFixed`).
 */
export interface ReporterActor {
  role: 'reporter';
  departmentIds: readonly number[];
}
export const reporterActor: ReporterActor = { role: 'reporter', departmentIds: [] };

export type Actor = Pick<StaffPrincipal, 'role' | 'departmentIds'> | ReporterActor;

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

/** What the reporter may do through the status link: answer "Ist es behoben?" with no (reopens the report). */
export const reporterActions = ['notFixed'] as const;
export type ReporterAction = (typeof reporterActions)[number];
/** Every action the workflow runs: staff's and the reporter's. */
export type AnyAction = WorkflowAction | ReporterAction;

/** The statuses each status-changing action starts from; other actions work in every status. */
const allowedFrom: Partial<Record<AnyAction, readonly ReportStatus[]>> = {
  forward: openStatuses,
  accept: ['forwarded'],
  return: ['forwarded', 'accepted', 'in_progress'],
  progress: ['received', 'forwarded', 'accepted'],
  done: openStatuses,
  reject: openStatuses,
  external: openStatuses,
  reopen: closedStatuses,
  notFixed: ['done'],
};

/** The status an action leads to (undefined: the status stays). */
export function targetStatus(action: AnyAction, r: ReportScope): ReportStatus | undefined {
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
    case 'notFixed':
      // Back to the BSC's triage, as a return is: the BSC decides who looks again.
      return 'received';
    default:
      return undefined;
  }
}

/** Whether the action fits the report's state (merged reports only take notes). */
export function fitsState(action: AnyAction, r: { status: ReportStatus; mergedIntoId: number | null }): boolean {
  if (r.mergedIntoId !== null) return action === 'note' || action === 'publicNote';
  const from = allowedFrom[action];
  return !from || from.includes(r.status);
}

/** Whether the role and department allow the action on this report (the status aside). */
export function mayDo(a: Actor, action: AnyAction, r: ReportScope): boolean {
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
    case 'notFixed':
      return a.role === 'reporter';
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

/** How long after closing as done the reporter is asked "Ist es behoben?" (and a "no" reopens the report). */
export const fixedQuestionDays = 28;

/**
 * Whether the reporter may answer "Ist es behoben?" now: the report is closed as done (not merged), the closing is
 * less than `fixedQuestionDays` old, and this closing has no answer yet (one answer per closing).
 */
export function fixedQuestionOpen(
  r: { status: string; closedAt: Date | null; mergedIntoId: number | null },
  answered: boolean,
  now: Date,
): boolean {
  if (r.status !== 'done' || r.closedAt === null || r.mergedIntoId !== null || answered) return false;
  return now.getTime() < fixedQuestionEnds(r.closedAt).getTime();
}

/** When the question of a closing ends: from this moment on it is gone. */
export function fixedQuestionEnds(closedAt: Date): Date {
  return new Date(closedAt.getTime() + fixedQuestionDays * 24 * 60 * 60 * 1000);
}
