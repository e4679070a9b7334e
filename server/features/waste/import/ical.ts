import { today } from '../core/dates.js';
import type { Problems } from './problems.js';

// iCalendar files as cities export them: one VEVENT per collection, an all-day DTSTART (or a time, of which only
// the local day counts), a SUMMARY naming the bin type. Read line by line so every problem has its line number.

export interface IcalEvent {
  /** Line of BEGIN:VEVENT. */
  line: number;
  date: string;
  summary: string;
}

interface Property {
  line: number;
  name: string;
  params: Record<string, string>;
  value: string;
}

/** Unfolds continuation lines (RFC 5545 3.1) and splits each property into name, parameters and value. */
function properties(text: string): Property[] {
  const out: Property[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] as string;
    if (/^[ \t]/.test(raw) && out.length > 0) {
      (out[out.length - 1] as Property).value += raw.slice(1);
      continue;
    }
    if (!raw.trim()) continue;
    const colon = raw.indexOf(':');
    if (colon < 0) {
      out.push({ line: i + 1, name: '', params: {}, value: raw });
      continue;
    }
    const [name, ...params] = raw.slice(0, colon).split(';');
    const p: Record<string, string> = {};
    for (const kv of params) {
      const eq = kv.indexOf('=');
      if (eq > 0) p[kv.slice(0, eq).toUpperCase()] = kv.slice(eq + 1).replace(/^"|"$/g, '');
    }
    out.push({ line: i + 1, name: (name ?? '').toUpperCase(), params: p, value: raw.slice(colon + 1) });
  }
  return out;
}

const unescapeText = (s: string) => s.replace(/\\([\\;,nN])/g, (_m, c: string) => (c === 'n' || c === 'N' ? ' ' : c));

/** The local calendar day of a DTSTART value: a DATE, a UTC DATE-TIME (in `timeZone`) or a local one. */
function dayOf(p: Property, timeZone: string): string | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z?))?$/.exec(p.value.trim());
  if (!m) return undefined;
  if (m[7] === 'Z') {
    const at = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!));
    return today(at, timeZone);
  }
  return `${m[1]}-${m[2]}-${m[3]}`;
}

/** The events of an iCalendar file; problems go to `problems` with their line. */
export function parseWasteIcal(input: string | Buffer, timeZone: string, problems: Problems): IcalEvent[] {
  const text = (typeof input === 'string' ? input : input.toString('utf8')).replace(/^\uFEFF/, '');
  const props = properties(text);
  if (props[0]?.name !== 'BEGIN' || props[0].value.trim().toUpperCase() !== 'VCALENDAR') {
    problems.add(props[0]?.line ?? 1, 'file', 'ical_invalid');
    return [];
  }
  const events: IcalEvent[] = [];
  let current: { line: number; date?: string; summary: string; bad: boolean } | undefined;
  for (const p of props) {
    if (p.name === 'BEGIN' && p.value.trim().toUpperCase() === 'VEVENT') {
      current = { line: p.line, summary: '', bad: false };
    } else if (current && p.name === 'END' && p.value.trim().toUpperCase() === 'VEVENT') {
      if (!current.date && !current.bad) problems.add(current.line, 'DTSTART', 'ical_no_date');
      else if (current.date && !current.bad) {
        events.push({ line: current.line, date: current.date, summary: current.summary });
      }
      current = undefined;
    } else if (current && p.name === 'DTSTART') {
      const day = dayOf(p, timeZone);
      if (day) current.date = day;
      else {
        problems.add(p.line, 'DTSTART', 'bad_date', { value: p.value });
        current.bad = true;
      }
    } else if (current && p.name === 'SUMMARY') {
      current.summary = unescapeText(p.value).trim();
    } else if (current && (p.name === 'RRULE' || p.name === 'RDATE')) {
      problems.add(p.line, p.name, 'ical_recurring');
      current.bad = true;
    }
  }
  if (events.length === 0 && problems.size === 0) problems.add(1, 'file', 'ical_no_events');
  return events;
}
