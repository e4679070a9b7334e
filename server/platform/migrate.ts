import { readdirSync, readFileSync } from 'node:fs';
import { resolveFromRoot } from './config.js';
import type { Db } from './db.js';

export const migrationsDir = resolveFromRoot('server', 'db', 'migrations');

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Lists the numbered SQL files (0001_name.sql) in order. */
export function listMigrations(dir = migrationsDir): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: Number(f.slice(0, 4)), name: f, sql: readFileSync(`${dir}/${f}`, 'utf8') }));
}

/**
 * Applies pending migrations forward-only in one transaction, under an advisory lock so that several
 * processes starting at once apply each file exactly once. Returns the names applied.
 */
export async function migrate(db: Db, dir = migrationsDir): Promise<string[]> {
  const applied: string[] = [];
  await db.transaction(
    async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(727274)');
      await tx.query(
        `CREATE TABLE IF NOT EXISTS schema_migrations (
         version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
      );
      const done = new Set(
        (await tx.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version),
      );
      for (const m of listMigrations(dir)) {
        if (done.has(m.version)) continue;
        await tx.query(m.sql);
        await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
        applied.push(m.name);
      }
    },
    // No statement deadline: a migration may rebuild a large table, and waits here for another process's.
    { statementTimeoutMs: 0 },
  );
  return applied;
}

/** True when every migration file has been applied. */
export async function isMigrated(db: Db, dir = migrationsDir): Promise<boolean> {
  const latest = listMigrations(dir).at(-1)?.version ?? 0;
  try {
    const { rows } = await db.query<{ v: number | null }>('SELECT max(version)::int AS v FROM schema_migrations');
    return (rows[0]?.v ?? 0) >= latest;
  } catch {
    return false;
  }
}
