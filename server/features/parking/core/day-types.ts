import { type HolidayCalendar, isPublicHoliday, isSchoolHoliday } from '../../../platform/holidays.js';
import { localDateString, localParts, zoneOffsetMinutes } from '../../../platform/time.js';

// Day types of the history profiles and the forecast: each weekday on its own, public holidays as one type (they
// look like Sundays, but shops may open), school-holiday weekdays as one type (less commuter and school traffic).

export const dayTypes = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun', 'holiday', 'school'] as const;
export type DayType = (typeof dayTypes)[number];

const weekdayTypes: DayType[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** The day type of an instant in the municipality's time zone and holiday calendar. */
export function dayTypeOf(at: Date, timeZone: string, calendar: HolidayCalendar): DayType {
  const day = localDateString(at, timeZone);
  if (isPublicHoliday(day, calendar.region)) return 'holiday';
  const weekday = localParts(at, timeZone).weekday;
  if (weekday >= 1 && weekday <= 5 && isSchoolHoliday(day, calendar)) return 'school';
  return weekdayTypes[weekday]!;
}

/** Slots of a day: 288 five-minute slots, by local wall-clock time. */
export const slotsPerDay = 288;

/** The 5-minute slot (0–287) of an instant's local time of day. */
export function slotOf(at: Date, timeZone: string): number {
  const p = localParts(at, timeZone);
  return p.hour * 12 + Math.floor(p.minute / 5);
}

/** The same as slotOf and dayTypeOf together, cached per hour (for many buckets). */
export function slotAndType(at: Date, timeZone: string, calendar: HolidayCalendar): { slot: number; type: DayType } {
  const c = localClock(at, timeZone, calendar);
  return { slot: Math.floor(c.minuteOfDay / 5), type: c.type };
}

interface HourInfo {
  type: DayType;
  day: string;
  /** Milliseconds to add to an instant of this hour for its wall-clock time (as UTC fields). */
  offsetMs: number;
}

// Time zones change their offset only on whole hours: one lookup per hour serves every 5-minute bucket in it
// (profiles read tens of thousands of buckets; TZDate per bucket cost seconds).
const hoursByCalendar = new WeakMap<HolidayCalendar, Map<string, HourInfo>>();

function hourInfo(at: Date, timeZone: string, calendar: HolidayCalendar): HourInfo {
  const hour = Math.floor(at.getTime() / 3_600_000);
  const key = `${timeZone}|${hour}`;
  let hours = hoursByCalendar.get(calendar);
  if (!hours) {
    hours = new Map();
    hoursByCalendar.set(calendar, hours);
  }
  let info = hours.get(key);
  if (!info) {
    if (hours.size > 50_000) hours.clear();
    const start = new Date(hour * 3_600_000);
    info = {
      type: dayTypeOf(start, timeZone, calendar),
      day: localDateString(start, timeZone),
      offsetMs: zoneOffsetMinutes(start, timeZone) * 60_000,
    };
    hours.set(key, info);
  }
  return info;
}

/** Day type, local day and minute of the day of an instant, cached per hour. */
export function localClock(at: Date, timeZone: string, calendar: HolidayCalendar) {
  const info = hourInfo(at, timeZone, calendar);
  const local = new Date(at.getTime() + info.offsetMs);
  return { type: info.type, day: info.day, minuteOfDay: local.getUTCHours() * 60 + local.getUTCMinutes() };
}
