import type { I18n } from '../../../../platform/i18n.js';
import { daysBetween } from '../../core/dates.js';

const formats = new Map<string, Intl.DateTimeFormat>();

/** A calendar day 'YYYY-MM-DD' in words ("Montag, 7. Dezember 2026"); no time zone is involved. */
export function formatDay(i18n: I18n, day: string, style: 'long' | 'short' | 'month' | 'weekday' = 'long'): string {
  const key = `${i18n.lang}:${style}`;
  let f = formats.get(key);
  if (!f) {
    const options: Record<typeof style, Intl.DateTimeFormatOptions> = {
      long: { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' },
      short: { weekday: 'short', day: '2-digit', month: '2-digit' },
      month: { month: 'long', year: 'numeric' },
      weekday: { weekday: 'short' },
    };
    f = new Intl.DateTimeFormat(i18n.lang === 'de' ? 'de-DE' : 'en-GB', { ...options[style], timeZone: 'UTC' });
    formats.set(key, f);
  }
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return f.format(Date.UTC(y, m - 1, d ?? 1));
}

/** "heute", "morgen" or "in 5 Tagen" for a coming day. */
export function relativeDay(i18n: I18n, today: string, day: string): string {
  const n = daysBetween(today, day);
  if (n === 0) return i18n.t('waste-citizen.address.today');
  if (n === 1) return i18n.t('waste-citizen.address.tomorrow');
  return i18n.t('waste-citizen.address.inDays', { count: n });
}
