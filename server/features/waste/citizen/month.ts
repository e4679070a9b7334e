import { addDays, weekdayOf } from '../core/dates.js';

// The month view as data: weeks from Monday to Sunday, days outside the month empty.

const monthPattern = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** 'YYYY-MM' when the text is a month between 2000 and 2099, else undefined. */
export function parseMonth(s: string | undefined): string | undefined {
  const m = s ? monthPattern.exec(s) : null;
  return m && Number(m[1]) >= 2000 && Number(m[1]) <= 2099 ? s : undefined;
}

/** The month before or after ('YYYY-MM'), `delta` months away. */
export function shiftMonth(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + delta;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** First and last day of a month. */
export function monthRange(month: string): { from: string; to: string } {
  const from = `${month}-01`;
  return { from, to: addDays(`${shiftMonth(month, 1)}-01`, -1) };
}

/** The month's weeks, Monday first; each cell a day of the month or null. */
export function monthWeeks(month: string): Array<Array<string | null>> {
  const { from, to } = monthRange(month);
  const weeks: Array<Array<string | null>> = [];
  let week: Array<string | null> = Array.from({ length: (weekdayOf(from) + 6) % 7 }, () => null);
  for (let day = from; day <= to; day = addDays(day, 1)) {
    week.push(day);
    if (week.length === 7) {
      weeks.push(week);
      week = [];
    }
  }
  if (week.length > 0) weeks.push([...week, ...Array.from({ length: 7 - week.length }, () => null)]);
  return weeks;
}
