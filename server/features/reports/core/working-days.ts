import { getHolidays } from 'feiertagejs';

type Region = Parameters<typeof getHolidays>[1];

const holidayCache = new Map<string, Set<string>>();

/** Public holidays of a German state ('NW') in a year as 'YYYY-MM-DD' strings (cached). */
function holidays(year: number, region: string): Set<string> {
  const key = `${region}:${year}`;
  let set = holidayCache.get(key);
  if (!set) {
    set = new Set(getHolidays(year, region as Region).map((h) => h.dateString));
    holidayCache.set(key, set);
  }
  return set;
}

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const partFormats = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock date and time of an instant in a time zone. */
function localParts(at: Date, timeZone: string): LocalParts {
  let f = partFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    partFormats.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(at).map((x) => [x.type, Number(x.value)]));
  return {
    year: p.year ?? 0,
    month: p.month ?? 1,
    day: p.day ?? 1,
    hour: p.hour ?? 0,
    minute: p.minute ?? 0,
    second: p.second ?? 0,
  };
}

/** The instant at which the wall clock in timeZone shows the given parts (the later one in a repeated hour). */
function fromLocal(p: LocalParts, ms: number, timeZone: string): Date {
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second, ms);
  let guess = wall;
  // Two rounds settle the offset also across a DST change.
  for (let i = 0; i < 2; i++) {
    const seen = localParts(new Date(guess), timeZone);
    const shown = Date.UTC(seen.year, seen.month - 1, seen.day, seen.hour, seen.minute, seen.second, ms);
    guess += wall - shown;
  }
  return new Date(guess);
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** True for Monday to Friday that is no public holiday in the region; `day` is a UTC midnight date. */
export function isWorkingDay(day: Date, region: string): boolean {
  const weekday = day.getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  return !holidays(day.getUTCFullYear(), region).has(isoDay(day));
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
  return fromLocal(target, start.getUTCMilliseconds(), timeZone);
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

/** The local calendar day of an instant, 'YYYY-MM-DD'. */
export function localDay(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}
