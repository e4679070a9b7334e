import { getHolidays } from 'feiertagejs';
import { localDateString, localParts } from '../../../platform/time.js';

/** Opening hours of one rule: the weekdays (0 = Sunday … 6 = Saturday) and local times "HH:MM". */
export interface OpeningRule {
  weekdays: number[];
  opens: string;
  closes: string;
}

type Region = Parameters<typeof getHolidays>[1];

function isHoliday(day: string, region: string): boolean {
  const year = Number(day.slice(0, 4));
  return getHolidays(year, region as Region).some((h) => h.dateString === day);
}

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * Whether a place with these hours is open at an instant, on the wall clock of the time zone: opening time
 * inclusive, closing time exclusive; closed on the region's public holidays.
 */
export function isOpenAt(hours: OpeningRule[], at: Date, timeZone: string, region: string): boolean {
  const p = localParts(at, timeZone);
  if (isHoliday(localDateString(at, timeZone), region)) return false;
  const now = p.hour * 60 + p.minute;
  return hours.some((r) => r.weekdays.includes(p.weekday) && now >= minutes(r.opens) && now < minutes(r.closes));
}

/** Rules grouped for display: consecutive weekdays as ranges, e.g. [[1,5],"08:00","17:00"]. */
export function weekdayRanges(rule: OpeningRule): Array<[number, number]> {
  const days = [...rule.weekdays].sort((a, b) => a - b);
  const out: Array<[number, number]> = [];
  for (const d of days) {
    const last = out[out.length - 1];
    if (last && last[1] === d - 1) last[1] = d;
    else out.push([d, d]);
  }
  return out;
}
