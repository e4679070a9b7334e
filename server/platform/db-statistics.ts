import { Type as T } from '@sinclair/typebox';
import type { Db } from './db.js';
import { defineJob, type JobDefinition } from './jobs/types.js';

/**
 * Planner statistics for the embedded database. PGlite runs no autovacuum daemon, so without an explicit ANALYZE
 * its tables never get statistics: the planner then guesses one row per table, spends tens of milliseconds planning
 * every join (Open311's request list: ~20 ms of planning, ~45 ms in all, instead of ~3 and ~12) and picks plans for
 * tables it believes empty. PostgreSQL's autovacuum does this by itself, so there it is left alone.
 * Returns whether it ran.
 */
export async function refreshStatistics(db: Db): Promise<boolean> {
  if (db.engine !== 'pglite') return false;
  await db.query('ANALYZE');
  return true;
}

/** Hourly on PGlite: what autovacuum's analyze does on PostgreSQL, so plans follow the data as it grows. */
export const refreshStatisticsJob = defineJob({
  name: 'db.refresh-statistics',
  description: 'Updates the planner statistics of the embedded database (PGlite has no autovacuum)',
  payload: T.Object({}, { additionalProperties: false }),
  schedule: { cron: '17 * * * *', payload: {} },
  retry: { limit: 1, delaySeconds: 300, backoff: false },
  timeoutSeconds: 600,
  async run(_payload, { deps, log }) {
    const ran = await refreshStatistics(deps.db);
    log.info({ ran }, ran ? 'planner statistics refreshed' : 'planner statistics left to autovacuum');
    return { ran };
  },
});

export const dbJobs: JobDefinition[] = [refreshStatisticsJob];
