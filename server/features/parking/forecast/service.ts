import type { Deps } from '../../../platform/deps.js';
import { holidayCalendarOf } from '../../../platform/holidays.js';
import type { Profile } from '../core/profile.js';
import { loadProfile } from '../core/profile-service.js';
import type { FacilityState } from '../core/service.js';
import { type Forecast, forecastFrom } from './model.js';

export type { Forecast };

/** The next three hours of a facility in half-hour steps, or undefined when its history is too short. */
export async function forecastFacility(
  deps: Deps,
  state: FacilityState,
  profile?: Profile,
): Promise<Forecast | undefined> {
  const m = deps.config.municipality;
  const p = profile ?? (await loadProfile(deps, state.facility.id));
  return forecastFrom(
    p,
    state.facility.capacity,
    { at: deps.now(), free: state.free },
    { timeZone: m.timeZone, calendar: holidayCalendarOf(m) },
  );
}
