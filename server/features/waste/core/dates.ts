// Calendar-day arithmetic on 'YYYY-MM-DD' strings. A collection date is a local calendar day with no time of day,
// so no time zone is involved here; "today" in the municipality's zone comes from platform/time (`today()` below).
import { localDateString } from '../../../platform/time.js';

const dayMs = 86_400_000;
const isoPattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a calendar day. */
export function dayNumber(day: string): number {
  const m = isoPattern.exec(day);
  if (!m) throw new Error(`not a calendar day: ${day}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / dayMs;
}

/** The calendar day of a day number. */
export function dayString(n: number): string {
  return new Date(n * dayMs).toISOString().slice(0, 10);
}

/** The calendar day `n` days after (or before) `day`. */
export function addDays(day: string, n: number): string {
  return dayString(dayNumber(day) + n);
}

/** Weekday of a calendar day: 0 Sunday … 6 Saturday. */
export function weekdayOf(day: string): number {
  return (dayNumber(day) + 4) % 7;
}

/** Whole days from `a` to `b` (negative when b is earlier). */
export function daysBetween(a: string, b: string): number {
  return dayNumber(b) - dayNumber(a);
}

/** The municipality's calendar day at an instant. */
export function today(now: Date, timeZone: string): string {
  return localDateString(now, timeZone);
}
