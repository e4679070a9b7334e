import { getHolidays } from 'feiertagejs';

// Public holidays of a German state (feiertagejs): working-day targets of reports, holiday shifts of waste
// collections.

type Region = Parameters<typeof getHolidays>[1];

const cache = new Map<string, Set<string>>();

/** Public holidays of a German state ('NW') in a year as 'YYYY-MM-DD' strings (cached). */
export function publicHolidays(year: number, region: string): Set<string> {
  const key = `${region}:${year}`;
  let set = cache.get(key);
  if (!set) {
    set = new Set(getHolidays(year, region as Region).map((h) => h.dateString));
    cache.set(key, set);
  }
  return set;
}

/** True when a calendar day ('YYYY-MM-DD') is a public holiday in the state. */
export function isPublicHoliday(day: string, region: string): boolean {
  return publicHolidays(Number(day.slice(0, 4)), region).has(day);
}

/** A state's school holidays: first and last day ('YYYY-MM-DD'), inclusive. */
export interface SchoolHoliday {
  from: string;
  to: string;
  name: string;
}

/** What makes a day special in a municipality: the state's public holidays and its school holidays. */
export interface HolidayCalendar {
  region: string;
  schoolHolidays: readonly SchoolHoliday[];
}

/** True when a calendar day ('YYYY-MM-DD') lies in the calendar's school holidays. */
export function isSchoolHoliday(day: string, calendar: HolidayCalendar): boolean {
  return calendar.schoolHolidays.some((h) => day >= h.from && day <= h.to);
}

type CalendarSource = { holidayRegion: string; schoolHolidays?: SchoolHoliday[] | undefined };
const calendars = new WeakMap<CalendarSource, HolidayCalendar>();

/** The holiday calendar of a configured municipality (one object per municipality, so callers can cache by it). */
export function holidayCalendarOf(m: CalendarSource): HolidayCalendar {
  let calendar = calendars.get(m);
  if (!calendar) {
    calendar = { region: m.holidayRegion, schoolHolidays: m.schoolHolidays ?? [] };
    calendars.set(m, calendar);
  }
  return calendar;
}
