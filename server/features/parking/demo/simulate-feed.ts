import type { Deps } from '../../../platform/deps.js';
import { holidayCalendarOf } from '../../../platform/holidays.js';
import { selectFacilities } from '../core/facilities-queries.js';
import { type RecordResult, recordReadings } from '../core/service.js';
import { simulate } from './curve.js';
import { type DemoProfile, demoFacilities } from './facilities.js';

const profiles = new Map<string, DemoProfile>(demoFacilities.map((f) => [f.ref, f.profile]));

/**
 * The simulated feed (demo mode only): a reading at deps.now() for every demo facility, through the same
 * recordReadings as real feeds. Facilities that are not demo data never get simulated readings.
 */
export async function runSimulatedFeed(deps: Deps): Promise<RecordResult> {
  if (!deps.config.demoData) return { accepted: 0, rejected: [] };
  const m = deps.config.municipality;
  const now = deps.now();
  const facilities = (await selectFacilities(deps.db, m.id)).filter((f) => f.demo);
  const readings = facilities.map((f) => {
    const s = simulate({ ref: f.ref, capacity: f.capacity, profile: profiles.get(f.ref) ?? 'shopping' }, now, {
      timeZone: m.timeZone,
      calendar: holidayCalendarOf(m),
    });
    return { ref: f.ref, free: s.free, status: s.status, observedAt: now };
  });
  return recordReadings(deps, readings, 'demo');
}
