import { isCalendarDay } from '../../../../shared/formats.js';

// What can be wrong with an import file: one problem per line and field, with a message key under
// `waste.import.problems.*` (the page and the CLI translate it) and its values.

export type ProblemKey =
  | 'not_csv'
  | 'empty'
  | 'file_too_large'
  | 'too_many_rows'
  | 'header_missing'
  | 'unknown_kind'
  | 'required'
  | 'bad_date'
  | 'date_outside_season'
  | 'no_season'
  | 'unknown_bin_type'
  | 'unknown_season'
  | 'bad_season'
  | 'bad_house_number'
  | 'bad_postcode'
  | 'unknown_address'
  | 'too_long'
  | 'duplicate'
  | 'ical_invalid'
  | 'ical_no_events'
  | 'ical_recurring'
  | 'ical_no_date'
  | 'ical_unknown_bin';

export interface LineProblem {
  /** 1-based line of the file (0: the file as a whole). */
  line: number;
  field: string;
  key: ProblemKey;
  values?: Record<string, string | number>;
}

/** Collects problems in the order found. */
export class Problems {
  readonly list: LineProblem[] = [];
  add(line: number, field: string, key: ProblemKey, values?: Record<string, string | number>): void {
    this.list.push(values ? { line, field, key, values } : { line, field, key });
  }
  get size(): number {
    return this.list.length;
  }
}

/** A calendar day written as ISO 'YYYY-MM-DD' or German 'd.m.yyyy' / 'dd.mm.yyyy', as ISO; undefined if neither. */
export function parseDay(raw: string): string | undefined {
  const s = raw.trim();
  const german = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(s);
  const iso = german ? `${german[3]}-${german[2]!.padStart(2, '0')}-${german[1]!.padStart(2, '0')}` : s;
  return isCalendarDay(iso) ? iso : undefined;
}

/** Import limits: a city's whole year is far below them (Bielefeld: ~190,000 households, ~25 dates a route). */
export const importLimits = { maxBytes: 20 * 1024 * 1024, maxRows: 500_000 };
