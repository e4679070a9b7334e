import type { HolidayCalendar } from '../../../platform/holidays.js';
import type { DayType } from '../core/day-types.js';
import { slotAndType } from '../core/day-types.js';
import type { HistoryPoint } from '../core/history-queries.js';
import { buildProfile, occupancyOf, type Profile, slotStats } from '../core/profile.js';

// The forecast: the typical occupancy of the same day type at the same time (holidays and school holidays are day
// types of their own), corrected by how far today is off the typical day right now; that difference fades with a
// half-life of about 1.4 hours, so the next hour follows today and later hours the typical day.

export interface ForecastPoint {
  at: Date;
  free: number;
  /** The range the free spaces usually fell in on comparable days (about 80 %). */
  low: number;
  high: number;
}

export interface Forecast {
  points: ForecastPoint[];
  /** On how many comparable days the forecast rests (the fewest of its points), and their day type. */
  days: number;
  basis: DayType;
}

const decayHours = 2;
// ±1.28 standard deviations hold about 80 % of a normal spread.
const spreadZ = 1.28;

export interface Zone {
  timeZone: string;
  calendar: HolidayCalendar;
}

/** Expected free spaces at `target`, from the profile and the reading now (when there is one). */
export function predictFree(
  profile: Profile,
  capacity: number,
  now: { at: Date; free: number | null },
  target: Date,
  zone: Zone,
): (ForecastPoint & { days: number; basis: DayType }) | undefined {
  const at = slotAndType(target, zone.timeZone, zone.calendar);
  const stats = slotStats(profile, at.type, at.slot);
  if (!stats) return undefined;
  let anomaly = 0;
  if (now.free !== null && capacity > 0) {
    const n = slotAndType(now.at, zone.timeZone, zone.calendar);
    const current = slotStats(profile, n.type, n.slot);
    if (current) anomaly = occupancyOf({ free: now.free, capacity }) - current.mean;
  }
  const hours = (target.getTime() - now.at.getTime()) / 3_600_000;
  const occupancy = Math.min(1, Math.max(0, stats.mean + anomaly * Math.exp(-hours / decayHours)));
  const toFree = (o: number) => Math.round(capacity * (1 - Math.min(1, Math.max(0, o))));
  return {
    at: target,
    free: toFree(occupancy),
    low: toFree(occupancy + spreadZ * stats.sd),
    high: toFree(occupancy - spreadZ * stats.sd),
    days: stats.n,
    basis: stats.type,
  };
}

/** Forecast points every `stepMinutes` for the next `hours`; undefined when the history is too short. */
export function forecastFrom(
  profile: Profile,
  capacity: number,
  now: { at: Date; free: number | null },
  zone: Zone,
  options: { hours: number; stepMinutes: number } = { hours: 3, stepMinutes: 30 },
): Forecast | undefined {
  const step = options.stepMinutes * 60_000;
  const start = Math.ceil((now.at.getTime() + 1) / step) * step;
  const points: ForecastPoint[] = [];
  let days = Number.POSITIVE_INFINITY;
  let basis: DayType | undefined;
  for (let t = start; t <= now.at.getTime() + options.hours * 3_600_000; t += step) {
    const p = predictFree(profile, capacity, now, new Date(t), zone);
    if (!p) return undefined;
    points.push({ at: p.at, free: p.free, low: p.low, high: p.high });
    days = Math.min(days, p.days);
    basis ??= p.basis;
  }
  return basis && points.length > 0 ? { points, days, basis } : undefined;
}

export interface Evaluation {
  /** Mean absolute error in spaces of our forecast and of the naive "same as now". */
  mae: number;
  naiveMae: number;
  /** Forecasts compared. */
  n: number;
}

/**
 * Evaluates against held-back history: the profile is built from the points before `splitAt` only; from every
 * hour of the later points, each horizon is forecast and compared with what happened, beside "same as now".
 */
export function evaluateForecast(
  points: HistoryPoint[],
  splitAt: Date,
  zone: Zone,
  horizonsHours: number[] = [1, 2, 3],
): Evaluation {
  const training = points.filter((p) => p.bucket < splitAt);
  const held = points.filter((p) => p.bucket >= splitAt);
  const profile = buildProfile(training, zone.timeZone, zone.calendar);
  const byTime = new Map(held.map((p) => [p.bucket.getTime(), p]));
  let sum = 0;
  let naive = 0;
  let n = 0;
  for (const p of held) {
    if (p.bucket.getTime() % 3_600_000 !== 0) continue;
    for (const h of horizonsHours) {
      const actual = byTime.get(p.bucket.getTime() + h * 3_600_000);
      if (!actual) continue;
      const f = predictFree(profile, p.capacity, { at: p.bucket, free: p.free }, actual.bucket, zone);
      if (!f) continue;
      sum += Math.abs(f.free - actual.free);
      naive += Math.abs(p.free - actual.free);
      n++;
    }
  }
  return { mae: n ? sum / n : Number.NaN, naiveMae: n ? naive / n : Number.NaN, n };
}
