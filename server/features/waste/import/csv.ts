import { normalizeSuffix, streetKey } from '../../../../shared/address-normalize.js';
import { type CsvRecord, CsvSyntaxError, readCsv } from '../../../platform/csv.js';
import { importLimits, type Problems, parseDay } from './problems.js';

// The CSV formats of the waste import (docs/waste-import.md): a dates file
// `season;bin_type;route;date[;shifted_from][;note][;route_name]` and an assignments file
// `season;bin_type;route;street;house_number[;house_number_suffix][;postcode]`, told apart by their header.
// UTF-8 with or without BOM; `;` or `,` (whichever the header line uses); dates ISO or German.

export type CsvKind = 'dates' | 'assignments';

export interface DateLine {
  line: number;
  season: string;
  binType: string;
  route: string;
  routeName: string;
  date: string;
  shiftedFrom: string | null;
  note: string;
}

export interface AssignmentLine {
  line: number;
  season: string;
  binType: string;
  route: string;
  street: string;
  streetKey: string;
  houseNumber: number;
  suffix: string;
  postcode: string;
}

/** The valid rows of a file; `total` counts all data rows, also the rejected ones. */
export type ParsedCsv =
  | { kind: 'dates'; delimiter: string; total: number; rows: DateLine[] }
  | { kind: 'assignments'; delimiter: string; total: number; rows: AssignmentLine[] };

const common = ['season', 'bin_type', 'route'];
const required: Record<CsvKind, string[]> = {
  dates: [...common, 'date'],
  assignments: [...common, 'street', 'house_number'],
};

/** Parses a waste CSV file; problems go to `problems` with their line; undefined when the file is unusable. */
export function parseWasteCsv(input: string | Buffer, problems: Problems): ParsedCsv | undefined {
  let csv: ReturnType<typeof readCsv>;
  try {
    csv = readCsv(input);
  } catch (err) {
    if (!(err instanceof CsvSyntaxError)) throw err;
    problems.add(err.line, 'file', 'not_csv', { reason: err.message });
    return undefined;
  }
  const { delimiter, records } = csv;
  if (records.length < 2) {
    problems.add(records.length === 0 ? 0 : 1, 'file', 'empty');
    return undefined;
  }
  if (records.length - 1 > importLimits.maxRows) {
    problems.add(0, 'file', 'too_many_rows', { max: importLimits.maxRows, found: records.length - 1 });
    return undefined;
  }
  const names = (records[0] as CsvRecord).cells.map((c) => c.trim().toLowerCase());
  const index = new Map(names.map((n, i) => [n, i]));
  const kind: CsvKind | undefined = index.has('date') ? 'dates' : index.has('street') ? 'assignments' : undefined;
  if (!kind) {
    problems.add(1, 'header', 'unknown_kind', { columns: names.join(', ') });
    return undefined;
  }
  const missing = required[kind].filter((c) => !index.has(c));
  if (missing.length > 0) {
    problems.add(1, 'header', 'header_missing', { columns: missing.join(', ') });
    return undefined;
  }
  const rows = records.slice(1).map(({ cells, line }) => {
    const cell = (name: string) => {
      const i = index.get(name);
      return i === undefined ? '' : (cells[i] ?? '').trim();
    };
    return { line, cell };
  });
  const total = rows.length;
  if (kind === 'dates')
    return { kind, delimiter, total, rows: rows.flatMap((r) => dateLine(r.line, r.cell, problems)) };
  return { kind, delimiter, total, rows: rows.flatMap((r) => assignmentLine(r.line, r.cell, problems)) };
}

type Cell = (name: string) => string;

/** The season, bin type and route columns of a line; false when one is missing. */
function routeColumns(line: number, cell: Cell, problems: Problems): boolean {
  let ok = true;
  for (const name of common) {
    if (!cell(name)) {
      problems.add(line, name, 'required');
      ok = false;
    }
  }
  if (cell('route').length > 60) {
    problems.add(line, 'route', 'too_long', { max: 60 });
    ok = false;
  }
  return ok;
}

function dateLine(line: number, cell: Cell, problems: Problems): DateLine[] {
  let ok = routeColumns(line, cell, problems);
  const date = parseDay(cell('date'));
  if (!date) {
    problems.add(line, 'date', cell('date') ? 'bad_date' : 'required', { value: cell('date') });
    ok = false;
  }
  const shiftedRaw = cell('shifted_from');
  const shiftedFrom = shiftedRaw ? parseDay(shiftedRaw) : null;
  if (shiftedFrom === undefined) {
    problems.add(line, 'shifted_from', 'bad_date', { value: shiftedRaw });
    ok = false;
  }
  const note = cell('note');
  if (note.length > 300) {
    problems.add(line, 'note', 'too_long', { max: 300 });
    ok = false;
  }
  const routeName = cell('route_name');
  if (routeName.length > 120) {
    problems.add(line, 'route_name', 'too_long', { max: 120 });
    ok = false;
  }
  if (!ok) return [];
  const base = { line, season: cell('season'), binType: cell('bin_type'), route: cell('route') };
  return [{ ...base, routeName, date: date as string, shiftedFrom: shiftedFrom ?? null, note }];
}

function assignmentLine(line: number, cell: Cell, problems: Problems): AssignmentLine[] {
  let ok = routeColumns(line, cell, problems);
  const street = cell('street').replace(/\s+/g, ' ');
  const key = streetKey(street);
  if (!key) {
    problems.add(line, 'street', 'required');
    ok = false;
  }
  const numberRaw = cell('house_number');
  // "22a" in the number column is accepted: the letters become the suffix.
  const number = /^(\d{1,5})\s*([a-zA-Z]{0,3})$/.exec(numberRaw);
  if (!number || Number(number[1]) < 1) {
    problems.add(line, 'house_number', 'bad_house_number', { value: numberRaw });
    ok = false;
  }
  const postcode = cell('postcode');
  if (postcode && !/^\d{5}$/.test(postcode)) {
    problems.add(line, 'postcode', 'bad_postcode', { value: postcode });
    ok = false;
  }
  if (!ok || !number) return [];
  return [
    {
      line,
      season: cell('season'),
      binType: cell('bin_type'),
      route: cell('route'),
      street,
      streetKey: key,
      houseNumber: Number(number[1]),
      suffix: normalizeSuffix(cell('house_number_suffix') || (number[2] ?? '')),
      postcode,
    },
  ];
}
