import { parse } from 'csv-parse/sync';

// Reading the CSV files operators upload (addresses, waste calendars): UTF-8 with or without BOM, `;` or `,` as the
// header line uses, cells trimmed, empty lines skipped, each record with the line it starts on.

export interface CsvRecord {
  cells: string[];
  /** 1-based line the record starts on. */
  line: number;
}

/** A file that is not CSV: where and why. */
export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    reason: string,
  ) {
    super(reason);
  }
}

/** `;` when the first line has one (then decimal commas are possible in cells), else `,`. */
function detectDelimiter(text: string): ';' | ',' {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  return firstLine.includes(';') ? ';' : ',';
}

/** The records of a CSV file and its delimiter. Throws CsvSyntaxError (with its line) when it cannot be read. */
export function readCsv(input: string | Buffer): { delimiter: ';' | ','; records: CsvRecord[] } {
  const text = (typeof input === 'string' ? input : input.toString('utf8')).replace(/^\uFEFF/, '');
  const delimiter = detectDelimiter(text);
  try {
    const parsed = parse(text, {
      delimiter,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
    return { delimiter, records: parsed.map((r) => ({ cells: r.record, line: r.info.lines })) };
  } catch (err) {
    const e = err as Error & { lines?: number };
    throw new CsvSyntaxError(e.lines ?? 1, e.message.replace(/^[A-Z_]+: /, ''));
  }
}
