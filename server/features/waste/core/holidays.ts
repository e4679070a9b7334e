import { isPublicHoliday } from '../../../platform/holidays.js';
import { addDays, weekdayOf } from './dates.js';

// Holiday shifts of collection dates (Bielefeld practice): a public holiday moves the collection of that day and
// of the rest of that week one working day on, and Saturday absorbs the last one. When the week has no free day
// left after the holiday (Christmas on Friday and Saturday), the collections that do not fit are collected
// earlier: on the last free day before the first holiday ("Vorholtag").

/** Monday of the week of a calendar day. */
export function mondayOf(day: string): string {
  return addDays(day, -((weekdayOf(day) + 6) % 7));
}

/**
 * Where the regular collections Monday–Friday of the week starting `monday` take place: offsets 0–4 map to
 * offsets −2 … 5 (negative: the Saturday before). The identity when the week has no holiday on a weekday.
 */
export function shiftedWeek(monday: string, region: string): number[] {
  const holiday = (offset: number) => isPublicHoliday(addDays(monday, offset), region);
  const map = [0, 1, 2, 3, 4];
  const first = map.find((o) => holiday(o));
  if (first === undefined) return map;
  const moving = map.filter((o) => o >= first);
  const free = [first + 1, first + 2, first + 3, first + 4, first + 5].filter((o) => o <= 5 && !holiday(o));
  const shortfall = Math.max(0, moving.length - free.length);
  // The last free day before the first holiday: the day before it (no earlier weekday is a holiday), or the
  // Saturday before when Monday is one.
  const earlier = first > 0 ? first - 1 : -2;
  for (const [i, o] of moving.entries()) {
    map[o] = i < shortfall ? earlier : (free[i - shortfall] as number);
  }
  return map;
}

/** The day a collection regularly due on `day` (Monday–Friday) takes place. */
export function shiftedDay(day: string, region: string): string {
  const monday = mondayOf(day);
  const offset = (weekdayOf(day) + 6) % 7;
  if (offset > 4) return day;
  return addDays(monday, shiftedWeek(monday, region)[offset] as number);
}
