import type { Language } from '../../../platform/i18n.js';

// The shapes every room of the Abfallkalender reads: bin types, seasons and collections. Dates are local calendar
// days 'YYYY-MM-DD' (a collection has no time of day).

/** A bin ('bin') or a collection event such as Sperrmüll or Schadstoffmobil ('event'). */
export type BinKind = 'bin' | 'event';

/** A bin type of a municipality; `name` holds every supported language. */
export interface BinType {
  id: number;
  key: string;
  kind: BinKind;
  name: Record<Language, string>;
  colour: string;
  sort: number;
}

/** One published schedule (Bielefeld: 1 October to 30 September); seasons may overlap around the change. */
export interface Season {
  id: number;
  key: string;
  startsOn: string;
  endsOn: string;
}

/** One collection of one bin type at an address. */
export interface Collection {
  /** YYYY-MM-DD, local. */
  date: string;
  binType: BinType;
  /** The regular date when a public holiday moved this one, else null. */
  shiftedFrom: string | null;
  note: string;
  routeKey: string;
  seasonKey: string;
}
