import { describe, expect, it } from 'vitest';
import { shiftedDay, shiftedWeek } from './holidays.js';

// Holiday shifts in NRW: the day of the holiday and the rest of the week move one day on, Saturday absorbs; when
// the week has no free day left, the collection is fetched earlier ("Vorholtag").

describe('holiday shifts', () => {
  it('leaves a week without weekday holidays alone (also with a holiday on Saturday)', () => {
    expect(shiftedWeek('2026-11-16', 'NW')).toEqual([0, 1, 2, 3, 4]);
    expect(shiftedWeek('2026-10-26', 'NW')).toEqual([0, 1, 2, 3, 4]); // 2026-10-31 is no holiday in NRW
    expect(shiftedWeek('2027-12-20', 'NW')).toEqual([0, 1, 2, 3, 4]); // Christmas 2027 on Saturday and Sunday
  });

  it('moves the whole week after Easter Monday by one day, Friday to Saturday', () => {
    expect(shiftedWeek('2027-03-29', 'NW')).toEqual([1, 2, 3, 4, 5]);
    expect(shiftedDay('2027-04-02', 'NW')).toBe('2027-04-03');
  });

  it('moves Thursday of Ascension and Friday, not the days before', () => {
    expect(shiftedWeek('2027-05-03', 'NW')).toEqual([0, 1, 2, 4, 5]); // Ascension 2027-05-06
  });

  it('fetches Christmas Friday early when Saturday is a holiday too (2026)', () => {
    expect(shiftedWeek('2026-12-21', 'NW')).toEqual([0, 1, 2, 3, 3]);
    expect(shiftedDay('2026-12-25', 'NW')).toBe('2026-12-24');
  });

  it('with Thursday and Friday holidays (2025): Thursday early, Friday on Saturday', () => {
    expect(shiftedWeek('2025-12-22', 'NW')).toEqual([0, 1, 2, 2, 5]);
  });

  it('with Monday and Tuesday holidays (2028): Monday on the Saturday before, the rest one day on', () => {
    expect(shiftedWeek('2028-12-25', 'NW')).toEqual([-2, 2, 3, 4, 5]);
    expect(shiftedDay('2028-12-25', 'NW')).toBe('2028-12-23');
  });
});
