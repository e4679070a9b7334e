import type { Language } from '../../../platform/i18n.js';
import type { Reminder } from './reminder.js';

// The URLs of an address's calendar: the page (with month and filter), the iCal feed and the PDF.

export const addressPath = (id: number) => `/abfall/adresse/${id}`;

export interface CalendarLinkOptions {
  binKeys: string[];
  reminder?: Reminder | undefined;
  month?: string | undefined;
  season?: string | undefined;
  /** Set when not the default language, so a calendar app (no cookies) gets the names in it. */
  lang?: Language | undefined;
}

function query(pairs: Array<[string, string | undefined]>): string {
  const q = new URLSearchParams();
  for (const [k, v] of pairs) if (v) q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}

const arten = (keys: string[]) => (keys.length > 0 ? keys.join(',') : undefined);

/** The address page for a month and bin filter. */
export function pageHref(id: number, o: CalendarLinkOptions): string {
  return `${addressPath(id)}${query([
    ['monat', o.month],
    ['arten', arten(o.binKeys)],
  ])}`;
}

/** The iCal feed path (relative). */
export function feedPath(id: number, o: CalendarLinkOptions): string {
  return `${addressPath(id)}/kalender.ics${query([
    ['arten', arten(o.binKeys)],
    ['erinnerung', o.reminder],
    ['lang', o.lang],
  ])}`;
}

/** The PDF path (relative). */
export function pdfPath(id: number, o: CalendarLinkOptions): string {
  return `${addressPath(id)}/kalender.pdf${query([
    ['saison', o.season],
    ['arten', arten(o.binKeys)],
    ['lang', o.lang],
  ])}`;
}

/** The bin keys of an `arten` parameter ("restabfall,papier"; also repeated parameters). */
export function parseBinKeys(v: string | string[] | undefined): string[] {
  const list = v === undefined ? [] : Array.isArray(v) ? v : [v];
  return list
    .flatMap((s) => s.split(','))
    .map((s) => s.trim())
    .filter((s) => /^[a-z0-9][a-z0-9-]{0,39}$/.test(s))
    .slice(0, 20);
}
