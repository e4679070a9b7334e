import { describe, expect, it } from 'vitest';
import {
  type Actor,
  availableActions,
  canManageExternalBodies,
  canManageRules,
  canManageTemplates,
  canSeeContact,
  canUseInbox,
  canViewReport,
  fitsState,
  mayDo,
  targetStatus,
  type WorkflowAction,
  workflowActions,
} from './policy.js';
import type { ReportStatus } from './statuses.js';

const A = 1;
const B = 2;
const actors: Record<string, Actor> = {
  admin: { role: 'admin', departmentIds: [] },
  bsc: { role: 'bsc_agent', departmentIds: [] },
  staffA: { role: 'department_staff', departmentIds: [A] },
  staffAB: { role: 'department_staff', departmentIds: [A, B] },
  staffNone: { role: 'department_staff', departmentIds: [] },
  editor: { role: 'editor', departmentIds: [] },
  analyst: { role: 'analyst', departmentIds: [] },
};
const withA = { departmentId: A };
const withB = { departmentId: B };
const unassigned = { departmentId: null };

describe('who may see what', () => {
  it('inbox: BSC, admins and department staff', () => {
    expect(
      Object.entries(actors)
        .filter(([, a]) => canUseInbox(a))
        .map(([k]) => k),
    ).toEqual(['admin', 'bsc', 'staffA', 'staffAB', 'staffNone']);
  });

  it('a report: BSC and admins always, department staff only when it is with their department', () => {
    const table = Object.fromEntries(
      Object.entries(actors).map(([k, a]) => [
        k,
        [canViewReport(a, withA), canViewReport(a, withB), canViewReport(a, unassigned)],
      ]),
    );
    expect(table).toEqual({
      admin: [true, true, true],
      bsc: [true, true, true],
      staffA: [true, false, false],
      staffAB: [true, true, false],
      staffNone: [false, false, false],
      editor: [false, false, false],
      analyst: [false, false, false],
    });
    for (const a of Object.values(actors)) {
      for (const r of [withA, withB, unassigned]) expect(canSeeContact(a, r)).toBe(canViewReport(a, r));
    }
  });

  it('rules and external bodies: admins; templates: admins and BSC', () => {
    const who = (f: (a: Actor) => boolean) => Object.keys(actors).filter((k) => f(actors[k]!));
    expect(who(canManageRules)).toEqual(['admin']);
    expect(who(canManageExternalBodies)).toEqual(['admin']);
    expect(who(canManageTemplates)).toEqual(['admin', 'bsc']);
  });
});

describe('which actions', () => {
  it('per role on a report with department A', () => {
    const allowed = (a: Actor) => workflowActions.filter((x) => mayDo(a, x, withA));
    expect(allowed(actors.admin!)).toEqual([...workflowActions]);
    expect(allowed(actors.bsc!)).toEqual([...workflowActions]);
    expect(allowed(actors.staffA!)).toEqual([
      'accept',
      'return',
      'progress',
      'done',
      'reject',
      'external',
      'publicNote',
      'note',
    ]);
    for (const k of ['staffNone', 'editor', 'analyst']) expect(allowed(actors[k]!)).toEqual([]);
    expect(workflowActions.filter((x) => mayDo(actors.staffA!, x, withB))).toEqual([]);
  });

  it('status rules: where each status-changing action may start and where it leads', () => {
    const from: Record<string, ReportStatus[]> = {};
    const statuses: ReportStatus[] = [
      'received',
      'forwarded',
      'accepted',
      'in_progress',
      'done',
      'rejected',
      'external',
    ];
    for (const action of workflowActions) {
      from[action] = statuses.filter((s) => fitsState(action, { status: s, mergedIntoId: null }));
    }
    expect(from).toMatchObject({
      forward: ['received', 'forwarded', 'accepted', 'in_progress'],
      accept: ['forwarded'],
      return: ['forwarded', 'accepted', 'in_progress'],
      progress: ['received', 'forwarded', 'accepted'],
      done: ['received', 'forwarded', 'accepted', 'in_progress'],
      reject: ['received', 'forwarded', 'accepted', 'in_progress'],
      external: ['received', 'forwarded', 'accepted', 'in_progress'],
      reopen: ['done', 'rejected', 'external'],
      note: statuses,
      publicNote: statuses,
      moderate: statuses,
    });
    const to = (a: WorkflowAction, departmentId: number | null) => targetStatus(a, { departmentId });
    expect(to('forward', null)).toBe('forwarded');
    expect(to('return', A)).toBe('received');
    expect(to('reopen', A)).toBe('accepted');
    expect(to('reopen', null)).toBe('received');
    expect(to('note', A)).toBeUndefined();
  });

  it('a merged report takes notes only', () => {
    const merged = { status: 'done' as const, mergedIntoId: 7, departmentId: null };
    expect(availableActions(actors.admin!, merged)).toEqual(['publicNote', 'note']);
  });

  it('what the page offers: role and status together', () => {
    expect(availableActions(actors.staffA!, { status: 'forwarded', mergedIntoId: null, departmentId: A })).toEqual([
      'accept',
      'return',
      'progress',
      'done',
      'reject',
      'external',
      'publicNote',
      'note',
    ]);
    expect(availableActions(actors.staffA!, { status: 'done', mergedIntoId: null, departmentId: A })).toEqual([
      'publicNote',
      'note',
    ]);
    expect(availableActions(actors.bsc!, { status: 'received', mergedIntoId: null, departmentId: null })).toEqual([
      'forward',
      'progress',
      'done',
      'reject',
      'external',
      'publicNote',
      'note',
      'merge',
      'moderate',
      'photo',
      'abusive',
      'screening',
    ]);
    expect(availableActions(actors.editor!, { status: 'received', mergedIntoId: null, departmentId: null })).toEqual(
      [],
    );
  });
});
