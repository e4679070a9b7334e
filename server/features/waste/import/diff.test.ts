import { describe, expect, it } from 'vitest';
import { diffDates } from './diff.js';

const d = (date: string, shiftedFrom: string | null = null, note = '') => ({ date, shiftedFrom, note });

describe('diffDates', () => {
  it('pairs removed and added dates within a week as moved, nearest first', () => {
    const before = [d('2026-12-01'), d('2026-12-08'), d('2026-12-15')];
    const after = [d('2026-12-02'), d('2026-12-07'), d('2026-12-30')];
    const c = diffDates(before, after);
    // 12-01 → 12-02 (1 day) and 12-08 → 12-07 (1 day) pair; 12-15 is 15 days from 12-30: removed and added.
    expect(c.moved.map((m) => [m.from.date, m.to.date])).toEqual([
      ['2026-12-01', '2026-12-02'],
      ['2026-12-08', '2026-12-07'],
    ]);
    expect(c.removed.map((x) => x.date)).toEqual(['2026-12-15']);
    expect(c.added.map((x) => x.date)).toEqual(['2026-12-30']);
  });

  it('gives the nearer added date to the removed one when two compete', () => {
    const c = diffDates([d('2026-12-10')], [d('2026-12-16'), d('2026-12-11')]);
    expect(c.moved.map((m) => m.to.date)).toEqual(['2026-12-11']);
    expect(c.added.map((x) => x.date)).toEqual(['2026-12-16']);
  });

  it('reports a kept day with another note or shift as changed, an equal list as nothing', () => {
    expect(diffDates([d('2026-12-10')], [d('2026-12-10', '2026-12-09', 'Feiertag')]).changed).toHaveLength(1);
    expect(diffDates([d('2026-12-10')], [d('2026-12-10')])).toEqual({ added: [], removed: [], moved: [], changed: [] });
  });
});
