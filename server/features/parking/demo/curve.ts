import type { HolidayCalendar } from '../../../platform/holidays.js';
import type { DayType } from '../core/day-types.js';
import { localClock } from '../core/day-types.js';
import type { DemoProfile } from './facilities.js';

// The simulated feed's daily curves (demo mode only, and the bench's synthetic history): occupancy by day type
// and time of day per profile, a per-day deviation (weather, events) that lasts the whole day, and a little noise
// per 5 minutes. Deterministic: the same facility and time give the same value.

const bell = (h: number, centre: number, width: number) => Math.exp(-(((h - centre) / width) ** 2) / 2);

function baseOccupancy(profile: DemoProfile, type: DayType, h: number): number {
  const weekday = !['sat', 'sun', 'holiday'].includes(type);
  const school = type === 'school' ? 0.88 : 1;
  switch (profile) {
    case 'shopping':
      if (type === 'sat') return 0.12 + 0.82 * bell(h, 13.5, 2.6);
      if (!weekday) return 0.06 + 0.22 * bell(h, 15, 2.5);
      return (0.1 + 0.68 * bell(h, 13.5, 3.2) + (type === 'fri' ? 0.08 * bell(h, 16, 2) : 0)) * school;
    case 'commuter':
      if (!weekday) return 0.08 + (type === 'sat' ? 0.3 * bell(h, 12, 3) : 0.08);
      return (0.08 + 0.8 * Math.min(1, bell(h, 12, 3.6) * 1.5)) * school;
    default:
      return 0.1 + 0.25 * bell(h, 12, 3) + (type === 'fri' || type === 'sat' ? 0.55 : 0.3) * bell(h, 20, 1.6);
  }
}

/** A number in [0, 1) from a string (FNV-1a): the simulation's deterministic randomness. */
function unit(key: string): number {
  let x = 2166136261;
  for (let i = 0; i < key.length; i++) x = Math.imul(x ^ key.charCodeAt(i), 16777619);
  return ((x >>> 0) % 100_000) / 100_000;
}

export interface SimulatedReading {
  free: number;
  status: 'open' | 'full' | 'closed';
}

/** The simulated state of a facility at an instant. */
export function simulate(
  f: { ref: string; capacity: number; profile: DemoProfile },
  at: Date,
  zone: { timeZone: string; calendar: HolidayCalendar },
): SimulatedReading {
  const clock = localClock(at, zone.timeZone, zone.calendar);
  const h = clock.minuteOfDay / 60;
  // Shopping garages close at night (1–6 o'clock).
  if (f.profile === 'shopping' && h >= 1 && h < 6) return { free: f.capacity, status: 'closed' };
  const { day, type } = clock;
  const dayShift = (unit(`${f.ref}:${day}`) - 0.5) * 0.3;
  const noise = (unit(`${f.ref}:${at.getTime()}`) - 0.5) * 0.05;
  const base = baseOccupancy(f.profile, type, h);
  const occupancy = Math.min(1, Math.max(0, base * (1 + dayShift) + noise));
  const free = Math.round(f.capacity * (1 - occupancy));
  return { free, status: free === 0 ? 'full' : 'open' };
}
