import { describe, expect, it } from 'vitest';
import { startOfLocalDay } from '../../platform/time.js';
import { parseW3cDateTime, w3cDateTime } from './datetime.js';

describe('W3C datetimes', () => {
  it('formats in the time zone with its offset, across daylight saving time', () => {
    expect(w3cDateTime(new Date('2026-01-15T10:20:30.999Z'), 'Europe/Berlin')).toBe('2026-01-15T11:20:30+01:00');
    expect(w3cDateTime(new Date('2026-07-15T10:20:30Z'), 'Europe/Berlin')).toBe('2026-07-15T12:20:30+02:00');
    // The spring change at 01:00 UTC: a minute before and at it.
    expect(w3cDateTime(new Date('2026-03-29T00:59:00Z'), 'Europe/Berlin')).toBe('2026-03-29T01:59:00+01:00');
    expect(w3cDateTime(new Date('2026-03-29T01:00:00Z'), 'Europe/Berlin')).toBe('2026-03-29T03:00:00+02:00');
    expect(w3cDateTime(new Date('2026-10-25T00:30:00Z'), 'Europe/Berlin')).toBe('2026-10-25T02:30:00+02:00');
    expect(w3cDateTime(new Date('2026-10-25T01:30:00Z'), 'Europe/Berlin')).toBe('2026-10-25T02:30:00+01:00');
    expect(w3cDateTime(new Date('2026-01-15T10:20:30Z'), 'UTC')).toBe('2026-01-15T10:20:30Z');
    expect(w3cDateTime(new Date('2026-01-15T10:20:30Z'), 'America/St_Johns')).toBe('2026-01-15T06:50:30-03:30');
  });

  it('parses days (local midnight) and times with an offset; refuses anything else', () => {
    expect(parseW3cDateTime('2026-07-01', 'Europe/Berlin')).toEqual({
      date: new Date('2026-06-30T22:00:00Z'),
      dayOnly: true,
    });
    expect(startOfLocalDay('2026-03-29', 'Europe/Berlin')).toEqual(new Date('2026-03-28T23:00:00Z'));
    expect(startOfLocalDay('2026-10-25', 'Europe/Berlin')).toEqual(new Date('2026-10-24T22:00:00Z'));
    expect(parseW3cDateTime('2026-07-01T10:00Z', 'UTC')?.date).toEqual(new Date('2026-07-01T10:00:00Z'));
    expect(parseW3cDateTime('2026-07-01T10:00:00.5+02:00', 'UTC')?.date).toEqual(new Date('2026-07-01T08:00:00.5Z'));
    expect(parseW3cDateTime('2026-07-01T10:00:00 02:00', 'UTC')?.date).toEqual(new Date('2026-07-01T08:00:00Z'));
    for (const bad of ['2026-07-01T10:00:00', '2026-02-30', '2026-13-01', '01.07.2026', '2026-07-01T25:00Z', '']) {
      expect(parseW3cDateTime(bad, 'UTC'), bad).toBeUndefined();
    }
  });
});
