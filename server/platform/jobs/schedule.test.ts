import { describe, expect, it } from 'vitest';
import { nextSlot, scheduleSlots, slotJobId, wallTimeInstants, zoneOffset } from './schedule.js';

const tz = 'Europe/Berlin';
const iso = (dates: Date[]) => dates.map((d) => d.toISOString());
const slots = (cron: string, after: string, until: string) =>
  iso(scheduleSlots(cron, tz, new Date(after), new Date(until)));

/** Every window boundary between from and to in steps, so each slot is seen by exactly one small window. */
function slotsInSteps(cron: string, from: string, to: string, stepMs: number): string[] {
  const out: string[] = [];
  for (let t = Date.parse(from); t < Date.parse(to); t += stepMs) {
    out.push(...iso(scheduleSlots(cron, tz, new Date(t), new Date(Math.min(t + stepMs, Date.parse(to))))));
  }
  return out;
}

describe('zone offsets', () => {
  it('knows winter and summer time in Berlin', () => {
    expect(zoneOffset(Date.parse('2026-01-15T12:00:00Z'), tz)).toBe(3_600_000);
    expect(zoneOffset(Date.parse('2026-07-15T12:00:00Z'), tz)).toBe(7_200_000);
  });

  it('maps wall times to instants: gap moves forward, fold gives both passes', () => {
    const wall = (s: string) => Date.parse(`${s}Z`);
    expect(wallTimeInstants(wall('2026-03-29T02:30:00'), tz).map((i) => new Date(i).toISOString())).toEqual([
      '2026-03-29T01:30:00.000Z', // 03:30 CEST
    ]);
    expect(wallTimeInstants(wall('2026-10-25T02:30:00'), tz).map((i) => new Date(i).toISOString())).toEqual([
      '2026-10-25T00:30:00.000Z', // 02:30 CEST
      '2026-10-25T01:30:00.000Z', // 02:30 CET
    ]);
    expect(wallTimeInstants(wall('2026-06-01T08:00:00'), tz)).toEqual([Date.parse('2026-06-01T06:00:00Z')]);
  });
});

describe('scheduleSlots on an ordinary day', () => {
  it('gives daily slots in local time', () => {
    expect(slots('0 7 * * *', '2026-06-01T00:00:00Z', '2026-06-03T00:00:00Z')).toEqual([
      '2026-06-01T05:00:00.000Z',
      '2026-06-02T05:00:00.000Z',
    ]);
    expect(slots('0 7 * * *', '2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z')).toEqual(['2026-01-01T06:00:00.000Z']);
  });

  it('excludes the window start and includes its end', () => {
    expect(slots('0 7 * * *', '2026-06-01T05:00:00Z', '2026-06-02T05:00:00Z')).toEqual(['2026-06-02T05:00:00.000Z']);
  });

  it('supports a seconds field', () => {
    expect(slots('*/2 * * * * *', '2026-06-01T10:00:00Z', '2026-06-01T10:00:06Z')).toEqual([
      '2026-06-01T10:00:02.000Z',
      '2026-06-01T10:00:04.000Z',
      '2026-06-01T10:00:06.000Z',
    ]);
  });
});

describe('scheduleSlots on 29 March 2026 (02:00 CET → 03:00 CEST)', () => {
  it('moves a daily 02:30 slot, which does not exist that night, to 03:30 CEST and runs it once', () => {
    expect(slots('30 2 * * *', '2026-03-28T12:00:00Z', '2026-03-30T12:00:00Z')).toEqual([
      '2026-03-29T01:30:00.000Z', // 03:30 CEST
      '2026-03-30T00:30:00.000Z', // 02:30 CEST the next night
    ]);
  });

  it('gives the same slot whatever the window, even one starting at the end of the gap', () => {
    for (const from of ['2026-03-29T00:59:59Z', '2026-03-29T01:00:00Z', '2026-03-29T01:15:00Z']) {
      expect(slots('30 2 * * *', from, '2026-03-29T12:00:00Z')).toEqual(['2026-03-29T01:30:00.000Z']);
    }
    expect(slotsInSteps('30 2 * * *', '2026-03-28T22:00:00Z', '2026-03-29T04:00:00Z', 29_000)).toEqual([
      '2026-03-29T01:30:00.000Z',
    ]);
  });

  it('runs an hourly job once per real hour: 23 slots that day', () => {
    const day = slots('0 * * * *', '2026-03-28T22:59:59Z', '2026-03-29T21:59:59Z');
    expect(day).toHaveLength(23);
    expect(new Set(day).size).toBe(23);
    expect(day.slice(0, 3)).toEqual([
      '2026-03-28T23:00:00.000Z',
      '2026-03-29T00:00:00.000Z',
      '2026-03-29T01:00:00.000Z',
    ]);
  });

  it('keeps the slots before and after the gap unchanged', () => {
    expect(slots('59 1 * * *', '2026-03-28T22:00:00Z', '2026-03-29T12:00:00Z')).toEqual(['2026-03-29T00:59:00.000Z']);
    expect(slots('0 3 * * *', '2026-03-28T22:00:00Z', '2026-03-29T12:00:00Z')).toEqual(['2026-03-29T01:00:00.000Z']);
  });
});

describe('scheduleSlots on 25 October 2026 (03:00 CEST → 02:00 CET)', () => {
  it('runs a daily 02:30 slot once, at its first occurrence', () => {
    expect(slots('30 2 * * *', '2026-10-24T12:00:00Z', '2026-10-26T12:00:00Z')).toEqual([
      '2026-10-25T00:30:00.000Z', // 02:30 CEST
      '2026-10-26T01:30:00.000Z', // 02:30 CET the next night
    ]);
  });

  it('does not run the second 02:30 when a window starts inside the repeated hour', () => {
    // cron-parser's own tz mode yields 01:30Z here, which would run the slot twice.
    expect(slots('30 2 * * *', '2026-10-25T01:10:00Z', '2026-10-25T12:00:00Z')).toEqual([]);
    expect(slotsInSteps('30 2 * * *', '2026-10-24T22:00:00Z', '2026-10-25T04:00:00Z', 29_000)).toEqual([
      '2026-10-25T00:30:00.000Z',
    ]);
  });

  it('runs an hourly job once per real hour: 25 slots that day, two of them at 02:00 local', () => {
    const day = slots('0 * * * *', '2026-10-24T21:59:59Z', '2026-10-25T22:59:59Z');
    expect(day).toHaveLength(25);
    expect(new Set(day).size).toBe(25);
    expect(day).toContain('2026-10-25T00:00:00.000Z'); // 02:00 CEST
    expect(day).toContain('2026-10-25T01:00:00.000Z'); // 02:00 CET
  });

  it('gives the same hourly slots whether computed in one window or many small ones', () => {
    const whole = slots('*/20 * * * *', '2026-10-24T22:00:00Z', '2026-10-25T04:00:00Z');
    expect(slotsInSteps('*/20 * * * *', '2026-10-24T22:00:00Z', '2026-10-25T04:00:00Z', 11 * 60_000)).toEqual(whole);
    expect(whole).toHaveLength(18);
  });
});

describe('nextSlot and slot ids', () => {
  it('finds the next slot across the spring gap', () => {
    expect(nextSlot('30 2 * * *', tz, new Date('2026-03-28T12:00:00Z'))?.toISOString()).toBe(
      '2026-03-29T01:30:00.000Z',
    );
    expect(nextSlot('0 0 1 1 *', tz, new Date('2026-06-01T00:00:00Z'))?.toISOString()).toBe('2026-12-31T23:00:00.000Z');
  });

  it('derives one stable UUID per job name and slot', () => {
    const slot = new Date('2026-10-25T00:30:00Z');
    const id = slotJobId('waste.send-reminders', slot);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(slotJobId('waste.send-reminders', new Date(slot))).toBe(id);
    expect(slotJobId('waste.send-reminders', new Date('2026-10-25T01:30:00Z'))).not.toBe(id);
    expect(slotJobId('news.import-feed', slot)).not.toBe(id);
  });
});
