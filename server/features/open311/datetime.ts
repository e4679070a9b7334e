/** W3C datetimes (ISO 8601 with an offset) in the municipality's time zone, as GeoReport v2 requires. */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Local wall-clock parts of an instant in a time zone and the zone's offset from UTC in minutes then. */
function local(date: Date, timeZone: string) {
  const parts = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  const [y, mo, d, h, mi, s] = ['year', 'month', 'day', 'hour', 'minute', 'second'].map((k) => Number(parts[k]));
  const wall = Date.UTC(y!, mo! - 1, d!, h!, mi!, s!);
  const offset = Math.round((wall - Math.floor(date.getTime() / 1000) * 1000) / 60_000);
  return { parts, offset };
}

const pad = (n: number) => String(n).padStart(2, '0');

// Offsets only change on quarter hours, so one lookup per zone and quarter hour serves a thousand dates in an answer.
const quarter = 15 * 60_000;
const offsets = new Map<string, number>();

function offsetAt(date: Date, timeZone: string): number {
  const key = `${timeZone}|${Math.floor(date.getTime() / quarter)}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    if (offsets.size > 50_000) offsets.clear();
    offset = local(date, timeZone).offset;
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

/** The instant a calendar day begins in the time zone (DST-safe: the offset is taken at that day). */
export function startOfLocalDay(day: string, timeZone: string): Date {
  const guess = new Date(`${day}T00:00:00Z`);
  const first = new Date(guess.getTime() - local(guess, timeZone).offset * 60_000);
  return new Date(guess.getTime() - local(first, timeZone).offset * 60_000);
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
