import type { HolidayCalendar } from '../../../platform/holidays.js';
import { type DayType, dayTypeOf, slotAndType, slotOf, slotsPerDay } from './day-types.js';
import type { HistoryPoint } from './history-queries.js';

// The aggregate of a facility's history by day type and 5-minute slot of the day: mean occupancy (0–1), its
// spread, and on how many days it rests. Pure: the history, the typical day and the forecast build on it.

export interface SlotStats {
  /** Buckets that fell into the slot (about one per day of the type). */
  n: number;
  mean: number;
  sd: number;
}

export type Profile = Map<DayType, SlotStats[]>;

/** Occupancy of a bucket: the share of spaces taken (closed counts as empty, not full). */
export const occupancyOf = (p: Pick<HistoryPoint, 'free' | 'capacity'>) =>
  p.capacity > 0 ? Math.min(1, Math.max(0, 1 - p.free / p.capacity)) : 0;

/** Mean and spread per day type and slot; the slots beside one count too (a 15-minute window), which smooths it. */
export function buildProfile(points: HistoryPoint[], timeZone: string, calendar: HolidayCalendar): Profile {
  const sums = new Map<DayType, { n: number[]; s: number[]; q: number[] }>();
  for (const p of points) {
    const { slot, type } = slotAndType(p.bucket, timeZone, calendar);
    let acc = sums.get(type);
    if (!acc) {
      acc = { n: new Array(slotsPerDay).fill(0), s: new Array(slotsPerDay).fill(0), q: new Array(slotsPerDay).fill(0) };
      sums.set(type, acc);
    }
    if (p.status === 'closed') continue;
    const o = occupancyOf(p);
    for (const d of [-1, 0, 1]) {
      const i = (slot + d + slotsPerDay) % slotsPerDay;
      acc.n[i]! += 1;
      acc.s[i]! += o;
      acc.q[i]! += o * o;
    }
  }
  const profile: Profile = new Map();
  for (const [type, acc] of sums) {
    profile.set(
      type,
      acc.n.map((n, i) => {
        const mean = n > 0 ? acc.s[i]! / n : 0;
        return { n: Math.round(n / 3), mean, sd: n > 1 ? Math.sqrt(Math.max(0, acc.q[i]! / n - mean * mean)) : 0 };
      }),
    );
  }
  return profile;
}

// Where a day type has too little history, the closest one stands in (a holiday is most like a Sunday).
const fallbacks: Record<DayType, DayType[]> = {
  mon: ['tue', 'wed', 'thu'],
  tue: ['wed', 'thu', 'mon'],
  wed: ['tue', 'thu', 'mon'],
  thu: ['wed', 'tue', 'fri'],
  fri: ['thu', 'wed'],
  sat: ['fri'],
  sun: ['holiday', 'sat'],
  holiday: ['sun'],
  school: ['wed', 'tue', 'thu'],
};

/** Enough days of one type at a slot for its mean to say something. */
export const minDays = 2;

/** The statistics for a day type and slot, or those of its closest type with enough days; undefined without. */
export function slotStats(profile: Profile, type: DayType, slot: number): (SlotStats & { type: DayType }) | undefined {
  for (const t of [type, ...fallbacks[type]]) {
    const s = profile.get(t)?.[slot];
    if (s && s.n >= minDays) return { ...s, type: t };
  }
  return undefined;
}

export { dayTypeOf, slotOf };

/** Weeks of history a profile is built from (recent enough to follow changes, long enough for holidays). */
export const profileWeeks = 8;
