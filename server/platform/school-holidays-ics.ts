import ical from 'node-ical';
import type { SchoolHoliday } from './holidays.js';

// A state's school holidays come as the iCalendar file its ministry publishes (one all-day event per holiday, as
// schulministerium.nrw and the other states offer them): the municipality file names it, the config reads it once.

const isoDay = (d: Date) =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

/**
 * The all-day events of an iCalendar text as school holidays (DTEND is exclusive, RFC 5545 3.6.1), sorted; what
 * is not a well-formed all-day event is a problem (with its UID or summary), never silently skipped.
 */
export function parseSchoolHolidays(text: string): { holidays: SchoolHoliday[]; problems: string[] } {
  const problems: string[] = [];
  const holidays: SchoolHoliday[] = [];
  let parsed: ReturnType<typeof ical.sync.parseICS>;
  try {
    parsed = ical.sync.parseICS(text);
  } catch (err) {
    return { holidays, problems: [`not an iCalendar file (${(err as Error).message})`] };
  }
  for (const component of Object.values(parsed)) {
    if (component?.type !== 'VEVENT') continue;
    const name = String(component.summary ?? '').trim();
    const label = name || component.uid || 'an event';
    const start = component.start as (Date & { dateOnly?: boolean }) | undefined;
    const end = component.end as (Date & { dateOnly?: boolean }) | undefined;
    // node-ical gives an event without DTEND the RFC's default end (the next day), without the dateOnly mark.
    const midnight = (d: Date) => d.getHours() === 0 && d.getMinutes() === 0 && d.getSeconds() === 0;
    if (!start?.dateOnly || (end && !end.dateOnly && !midnight(end))) {
      problems.push(`${label}: not an all-day event (DTSTART;VALUE=DATE)`);
      continue;
    }
    // DTEND is exclusive: the holidays end the day before.
    const last = end ? new Date(end.getFullYear(), end.getMonth(), end.getDate() - 1) : start;
    if (last < start) {
      problems.push(`${label}: ends before it starts`);
      continue;
    }
    holidays.push({ from: isoDay(start), to: isoDay(last), name: name || 'Schulferien' });
  }
  if (holidays.length === 0 && problems.length === 0) problems.push('holds no all-day events');
  holidays.sort((a, b) => a.from.localeCompare(b.from));
  return { holidays, problems };
}
