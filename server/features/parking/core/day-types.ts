import { isPublicHoliday } from '../../../platform/holidays.js';
import { localDateString, localParts } from '../../../platform/time.js';
import { isSchoolHoliday } from './school-holidays.js';

// Day types of the history profiles and the forecast: each weekday on its own, public holidays as one type (they
// look like Sundays, but shops may open), school-holiday weekdays as one type (less commuter and school traffic).

export const dayTypes = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun', 'holiday', 'school'] as const;
export type DayType = (typeof dayTypes)[number];

const weekdayTypes: DayType[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** The day type of an instant in the municipality's time zone and holiday region. */
export function dayTypeOf(at: Date, timeZone: string, region: string): DayType {
  const day = localDateString(at, timeZone);
  if (isPublicHoliday(day, region)) return 'holiday';
  const weekday = localParts(at, timeZone).weekday;
  if (weekday >= 1 && weekday <= 5 && isSchoolHoliday(day, region)) return 'school';
  return weekdayTypes[weekday]!;
}

/** Slots of a day: 288 five-minute slots, by local wall-clock time. */
export const slotsPerDay = 288;

/** The 5-minute slot (0–287) of an instant's local time of day. */
export function slotOf(at: Date, timeZone: string): number {
  const p = localParts(at, timeZone);
  return p.hour * 12 + Math.floor(p.minute / 5);
}
