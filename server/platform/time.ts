import { TZDate, tzOffset } from '@date-fns/tz';

// The one home of wall-clock arithmetic in the municipality's time zone (Europe/Berlin for Bielefeld), on
// @date-fns/tz. Daylight saving time: a local time in the skipped spring hour moves forward by the gap
// (02:30 → 03:30); one in the repeated autumn hour is its later occurrence, unless a caller asks for both.

/** Wall-clock parts of an instant in a time zone; month 1–12, weekday 0 (Sunday) – 6. */
export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
}

/** The wall-clock date and time of an instant in a time zone. */
export function localParts(at: Date | number, timeZone: string): LocalParts {
  const z = new TZDate(+at, timeZone);
  return {
    year: z.getFullYear(),
    month: z.getMonth() + 1,
    day: z.getDate(),
    hour: z.getHours(),
    minute: z.getMinutes(),
    second: z.getSeconds(),
    weekday: z.getDay(),
  };
}

/** The zone's offset from UTC at an instant in minutes (Europe/Berlin: 60 in winter, 120 in summer). */
export function zoneOffsetMinutes(at: Date | number, timeZone: string): number {
  return tzOffset(timeZone, new Date(+at));
}

/** A local date and time; month 1–12; the time parts default to 0. */
export interface LocalTime {
  year: number;
  month: number;
  day: number;
  hour?: number;
  minute?: number;
  second?: number;
  ms?: number;
}

/** The instant the wall clock in the time zone shows the local time (see the DST rule above). */
export function zonedTime(t: LocalTime, timeZone: string): Date {
  const z = new TZDate(t.year, t.month - 1, t.day, t.hour ?? 0, t.minute ?? 0, t.second ?? 0, t.ms ?? 0, timeZone);
  return new Date(+z);
}

/**
 * Every instant a local time stands for: one, or two in the repeated autumn hour (earlier first); in the skipped
 * spring hour the one moved forward by the gap.
 */
export function zonedTimes(t: LocalTime, timeZone: string): Date[] {
  const later = zonedTime(t, timeZone);
  const hourBefore = new Date(later.getTime() - 3_600_000);
  const p = localParts(hourBefore, timeZone);
  const same = p.hour === (t.hour ?? 0) && p.minute === (t.minute ?? 0) && p.day === t.day;
  return same ? [hourBefore, later] : [later];
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The local calendar day of an instant, 'YYYY-MM-DD'. */
export function localDateString(at: Date | number, timeZone: string): string {
  const p = localParts(at, timeZone);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

/** The instant a local calendar day ('YYYY-MM-DD') begins. */
export function startOfLocalDay(day: string, timeZone: string): Date {
  const [year, month, date] = day.split('-').map(Number);
  return zonedTime({ year: year ?? 1970, month: month ?? 1, day: date ?? 1 }, timeZone);
}

/** The same wall-clock time `days` calendar days later (or earlier), whatever the DST changes in between. */
export function addLocalDays(at: Date, days: number, timeZone: string): Date {
  const p = localParts(at, timeZone);
  return zonedTime({ ...p, day: p.day + days, ms: at.getUTCMilliseconds() }, timeZone);
}
