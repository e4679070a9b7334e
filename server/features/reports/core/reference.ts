import type { Queryable } from '../../../platform/db.js';
import { localParts } from '../../../platform/time.js';
import { reserveReferenceNumbers } from './reference-queries.js';

/** "BI-2026-000123": prefix, year, at least six digits. */
export function formatReference(prefix: string, year: number, n: number): string {
  return `${prefix}-${year}-${String(n).padStart(6, '0')}`;
}

export const referencePattern = /^[A-Z]{1,4}-\d{4}-\d{6,}$/;

/** The year of `at` in the municipality's time zone (a report at 00:30 on 1 January belongs to the new year). */
export function yearIn(at: Date, timeZone: string): number {
  return localParts(at, timeZone).year;
}

/**
 * Hands out the next reference of the municipality and year inside the caller's transaction. The counter row is
 * upserted and locked by INSERT … ON CONFLICT DO UPDATE, so concurrent submissions never share a number.
 */
export async function nextReference(
  tx: Queryable,
  municipalityId: string,
  prefix: string,
  at: Date,
  timeZone: string,
): Promise<string> {
  const year = yearIn(at, timeZone);
  return formatReference(prefix, year, await reserveReferenceNumbers(tx, municipalityId, year, 1));
}
