import icalGenerator from 'ical-generator';
import type { ImportSource } from './plan.js';

// Import files for the waste import tests: CSV lines and iCalendar files made by an independent library.

/** A dates CSV (`;`, ISO) from rows [season, bin, route, date, shifted_from?, note?]. */
export function datesCsv(rows: string[][], delimiter = ';'): string {
  const header = ['season', 'bin_type', 'route', 'date', 'shifted_from', 'note'].join(delimiter);
  return `${header}\n${rows.map((r) => r.join(delimiter)).join('\n')}\n`;
}

/** Dates every `step` days from `first` (count of them), ISO. */
export function everyDays(first: string, step: number, count: number): string[] {
  const start = Date.parse(`${first}T00:00:00Z`);
  return Array.from({ length: count }, (_, i) => new Date(start + i * step * 86_400_000).toISOString().slice(0, 10));
}

/** An iCalendar file with all-day events (summary, day), as a city's export would have them. */
export function icalFile(events: { summary: string; day: string }[]): string {
  const cal = icalGenerator({ name: 'Abfuhrtermine', prodId: '//Stadt//Abfallkalender//DE' });
  for (const [i, e] of events.entries()) {
    const [y, m, d] = e.day.split('-').map(Number) as [number, number, number];
    const start = new Date(Date.UTC(y, m - 1, d));
    cal.createEvent({ id: `e${i}@stadt.example`, start, allDay: true, summary: e.summary });
  }
  return cal.toString();
}

/** A CSV file as an import source. */
export const csvSource = (text: string, fileName = 'termine.csv'): ImportSource => ({
  format: 'csv',
  fileName,
  content: Buffer.from(text),
});
