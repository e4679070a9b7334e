import type { Queryable } from '../../../platform/db.js';

// The one owner of report_reference_counters.

/**
 * Takes `count` reference numbers of municipality × year at once (the counter moves by count; the upsert locks the
 * row until commit, so concurrent callers never share a number) and returns the first of them.
 */
export async function reserveReferenceNumbers(
  tx: Queryable,
  municipalityId: string,
  year: number,
  count: number,
): Promise<number> {
  const { rows } = await tx.query<{ last_number: number }>(
    `INSERT INTO report_reference_counters (municipality_id, year, last_number) VALUES ($1, $2, $3)
     ON CONFLICT (municipality_id, year) DO UPDATE SET last_number = report_reference_counters.last_number + $3
     RETURNING last_number`,
    [municipalityId, year, count],
  );
  return (rows[0] as { last_number: number }).last_number - count + 1;
}
