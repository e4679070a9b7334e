import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resolveFromRoot } from '../../../platform/config.js';
import { parseSchoolHolidays } from '../../../platform/school-holidays-ics.js';
import type { HistoryPoint } from '../core/history-queries.js';
import { simulate } from '../demo/curve.js';
import { evaluateForecast } from './model.js';

// The forecast against held-back synthetic history: better than "same as now", and honest about its basis.

const schoolHolidays = parseSchoolHolidays(readFileSync(resolveFromRoot('config/school-holidays/NW.ics'), 'utf8'));
const zone = { timeZone: 'Europe/Berlin', calendar: { region: 'NW', schoolHolidays: schoolHolidays.holidays } };

function history(profile: 'shopping' | 'commuter' | 'events', from: Date, weeks: number): HistoryPoint[] {
  const f = { ref: `F-${profile}`, capacity: 500, profile };
  const points: HistoryPoint[] = [];
  for (let t = from.getTime(); t < from.getTime() + weeks * 7 * 86_400_000; t += 5 * 60_000) {
    const s = simulate(f, new Date(t), zone);
    points.push({ bucket: new Date(t), free: s.free, capacity: f.capacity, status: s.status });
  }
  return points;
}

describe('parking forecast', () => {
  it('beats the naive forecast on held-back weeks for every kind of garage', () => {
    const from = new Date('2026-09-07T00:00:00Z');
    const split = new Date(from.getTime() + 5 * 7 * 86_400_000);
    for (const profile of ['shopping', 'commuter', 'events'] as const) {
      const e = evaluateForecast(history(profile, from, 6), split, zone);
      expect(e.n).toBeGreaterThan(300);
      expect(e.mae).toBeLessThan(e.naiveMae * 0.8);
    }
  });
});
