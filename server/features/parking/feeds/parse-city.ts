import { CsvSyntaxError, readCsv } from '../../../platform/csv.js';
import { zonedTime } from '../../../platform/time.js';
import type { FeedReading } from '../core/service.js';
import type { ParkingStatus } from '../core/statuses.js';
import { FeedFormatError } from './errors.js';

// The city's export of parking facilities (CSV, or WFS as GeoJSON) with the Parkleitsystem's live columns: the
// facility's Parkleitsystem id, free spaces, a timestamp and a status FREI / BESETZT / GESCHLOSSEN. Column names
// vary between exports, so each column has a few accepted names.

const columns = {
  ref: ['pls_id', 'parkleitsystem_id', 'plsid', 'id', 'nr'],
  free: ['frei', 'freie_plaetze', 'freieplaetze', 'anzahl_frei', 'free'],
  total: ['kapazitaet', 'gesamt', 'stellplaetze', 'total', 'capacity'],
  time: ['zeitstempel', 'timestamp', 'stand', 'aktualisiert', 'datum'],
  status: ['status', 'zustand'],
};

const statusWords: Record<string, ParkingStatus> = { FREI: 'open', BESETZT: 'full', GESCHLOSSEN: 'closed' };

/** A city timestamp: ISO 8601, or German "06.12.2026 14:05(:30)" in the municipality's time zone. */
export function parseCityTime(raw: string, timeZone: string): Date {
  const german = /^(\d{1,2})\.(\d{1,2})\.(\d{4})[ ,T]+(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(raw.trim());
  if (german) {
    const [, d, mo, y, h, mi, s] = german.map(Number) as number[];
    return zonedTime({ year: y!, month: mo!, day: d!, hour: h!, minute: mi!, second: s || 0 }, timeZone);
  }
  if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(raw.trim())) {
    const [date, time] = raw.trim().split(/[T ]/) as [string, string];
    const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
    const [h, mi, s] = time.split(':').map(Number) as [number, number, number | undefined];
    return zonedTime({ year: y, month: mo, day: d, hour: h, minute: mi, second: Math.floor(s ?? 0) }, timeZone);
  }
  return new Date(raw);
}

const integer = (raw: unknown): number =>
  typeof raw === 'number' ? raw : /^-?\d+$/.test(String(raw ?? '').trim()) ? Number(String(raw).trim()) : Number.NaN;

function pick(record: Record<string, unknown>, names: string[]): unknown {
  for (const n of names) if (record[n] !== undefined && record[n] !== '') return record[n];
  return undefined;
}

/** One record of the export (CSV row or GeoJSON properties, keys lower-cased) as a reading; null without live data. */
function readingOf(record: Record<string, unknown>, timeZone: string): FeedReading | null {
  const ref = pick(record, columns.ref);
  const free = pick(record, columns.free);
  if (ref === undefined || free === undefined) return null;
  const total = pick(record, columns.total);
  const time = pick(record, columns.time);
  const status =
    statusWords[
      String(pick(record, columns.status) ?? '')
        .trim()
        .toUpperCase()
    ];
  return {
    ref: String(ref).trim(),
    free: integer(free),
    ...(total === undefined ? {} : { total: integer(total) }),
    ...(status ? { status } : {}),
    observedAt: time === undefined ? new Date(Number.NaN) : parseCityTime(String(time), timeZone),
  };
}

const lowerKeys = (o: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [k.trim().toLowerCase(), v]));

/** The CSV export (`;` or `,`, header line first); throws FeedFormatError when no ref/free columns exist. */
export function parseCityCsv(text: string, timeZone: string): FeedReading[] {
  let records: ReturnType<typeof readCsv>['records'];
  try {
    records = readCsv(text).records;
  } catch (err) {
    if (err instanceof CsvSyntaxError) throw new FeedFormatError(`CSV line ${err.line}: ${err.message}`);
    throw err;
  }
  const header = (records[0]?.cells ?? []).map((c) => c.toLowerCase());
  if (!columns.ref.some((c) => header.includes(c)) || !columns.free.some((c) => header.includes(c))) {
    throw new FeedFormatError('no Parkleitsystem id or free-spaces column in the header');
  }
  return records
    .slice(1)
    .map((r) => readingOf(Object.fromEntries(header.map((h, i) => [h, r.cells[i] ?? ''])), timeZone))
    .filter((r): r is FeedReading => r !== null);
}

/** The WFS export as GeoJSON (a FeatureCollection whose properties carry the same columns). */
export function parseCityGeoJson(text: string, timeZone: string): FeedReading[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new FeedFormatError('not JSON');
  }
  const features = (doc as { features?: unknown }).features;
  if (!Array.isArray(features)) throw new FeedFormatError('not a GeoJSON FeatureCollection');
  return features
    .map((f) =>
      readingOf(lowerKeys(((f as { properties?: object }).properties ?? {}) as Record<string, unknown>), timeZone),
    )
    .filter((r): r is FeedReading => r !== null);
}
