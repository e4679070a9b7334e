import type { Deps } from '../../../platform/deps.js';
import { holidayCalendarOf } from '../../../platform/holidays.js';
import { localDateString, startOfLocalDay } from '../../../platform/time.js';
import { slotsPerDay } from '../core/day-types.js';
import { countHistoryBefore, deleteHistoryBefore, selectHistory } from '../core/history-queries.js';
import { dayTypeOf, type Profile, slotStats } from '../core/profile.js';

/** One point of a day's curve: free spaces at a local time ("HH:MM"). */
export interface CurvePoint {
  time: string;
  free: number;
}

export interface DayCurves {
  /** Today's buckets so far, hourly (the last bucket of each hour). */
  today: CurvePoint[];
  /** The typical day of today's day type, hourly; empty when the history is too short. */
  typical: CurvePoint[];
}

const hhmm = (slot: number) =>
  `${String(Math.floor(slot / 12)).padStart(2, '0')}:${String((slot % 12) * 5).padStart(2, '0')}`;

/** Today so far and a typical day of the same type, hourly, in free spaces. */
export async function dayCurves(deps: Deps, facility: { id: number; capacity: number }, profile: Profile) {
  const m = deps.config.municipality;
  const now = deps.now();
  const start = startOfLocalDay(localDateString(now, m.timeZone), m.timeZone);
  const points = await selectHistory(deps.db, facility.id, start, now);
  const hourly = new Map<number, number>();
  for (const p of points) hourly.set(Math.floor((p.bucket.getTime() - start.getTime()) / 3_600_000), p.free);
  const today = [...hourly].map(([h, free]) => ({ time: hhmm(h * 12), free }));
  const type = dayTypeOf(now, m.timeZone, holidayCalendarOf(m));
  const typical: CurvePoint[] = [];
  for (let slot = 0; slot < slotsPerDay; slot += 12) {
    const s = slotStats(profile, type, slot);
    if (!s) return { today, typical: [] } satisfies DayCurves;
    typical.push({ time: hhmm(slot), free: Math.round(facility.capacity * (1 - s.mean)) });
  }
  return { today, typical } satisfies DayCurves;
}

// Bounded batches keep each transaction short while feeds keep writing.
const purgeBatch = 5000;

/** Deletes history older than PARKING_HISTORY_DAYS in bounded batches; dry run: counts only. */
export async function purgeHistory(
  deps: Deps,
  options: { dryRun: boolean },
): Promise<{ due: number; deleted: number }> {
  const m = deps.config.municipality.id;
  const cutoff = new Date(deps.now().getTime() - deps.config.parking.historyDays * 86_400_000);
  const due = await countHistoryBefore(deps.db, m, cutoff);
  if (options.dryRun) return { due, deleted: 0 };
  let deleted = 0;
  for (;;) {
    const n = await deps.db.transaction((tx) => deleteHistoryBefore(tx, m, cutoff, purgeBatch));
    deleted += n;
    if (n < purgeBatch) break;
  }
  return { due, deleted };
}
