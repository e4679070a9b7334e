import { describe, expect, it } from 'vitest';
import { formatReference, referencePattern, yearIn } from './reference.js';
import { addWorkingDays, workingDaysBetween } from './working-days.js';

const tz = 'Europe/Berlin';
/** A wall-clock time in Berlin written with its offset, e.g. berlin('2026-06-03T10:00', '+02:00'). */
const berlin = (local: string, offset: string) => new Date(`${local}:00${offset}`);

describe('addWorkingDays (NRW)', () => {
  it('skips weekends and keeps the wall-clock time', () => {
    expect(addWorkingDays(berlin('2026-03-06T15:00', '+01:00'), 1, 'NW', tz)).toEqual(
      berlin('2026-03-09T15:00', '+01:00'),
    );
    expect(addWorkingDays(berlin('2026-03-02T09:30', '+01:00'), 5, 'NW', tz)).toEqual(
      berlin('2026-03-09T09:30', '+01:00'),
    );
    // Saturday + 1 → Monday.
    expect(addWorkingDays(berlin('2026-03-07T11:00', '+01:00'), 1, 'NW', tz)).toEqual(
      berlin('2026-03-09T11:00', '+01:00'),
    );
  });

  it('skips Fronleichnam, Allerheiligen and Christmas', () => {
    // Fronleichnam: Thursday 4 June 2026 (a holiday in NRW, not in Berlin or Lower Saxony).
    expect(addWorkingDays(berlin('2026-06-03T10:00', '+02:00'), 1, 'NW', tz)).toEqual(
      berlin('2026-06-05T10:00', '+02:00'),
    );
    expect(addWorkingDays(berlin('2026-06-03T10:00', '+02:00'), 1, 'NI', tz)).toEqual(
      berlin('2026-06-04T10:00', '+02:00'),
    );
    // Allerheiligen: Monday 1 November 2027.
    expect(addWorkingDays(berlin('2027-10-29T08:00', '+02:00'), 1, 'NW', tz)).toEqual(
      berlin('2027-11-02T08:00', '+01:00'),
    );
    // 24 Dec 2026 is a Thursday; 25 and 26 are holidays, then the weekend.
    expect(addWorkingDays(berlin('2026-12-24T12:00', '+01:00'), 1, 'NW', tz)).toEqual(
      berlin('2026-12-28T12:00', '+01:00'),
    );
    // Easter 2026: Good Friday 3 April, Easter Monday 6 April.
    expect(addWorkingDays(berlin('2026-04-02T10:00', '+02:00'), 1, 'NW', tz)).toEqual(
      berlin('2026-04-07T10:00', '+02:00'),
    );
  });

  it('counts days in the municipality time zone across a DST change', () => {
    // Friday 27 March 2026 10:00 CET + 1 → Monday 30 March 10:00 CEST (08:00 UTC).
    expect(addWorkingDays(berlin('2026-03-27T10:00', '+01:00'), 1, 'NW', tz).toISOString()).toBe(
      '2026-03-30T08:00:00.000Z',
    );
    // Thursday 23:30 UTC is Friday 00:30 in Berlin: + 1 → Monday 00:30 in Berlin (Sunday 23:30 UTC).
    expect(addWorkingDays(new Date('2026-03-05T23:30:00Z'), 1, 'NW', tz).toISOString()).toBe(
      '2026-03-08T23:30:00.000Z',
    );
  });

  it('returns the start for zero days', () => {
    const start = new Date('2026-05-05T10:00:00Z');
    expect(addWorkingDays(start, 0, 'NW', tz)).toEqual(start);
  });
});

describe('workingDaysBetween', () => {
  it('counts working days after a up to b, negative backwards', () => {
    const fri = berlin('2026-03-06T15:00', '+01:00');
    const mon = berlin('2026-03-09T08:00', '+01:00');
    expect(workingDaysBetween(fri, mon, 'NW', tz)).toBe(1);
    expect(workingDaysBetween(mon, fri, 'NW', tz)).toBe(-1);
    expect(workingDaysBetween(fri, berlin('2026-03-06T23:00', '+01:00'), 'NW', tz)).toBe(0);
    expect(workingDaysBetween(mon, berlin('2026-03-13T08:00', '+01:00'), 'NW', tz)).toBe(4);
    // Over Christmas 2026 and New Year 2027: 28–31 Dec, 4 Jan.
    expect(
      workingDaysBetween(berlin('2026-12-24T12:00', '+01:00'), berlin('2027-01-04T12:00', '+01:00'), 'NW', tz),
    ).toBe(5);
  });

  it('agrees with addWorkingDays', () => {
    const start = berlin('2026-05-12T09:00', '+02:00');
    for (const n of [1, 3, 10, 25]) {
      expect(workingDaysBetween(start, addWorkingDays(start, n, 'NW', tz), 'NW', tz)).toBe(n);
    }
  });
});

describe('references', () => {
  it('formats prefix, year and six digits', () => {
    expect(formatReference('BI', 2026, 123)).toBe('BI-2026-000123');
    expect(formatReference('BI', 2026, 1234567)).toBe('BI-2026-1234567');
    expect(referencePattern.test('BI-2026-000123')).toBe(true);
    expect(referencePattern.test('BI-26-123')).toBe(false);
  });

  it('takes the year in the municipality time zone', () => {
    expect(yearIn(new Date('2026-12-31T23:30:00Z'), tz)).toBe(2027);
    expect(yearIn(new Date('2026-12-31T22:30:00Z'), tz)).toBe(2026);
  });
});
