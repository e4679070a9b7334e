import { describe, expect, it } from 'vitest';
import type { HolidayCalendar } from '../../../platform/holidays.js';
import { dayTypeOf, slotAndType } from './day-types.js';

const tz = 'Europe/Berlin';
const nrw: HolidayCalendar = {
  region: 'NW',
  schoolHolidays: [{ from: '2026-10-17', to: '2026-10-31', name: 'Herbstferien' }],
};
const none: HolidayCalendar = { region: 'NW', schoolHolidays: [] };
// Bavaria has no Reformation Day holiday; Allerheiligen is a holiday in both.
const bavaria: HolidayCalendar = { region: 'BY', schoolHolidays: [] };

describe('parking day types', () => {
  it('takes school-holiday weekdays from the calendar, public holidays from its region', () => {
    const tuesday = new Date('2026-10-20T10:00:00+02:00');
    expect(dayTypeOf(tuesday, tz, nrw)).toBe('school');
    expect(dayTypeOf(tuesday, tz, none)).toBe('tue');
    // A Saturday in the holidays stays a Saturday.
    expect(dayTypeOf(new Date('2026-10-24T10:00:00+02:00'), tz, nrw)).toBe('sat');
    expect(dayTypeOf(new Date('2026-11-01T10:00:00+01:00'), tz, nrw)).toBe('holiday');
    expect(dayTypeOf(new Date('2026-11-02T10:00:00+01:00'), tz, nrw)).toBe('mon');
    expect(dayTypeOf(new Date('2026-10-31T10:00:00+02:00'), tz, bavaria)).toBe('sat');
  });

  it('uses the local day: late evening in Berlin is still the holiday', () => {
    // 23:30 on 30 October in Berlin is 22:30 UTC (the last Friday of the holidays).
    expect(slotAndType(new Date('2026-10-30T21:30:00Z'), tz, nrw)).toEqual({ slot: 22 * 12 + 6, type: 'school' });
    expect(slotAndType(new Date('2026-11-02T06:00:00Z'), tz, nrw).type).toBe('mon');
  });
});
