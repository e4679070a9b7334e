import { describe, expect, it } from 'vitest';
import {
  type Actor,
  availableActions,
  fitsState,
  fixedQuestionDays,
  fixedQuestionEnds,
  fixedQuestionOpen,
  mayDo,
  reporterActor,
  targetStatus,
} from './policy.js';
import { reportStatuses } from './statuses.js';

// "Ist es behoben?": the reporter's one workflow action (notFixed) and the 28-day window of the question.

const day = 24 * 60 * 60 * 1000;
const closedAt = new Date('2026-03-28T16:30:00Z');
const done = { status: 'done', closedAt, mergedIntoId: null };
const at = (ms: number) => new Date(closedAt.getTime() + ms);

describe('the question "Ist es behoben?"', () => {
  it('is open for 28 days from closing as done, to the millisecond (a DST change in between changes nothing)', () => {
    expect(fixedQuestionDays).toBe(28);
    expect(fixedQuestionOpen(done, false, closedAt)).toBe(true);
    expect(fixedQuestionOpen(done, false, at(27 * day + 23 * 3600 * 1000))).toBe(true);
    expect(fixedQuestionOpen(done, false, at(28 * day - 1))).toBe(true);
    expect(fixedQuestionOpen(done, false, at(28 * day))).toBe(false);
    expect(fixedQuestionOpen(done, false, at(400 * day))).toBe(false);
    expect(fixedQuestionEnds(closedAt)).toEqual(new Date('2026-04-25T16:30:00Z'));
  });

  it('is asked once per closing, only of reports closed as done and not merged', () => {
    expect(fixedQuestionOpen(done, true, at(day))).toBe(false);
    for (const status of reportStatuses.filter((s) => s !== 'done')) {
      expect(fixedQuestionOpen({ ...done, status }, false, at(day))).toBe(false);
    }
    expect(fixedQuestionOpen({ ...done, closedAt: null }, false, at(day))).toBe(false);
    expect(fixedQuestionOpen({ ...done, mergedIntoId: 7 }, false, at(day))).toBe(false);
  });
});

describe('the reporter in the workflow', () => {
  const staff: Actor[] = [
    { role: 'admin', departmentIds: [] },
    { role: 'bsc_agent', departmentIds: [] },
    { role: 'department_staff', departmentIds: [1] },
    { role: 'editor', departmentIds: [] },
    { role: 'analyst', departmentIds: [] },
  ];

  it('may reopen a report closed as done as "not fixed", back to the BSC (received), and nothing else', () => {
    const scope = { departmentId: 1 };
    expect(mayDo(reporterActor, 'notFixed', scope)).toBe(true);
    expect(targetStatus('notFixed', scope)).toBe('received');
    expect(targetStatus('notFixed', { departmentId: null })).toBe('received');
    for (const action of ['forward', 'accept', 'done', 'reopen', 'note', 'publicNote', 'moderate'] as const) {
      expect(mayDo(reporterActor, action, scope)).toBe(false);
    }
    expect(availableActions(reporterActor, { ...scope, status: 'done', mergedIntoId: null })).toEqual([]);
  });

  it('"not fixed" fits only a report that is done and not merged', () => {
    for (const status of reportStatuses) {
      expect(fitsState('notFixed', { status, mergedIntoId: null })).toBe(status === 'done');
    }
    expect(fitsState('notFixed', { status: 'done', mergedIntoId: 3 })).toBe(false);
  });

  it('staff never answer in the reporter’s name, and their actions offer no "not fixed"', () => {
    for (const a of staff) {
      expect(mayDo(a, 'notFixed', { departmentId: 1 })).toBe(false);
      expect(availableActions(a, { departmentId: 1, status: 'done', mergedIntoId: null })).not.toContain('notFixed');
    }
  });
});
