/** W3C datetimes (ISO 8601 with an offset) in the municipality's time zone, as GeoReport v2 requires. */

import { startOfLocalDay, zoneOffsetMinutes } from '../../platform/time.js';

const pad = (n: number) => String(n).padStart(2, '0');

// Offsets only change on quarter hours, so one lookup per zone and quarter hour serves a thousand dates in an answer.
const quarter = 15 * 60_000;
const offsets = new Map<string, number>();

function offsetAt(date: Date, timeZone: string): number {
  const key = `${timeZone}|${Math.floor(date.getTime() / quarter)}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    if (offsets.size > 50_000) offsets.clear();
    offset = zoneOffsetMinutes(date, timeZone);
    offsets.set(key, offset);
  }
  return offset;
}

/** e.g. 2026-05-04T14:03:09+02:00 (seconds precision; "Z" for UTC). */
export function w3cDateTime(date: Date, timeZone: string): string {
  const offset = offsetAt(date, timeZone);
  const wall = new Date(Math.floor(date.getTime() / 1000) * 1000 + offset * 60_000).toISOString().slice(0, 19);
  const zone =
    offset === 0
      ? 'Z'
      : `${offset < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
  return `${wall}${zone}`;
}

const w3c = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/;

/**
 * Parses a W3C datetime: a day (`2026-05-04`, the start of that day in the municipality) or a time with an offset
 * (`2026-05-04T10:00:00Z`, `…+02:00`). A "+" that URL decoding turned into a space is accepted as "+".
 * Returns undefined for anything else.
 */
export function parseW3cDateTime(text: string, timeZone: string): { date: Date; dayOnly: boolean } | undefined {
  const value = text.trim().replace(/ (\d{2}:\d{2})$/, '+$1');
  const m = w3c.exec(value);
  if (!m) return undefined;
  const [, y, mo, d, h] = m;
  const month = Number(mo);
  const dayOfMonth = Number(d);
  const check = new Date(Date.UTC(Number(y), month - 1, dayOfMonth));
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== dayOfMonth) return undefined;
  if (h === undefined) return { date: startOfLocalDay(`${y}-${mo}-${d}`, timeZone), dayOnly: true };
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : { date, dayOnly: false };
}
