import { CsvSyntaxError, readCsv } from '../../../platform/csv.js';
import { type FacilityValues, facilityFields } from './validation.js';

// The city's facility export: CSV (a header line with our field names, `;` or `,`) or GeoJSON (points whose
// properties carry the same names; the coordinates come from the geometry). A few names of the city's export are
// accepted too.

const aliases: Record<string, string> = {
  pls_id: 'ref',
  id: 'ref',
  bezeichnung: 'name',
  art: 'kind',
  betreiber: 'operator',
  adresse: 'address',
  kapazitaet: 'capacity',
  stellplaetze: 'capacity',
  behindertenparkplaetze: 'capacity_disabled',
  ladeplaetze: 'capacity_ev',
  familienparkplaetze: 'capacity_family',
  einfahrtshoehe_cm: 'max_height_cm',
  oeffnungszeiten: 'opening_hours',
  preise: 'prices',
  zahlung: 'payment',
  zufahrten: 'entrances',
};

const kindWords: Record<string, string> = { parkhaus: 'garage', tiefgarage: 'underground', parkplatz: 'lot' };

export interface ImportRow {
  /** 1-based line (CSV) or feature number (GeoJSON). */
  line: number;
  values: FacilityValues;
}

function valuesOf(record: Record<string, unknown>): FacilityValues {
  const out = Object.fromEntries(facilityFields.map((f) => [f, ''])) as FacilityValues;
  for (const [rawKey, raw] of Object.entries(record)) {
    const key = rawKey.trim().toLowerCase();
    const field = (facilityFields as readonly string[]).includes(key) ? key : aliases[key];
    if (field && raw !== null && raw !== undefined) out[field as keyof FacilityValues] = String(raw).trim();
  }
  out.kind = kindWords[out.kind.toLowerCase()] ?? out.kind;
  return out;
}

/** The rows of an export; throws Error with a readable reason when the text is neither CSV nor GeoJSON. */
export function parseFacilityExport(text: string): ImportRow[] {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (trimmed.startsWith('{')) {
    let doc: { features?: unknown };
    try {
      doc = JSON.parse(trimmed) as typeof doc;
    } catch {
      throw new Error('parking.admin.import.notJson');
    }
    if (!Array.isArray(doc.features)) throw new Error('parking.admin.import.notGeoJson');
    return doc.features.map((raw, i) => {
      const f = raw as { geometry?: { type?: string; coordinates?: unknown[] }; properties?: Record<string, unknown> };
      const values = valuesOf(f.properties ?? {});
      if (f.geometry?.type === 'Point' && Array.isArray(f.geometry.coordinates)) {
        values.lon = String(f.geometry.coordinates[0] ?? '');
        values.lat = String(f.geometry.coordinates[1] ?? '');
      }
      return { line: i + 1, values };
    });
  }
  let records: ReturnType<typeof readCsv>['records'];
  try {
    records = readCsv(trimmed).records;
  } catch (err) {
    if (err instanceof CsvSyntaxError) throw new Error('parking.admin.import.notCsv');
    throw err;
  }
  const header = records[0]?.cells ?? [];
  return records.slice(1).map((r) => ({
    line: r.line,
    values: valuesOf(Object.fromEntries(header.map((h, i) => [h, r.cells[i] ?? '']))),
  }));
}
