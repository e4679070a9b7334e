import { describe, expect, it } from 'vitest';
import {
  addLocalDays,
  localDateString,
  localParts,
  startOfLocalDay,
  zonedTime,
  zonedTimes,
  zoneOffsetMinutes,
} from './time.js';

const berlin = 'Europe/Berlin';
const iso = (d: Date) => d.toISOString();

describe('time in Europe/Berlin', () => {
  it('gives the wall clock and the offset on both sides of the DST changes of 2027', () => {
    expect(localParts(new Date('2027-03-28T00:59:59Z'), berlin)).toMatchObject({ day: 28, hour: 1, minute: 59 });
    expect(localParts(new Date('2027-03-28T01:00:00Z'), berlin)).toMatchObject({ day: 28, hour: 3, minute: 0 });
    expect(zoneOffsetMinutes(new Date('2027-03-28T00:59:59Z'), berlin)).toBe(60);
    expect(zoneOffsetMinutes(new Date('2027-03-28T01:00:00Z'), berlin)).toBe(120);
    expect(localParts(new Date('2027-10-31T00:30:00Z'), berlin)).toMatchObject({ hour: 2, minute: 30, weekday: 0 });
    expect(localParts(new Date('2027-10-31T01:30:00Z'), berlin)).toMatchObject({ hour: 2, minute: 30, weekday: 0 });
    expect(zoneOffsetMinutes(new Date('2027-10-31T01:00:00Z'), berlin)).toBe(60);
  });

  it('moves 02:30 on the last Sunday of March (it does not exist) forward to 03:30', () => {
    expect(iso(zonedTime({ year: 2027, month: 3, day: 28, hour: 2, minute: 30 }, berlin))).toBe(
      '2027-03-28T01:30:00.000Z',
    );
    expect(zonedTimes({ year: 2027, month: 3, day: 28, hour: 2, minute: 30 }, berlin).map(iso)).toEqual([
      '2027-03-28T01:30:00.000Z',
    ]);
    expect(iso(zonedTime({ year: 2027, month: 3, day: 28, hour: 3 }, berlin))).toBe('2027-03-28T01:00:00.000Z');
  });

  it('knows that 02:30 on the last Sunday of October exists twice (the later one unless both are asked for)', () => {
    const t = { year: 2027, month: 10, day: 31, hour: 2, minute: 30 };
    expect(iso(zonedTime(t, berlin))).toBe('2027-10-31T01:30:00.000Z');
    expect(zonedTimes(t, berlin).map(iso)).toEqual(['2027-10-31T00:30:00.000Z', '2027-10-31T01:30:00.000Z']);
    expect(zonedTimes({ ...t, hour: 3, minute: 0 }, berlin).map(iso)).toEqual(['2027-10-31T02:00:00.000Z']);
  });

  it('starts local days at local midnight, also on DST days, a leap day and the turn of the year', () => {
    expect(iso(startOfLocalDay('2027-03-28', berlin))).toBe('2027-03-27T23:00:00.000Z');
    expect(iso(startOfLocalDay('2027-03-29', berlin))).toBe('2027-03-28T22:00:00.000Z');
    expect(iso(startOfLocalDay('2027-10-31', berlin))).toBe('2027-10-30T22:00:00.000Z');
    expect(iso(startOfLocalDay('2027-11-01', berlin))).toBe('2027-10-31T23:00:00.000Z');
    expect(iso(startOfLocalDay('2028-02-29', berlin))).toBe('2028-02-28T23:00:00.000Z');
    expect(localDateString(new Date('2026-12-31T23:30:00Z'), berlin)).toBe('2027-01-01');
    expect(localDateString(new Date('2028-02-28T23:00:00Z'), berlin)).toBe('2028-02-29');
  });

  it('adds calendar days at the same wall-clock time across DST changes and month ends', () => {
    // Saturday 09:00 CET + 1 day = Sunday 09:00 CEST: 23 hours later.
    const sat = new Date('2027-03-27T08:00:00Z');
    expect(iso(addLocalDays(sat, 1, berlin))).toBe('2027-03-28T07:00:00.000Z');
    // Saturday 09:00 CEST + 1 day = Sunday 09:00 CET: 25 hours later.
    expect(iso(addLocalDays(new Date('2027-10-30T07:00:00Z'), 1, berlin))).toBe('2027-10-31T08:00:00.000Z');
    expect(iso(addLocalDays(new Date('2028-02-28T11:00:00Z'), 2, berlin))).toBe('2028-03-01T11:00:00.000Z');
    expect(iso(addLocalDays(new Date('2027-01-01T11:00:00Z'), -1, berlin))).toBe('2026-12-31T11:00:00.000Z');
  });
});
