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
