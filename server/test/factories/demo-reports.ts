import type { Db, Queryable } from '../../platform/db.js';

// Imports nothing of the test harness: the benchmarks use it too.

const rollback = new Error('rollback');

/**
 * Runs `fn` in a transaction in which the municipality has no reports (nor reference counters), as before the demo
 * seed, and rolls it back afterwards: the demo reports can be seeded anew, as often as wanted. Returns fn's result.
 */
export async function withoutReports<T>(db: Db, municipalityId: string, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  let result: T | undefined;
  const outcome = await db
    .transaction(async (tx) => {
      const mine = 'SELECT id FROM reports WHERE municipality_id = $1';
      await tx.query(`DELETE FROM report_supporters WHERE report_id IN (${mine})`, [municipalityId]);
      await tx.query(`DELETE FROM report_events WHERE report_id IN (${mine})`, [municipalityId]);
      await tx.query('DELETE FROM reports WHERE municipality_id = $1', [municipalityId]);
      await tx.query('DELETE FROM report_reference_counters WHERE municipality_id = $1', [municipalityId]);
      result = await fn(tx);
      throw rollback;
    })
    .catch((err: unknown) => err);
  if (outcome !== rollback) throw outcome;
  return result as T;
}
