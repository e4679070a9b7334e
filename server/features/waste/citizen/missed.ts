import { getHolidays } from 'feiertagejs';
import { zonedTime } from '../../../platform/time.js';
import { addDays, weekdayOf } from '../core/dates.js';

// "Tonne nicht geleert": a missed collection can be reported from 16:00 on the collection day until the end of the
// second working day after it (Bielefeld's rule). Working days: Monday to Friday without the region's holidays.

/** Local hour from which a collection day's bins count as missed (the crews are done by then). */
export const missedFromHour = 16;
const workingDaysAfter = 2;

type Region = Parameters<typeof getHolidays>[1];

function isWorkingDay(day: string, region: string): boolean {
  const weekday = weekdayOf(day);
  if (weekday === 0 || weekday === 6) return false;
  return !getHolidays(Number(day.slice(0, 4)), region as Region).some((h) => h.dateString === day);
}

/** The last day a missed collection of `date` can be reported: two working days later. */
export function lastMissedReportDay(date: string, region: string): string {
  let day = date;
  for (let left = workingDaysAfter; left > 0; ) {
    day = addDays(day, 1);
    if (isWorkingDay(day, region)) left--;
  }
  return day;
}

/** When reporting a missed collection of `date` is offered: [opens, closes) as instants. */
export function missedWindow(date: string, timeZone: string, region: string): { opens: Date; closes: Date } {
  const local = (day: string, hour = 0) => {
    const [year, month, d] = day.split('-').map(Number) as [number, number, number];
    return zonedTime({ year, month, day: d, hour }, timeZone);
  };
  return { opens: local(date, missedFromHour), closes: local(addDays(lastMissedReportDay(date, region), 1)) };
}

/** True when a missed collection of `date` may be reported at `now`. */
export function canReportMissed(date: string, now: Date, timeZone: string, region: string): boolean {
  const w = missedWindow(date, timeZone, region);
  return now >= w.opens && now < w.closes;
}

/** How far back a collection can still be open for reports: two working days plus weekend and holidays. */
export const missedLookbackDays = 7;

/** The Mängelmelder's answer key of question `tonne` for a bin type key (category `abfuhr-vergessen`). */
export const reportBinAnswer: Record<string, string> = {
  restabfall: 'restmuell',
  bioabfall: 'bio',
  papier: 'papier',
  wertstoff: 'gelber-sack',
};
