import { isPublicHoliday } from '../../../platform/holidays.js';
import { localParts, zonedTime } from '../../../platform/time.js';

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** True for Monday to Friday that is no public holiday in the region; `day` is a UTC midnight date. */
export function isWorkingDay(day: Date, region: string): boolean {
  const weekday = day.getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  return !isPublicHoliday(isoDay(day), region);
}

const dayMs = 24 * 60 * 60 * 1000;

/**
 * The instant `days` working days after `start` at the same wall-clock time (in timeZone): weekends and the
 * region's public holidays (feiertagejs, e.g. 'NW') do not count. Friday 15:00 + 1 → Monday 15:00; a start on a
 * Saturday + 1 → Monday. Days ≤ 0 return start unchanged.
 */
export function addWorkingDays(start: Date, days: number, region: string, timeZone: string): Date {
  if (days <= 0) return new Date(start.getTime());
  const p = localParts(start, timeZone);
  let day = new Date(Date.UTC(p.year, p.month - 1, p.day));
  let left = days;
  while (left > 0) {
    day = new Date(day.getTime() + dayMs);
    if (isWorkingDay(day, region)) left--;
  }
  const target = { ...p, year: day.getUTCFullYear(), month: day.getUTCMonth() + 1, day: day.getUTCDate() };
  return zonedTime({ ...target, ms: start.getUTCMilliseconds() }, timeZone);
}

/**
 * Working days from a's local date (exclusive) to b's local date (inclusive); negative when b lies before a,
 * 0 on the same day. E.g. Friday → next Monday = 1; overdue by n working days = workingDaysBetween(due, now).
 */
export function workingDaysBetween(a: Date, b: Date, region: string, timeZone: string): number {
  const pa = localParts(a, timeZone);
  const pb = localParts(b, timeZone);
  const da = Date.UTC(pa.year, pa.month - 1, pa.day);
  const db = Date.UTC(pb.year, pb.month - 1, pb.day);
  if (da === db) return 0;
  const [from, to, sign] = da < db ? [da, db, 1] : [db, da, -1];
  let count = 0;
  for (let t = from + dayMs; t <= to; t += dayMs) if (isWorkingDay(new Date(t), region)) count++;
  return sign * count;
}
