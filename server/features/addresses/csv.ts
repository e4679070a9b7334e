import { normalizeSuffix, streetKey } from '../../../shared/address-normalize.js';
import { CsvSyntaxError, readCsv } from '../../platform/csv.js';
import { AppError } from '../../platform/errors.js';

/** The columns of an address file, in this order when the file has no header. */
export const addressColumns = ['street', 'house_number', 'house_number_suffix', 'postcode', 'district', 'lat', 'lon'];
const required = ['street', 'house_number', 'postcode', 'lat', 'lon'];

/** One valid row of an address file, with the line it came from. */
export interface AddressCsvRow {
  line: number;
  street: string;
  streetKey: string;
  houseNumber: number;
  suffix: string;
  postcode: string;
  /** District key or name as written; '' means "find it by the coordinates". */
  district: string;
  lat: number;
  lon: number;
}

export interface ParsedAddressCsv {
  rows: AddressCsvRow[];
  /** "line 7" → what is wrong with it. */
  errors: Map<number, string[]>;
}

function parseCoordinate(raw: string, decimalComma: boolean): number {
  const s = decimalComma ? raw.replace(',', '.') : raw;
  return /^-?\d{1,3}(\.\d+)?$/.test(s) ? Number(s) : Number.NaN;
}

/** Maps column name → index from a header row, or undefined when the first row is data. */
function headerIndex(first: string[]): Map<string, number> | undefined {
  const names = first.map((c) =>
    c
      .trim()
      .toLowerCase()
      .replace(/^\uFEFF/, ''),
  );
  if (!names.includes('street') || !names.includes('house_number')) return undefined;
  return new Map(names.map((n, i) => [n, i]));
}

function validateRow(cells: (name: string) => string, line: number, decimalComma: boolean) {
  const problems: string[] = [];
  const street = cells('street').replace(/\s+/g, ' ').trim();
  const key = streetKey(street);
  if (!street || !key) problems.push('street: required');
  else if (street.length > 120) problems.push('street: longer than 120 characters');
  const numberRaw = cells('house_number');
  const houseNumber = /^\d{1,5}$/.test(numberRaw) ? Number(numberRaw) : Number.NaN;
  if (!(houseNumber >= 1)) problems.push(`house_number: "${numberRaw}" is not a whole number from 1 to 99999`);
  const suffix = normalizeSuffix(cells('house_number_suffix'));
  if (suffix.length > 10) problems.push('house_number_suffix: longer than 10 characters');
  const postcode = cells('postcode');
  if (!/^\d{5}$/.test(postcode)) problems.push(`postcode: "${postcode}" is not a five-digit postcode`);
  const lat = parseCoordinate(cells('lat'), decimalComma);
  const lon = parseCoordinate(cells('lon'), decimalComma);
  if (!(lat >= -90 && lat <= 90)) problems.push(`lat: "${cells('lat')}" is not a latitude`);
  if (!(lon >= -180 && lon <= 180)) problems.push(`lon: "${cells('lon')}" is not a longitude`);
  const row: AddressCsvRow = {
    line,
    street,
    streetKey: key,
    houseNumber,
    suffix,
    postcode,
    district: cells('district'),
    lat,
    lon,
  };
  return { row, problems };
}

/**
 * Parses and validates an address file: `street;house_number;house_number_suffix;postcode;district;lat;lon`,
 * semicolon- or comma-separated, with or without header, UTF-8 with or without BOM. Collects every problem
 * with its line number instead of stopping at the first; throws only when the file cannot be read as CSV.
 */
export function parseAddressCsv(input: string | Buffer): ParsedAddressCsv {
  let csv: ReturnType<typeof readCsv>;
  try {
    csv = readCsv(input);
  } catch (err) {
    if (!(err instanceof CsvSyntaxError)) throw err;
    throw new AppError('validation_failed', 'The file is not valid CSV', { [`line ${err.line}`]: err.message });
  }
  const { delimiter, records } = csv;
  const header = records[0] ? headerIndex(records[0].cells) : undefined;
  if (header) {
    const missing = required.filter((c) => !header.has(c));
    if (missing.length > 0) {
      throw new AppError('validation_failed', 'The header lacks required columns', {
        'line 1': `missing column(s): ${missing.join(', ')}`,
      });
    }
  }
  const index = header ?? new Map(addressColumns.map((c, i) => [c, i]));
  const rows: AddressCsvRow[] = [];
  const errors = new Map<number, string[]>();
  const seen = new Map<string, number>();
  for (const { cells: record, line } of header ? records.slice(1) : records) {
    const cells = (name: string) => {
      const i = index.get(name);
      return i === undefined ? '' : (record[i] ?? '').trim();
    };
    const { row, problems } = validateRow(cells, line, delimiter === ';');
    if (!header && record.length < required.length) problems.unshift(`expected 7 columns, found ${record.length}`);
    if (problems.length === 0) {
      const unique = `${row.streetKey}|${row.houseNumber}|${row.suffix}`;
      const first = seen.get(unique);
      if (first !== undefined) problems.push(`same address as line ${first}`);
      else seen.set(unique, line);
    }
    if (problems.length > 0) errors.set(line, problems);
    else rows.push(row);
  }
  return { rows, errors };
}

/** How many problem lines an error report lists before it summarises the rest. */
const maxReportedLines = 100;

/** Turns collected line problems into one AppError listing them by line, or returns when there are none. */
export function throwIfInvalid(errors: Map<number, string[]>, total: number): void {
  if (errors.size === 0) return;
  const lines = [...errors.keys()].sort((a, b) => a - b);
  const details: Record<string, string> = {};
  for (const line of lines.slice(0, maxReportedLines)) details[`line ${line}`] = (errors.get(line) ?? []).join('; ');
  if (lines.length > maxReportedLines) details.more = `${lines.length - maxReportedLines} more lines with errors`;
  throw new AppError('validation_failed', `${errors.size} of ${total} rows are invalid; nothing was imported`, details);
}
