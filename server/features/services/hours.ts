import type { OpeningRule } from '../waste/info/opening-hours.js';

// The office form's opening hours: one field per weekday ("08:00–12:00, 14:00–18:00"), stored as OpeningRules.

/** Weekdays in the order the form and the pages show them (Monday first; 0 = Sunday). */
export const weekdayOrder = [1, 2, 3, 4, 5, 6, 0] as const;

const interval = /^([01]?\d|2[0-3])[:.]([0-5]\d)\s*(?:-|–|bis|to)\s*([01]?\d|2[0-3])[:.]([0-5]\d)$/;
const pad = (h: string, m: string) => `${h.padStart(2, '0')}:${m}`;

/** The intervals of one weekday, as a field shows them. */
export function dayText(hours: OpeningRule[], day: number): string {
  return hours
    .filter((r) => r.weekdays.includes(day))
    .sort((a, b) => a.opens.localeCompare(b.opens))
    .map((r) => `${r.opens}–${r.closes}`)
    .join(', ');
}

/** Parses the seven weekday fields into rules (days with the same interval share one); errors per field. */
export function parseDayTexts(texts: Record<number, string>): { hours: OpeningRule[]; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const byInterval = new Map<string, number[]>();
  for (const day of weekdayOrder) {
    const parts = (texts[day] ?? '')
      .split(/[,;]/)
      .map((p) => p.trim())
      .filter(Boolean);
    for (const part of parts) {
      const m = interval.exec(part);
      const opens = m && pad(m[1] as string, m[2] as string);
      const closes = m && pad(m[3] as string, m[4] as string);
      if (!opens || !closes || opens >= closes) {
        errors[`hours_${day}`] = 'services.errors.hoursInvalid';
        break;
      }
      const key = `${opens}-${closes}`;
      byInterval.set(key, [...(byInterval.get(key) ?? []), day]);
    }
  }
  const hours = [...byInterval.entries()].map(([key, weekdays]) => {
    const [opens = '', closes = ''] = key.split('-');
    return { weekdays: weekdays.sort((a, b) => a - b), opens, closes };
  });
  return { hours, errors };
}
