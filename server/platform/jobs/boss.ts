import PgBoss from 'pg-boss';
import type { Db, Queryable } from '../db.js';
import { bossSchema } from './queries.js';
import type { JobDefinition } from './types.js';

const DAY = 24 * 60 * 60;

/** pg-boss's database hook over one of our connections: the pool, or the caller's open transaction. */
export function bossDb(target: Queryable | Db['pool']): PgBoss.Db {
  const run = target as { query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }> };
  return {
    executeSql: async (text, values) => ({ rows: (await run.query(text, values)).rows }),
  };
}

/**
 * pg-boss over our pool. Its own cron (`schedule`) and supervisor stay off: our scheduler computes slots in the
 * municipality's time zone, and workers run maintenance on their own timer. Completed jobs stay visible for a
 * week, failed ones for 30 days, then move to pgboss.archive (kept 30 more days).
 */
export function createBoss(db: Db): PgBoss {
  return new PgBoss({
    db: bossDb(db.pool),
    schema: bossSchema,
    schedule: false,
    supervise: false,
    migrate: true,
    archiveCompletedAfterSeconds: 7 * DAY,
    archiveFailedAfterSeconds: 30 * DAY,
    deleteAfterDays: 30,
  });
}

/** Retry and expiry options of a definition, as pg-boss takes them per queue and per job. */
export function jobOptions(def: JobDefinition): {
  retryLimit: number;
  retryDelay: number;
  retryBackoff: boolean;
  expireInSeconds: number;
} {
  const retry = def.retry ?? { limit: 2, delaySeconds: 30, backoff: true };
  return {
    retryLimit: retry.limit,
    retryDelay: retry.delaySeconds,
    retryBackoff: retry.backoff,
    expireInSeconds: def.timeoutSeconds ?? 15 * 60,
  };
}

/**
 * Creates or migrates the pg-boss schema (pg-boss serialises this with an advisory lock) and one queue per
 * definition, with the definition's current retry and expiry options. Safe to repeat and to run concurrently.
 */
export async function installBoss(db: Db, boss: PgBoss, definitions: JobDefinition[]): Promise<void> {
  await boss.start();
  // pg-boss's create_queue() adds a partition with foreign keys; two processes creating the same new queue at
  // once deadlock inside it. So installs take turns: one transaction under an advisory lock, with pg-boss
  // talking to that transaction.
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(727276)');
    const installer = new PgBoss({ db: bossDb(tx), schema: bossSchema, schedule: false, supervise: false });
    for (const def of definitions) {
      const options = { name: def.name, policy: 'standard' as const, ...jobOptions(def) };
      await installer.createQueue(def.name, options);
      await installer.updateQueue(def.name, options);
    }
  });
}
