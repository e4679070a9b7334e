/**
 * The one definition of what the public may see of reports. Public pages, the JSON and GeoJSON APIs, Open311,
 * the nearby lookup (`GET /api/reports/nearby` and the citizen form's duplicate offer) all filter and round
 * through here:
 * - a report is public when it is screened (no screening pending), not hidden, not abusive and not merged;
 * - its place is public only as coordinates rounded to 4 decimals (about 10 m: enough for a map, not a doorstep)
 *   and at street level, never with a house number (which could point at the reporter's home).
 * What else a view may show (moderated text, approved photos, public events, list answers) its presenter decides;
 * the queries of public views never select contact data, tokens, original texts or internal notes.
 */

/** The flags that decide whether a report is public. */
export interface VisibilityFlags {
  needs_screening: boolean;
  hidden: boolean;
  abusive: boolean;
  merged_into_id: number | null;
}

/** The SQL condition "this report is public" for a query that names the reports table `alias`. */
export function publicReportCondition(alias: string): string {
  const r = alias;
  return `${r}.needs_screening = false AND ${r}.hidden = false AND ${r}.abusive = false AND ${r}.merged_into_id IS NULL`;
}

/** The same rule for a report row already read. */
export function isPublicReport(r: VisibilityFlags): boolean {
  return !r.needs_screening && !r.hidden && !r.abusive && r.merged_into_id === null;
}

/** Decimals of a public coordinate: about 10 m. */
export const publicCoordinateDecimals = 4;
const factor = 10 ** publicCoordinateDecimals;

/** A coordinate as the public sees it. */
export function publicCoordinate(x: number): number {
  return Math.round(x * factor) / factor;
}

/** "Herforder Straße 5a, 33602 Bielefeld" → "Herforder Straße"; null when the label is not that shape. */
const labelStreet = /^\s*(\D*?\S)\s+\d+\s*[a-zA-Z]?(?:\s*[-/]\s*\d+\s*[a-zA-Z]?)?\s*(?:,.*)?$/;

/** The street of an address label, without house number (and without postcode and town); null otherwise. */
export function streetLevel(label: string | null): string | null {
  if (!label) return null;
  return labelStreet.exec(label)?.[1] ?? null;
}

/** The street of a report's nearest address (the register's street when linked, else read from the label). */
export function streetOf(row: { street?: string | null; address_label: string | null }): string | null {
  return row.street || streetLevel(row.address_label);
}

/** Where a report is, as the public may see it: rounded coordinates and the street only. */
export interface PublicPlace {
  lat: number;
  lon: number;
  street: string | null;
}

/** The public place of a report row. */
export function publicPlace(row: {
  lat: number;
  lon: number;
  street?: string | null;
  address_label: string | null;
}): PublicPlace {
  return { lat: publicCoordinate(row.lat), lon: publicCoordinate(row.lon), street: streetOf(row) };
}
