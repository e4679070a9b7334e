import type { FeedReading } from '../core/service.js';
import type { ParkingStatus } from '../core/statuses.js';
import { FeedFormatError } from './errors.js';

// The ParkAPI JSON shape (api.parkendd.de and cities that publish it):
// { "last_updated": "…", "lots": [{ "id", "name", "coords": { "lat", "lng" }, "total", "free", "state" }] }.
// `state` is open | closed | nodata | unknown; a lot without data gives no reading.

const states: Record<string, ParkingStatus> = { open: 'open', closed: 'closed' };

/** The lots with data as readings; throws FeedFormatError when it is not the ParkAPI shape. */
export function parseParkApi(text: string): FeedReading[] {
  let doc: { last_updated?: unknown; lots?: unknown };
  try {
    doc = JSON.parse(text) as typeof doc;
  } catch {
    throw new FeedFormatError('not JSON');
  }
  if (!doc || !Array.isArray(doc.lots)) throw new FeedFormatError('no "lots" array');
  const updated = typeof doc.last_updated === 'string' ? doc.last_updated : undefined;
  const readings: FeedReading[] = [];
  for (const raw of doc.lots as Record<string, unknown>[]) {
    if (!raw || typeof raw !== 'object' || raw.id === undefined) continue;
    const state = String(raw.state ?? 'unknown');
    if (state === 'nodata' || raw.free === null || raw.free === undefined) continue;
    const time = typeof raw.last_updated === 'string' ? raw.last_updated : updated;
    // ParkAPI v1 timestamps without a zone are UTC.
    const iso = time && !/[zZ]|[+-]\d\d:?\d\d$/.test(time) ? `${time}Z` : time;
    const free = typeof raw.free === 'number' ? raw.free : Number.NaN;
    const full = free === 0 && state === 'open';
    readings.push({
      ref: String(raw.id),
      free,
      ...(typeof raw.total === 'number' ? { total: raw.total } : {}),
      ...(states[state] ? { status: full ? 'full' : states[state] } : {}),
      observedAt: new Date(iso ?? Number.NaN),
    });
  }
  return readings;
}
