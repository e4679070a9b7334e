import type { Deps } from '../../../platform/deps.js';
import { holidayCalendarOf } from '../../../platform/holidays.js';
import { selectHistory } from './history-queries.js';
import { buildProfile, type Profile, profileWeeks } from './profile.js';

/** The facility's profile from the last eight weeks of history before deps.now(). */
export async function loadProfile(deps: Deps, facilityId: number): Promise<Profile> {
  const now = deps.now();
  const from = new Date(now.getTime() - profileWeeks * 7 * 86_400_000);
  const points = await selectHistory(deps.db, facilityId, from, now);
  const m = deps.config.municipality;
  return buildProfile(points, m.timeZone, holidayCalendarOf(m));
}
