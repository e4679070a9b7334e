import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import pg from 'pg';

// int8 and counts as numbers (ids and counts stay far below 2^53); dates stay 'YYYY-MM-DD' strings.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));
pg.types.setTypeParser(1082, (v) => v);

export type Row = Record<string, unknown>;
export interface Result<R> {
  rows: R[];
  rowCount: number;
}

/** Anything that runs SQL: the database itself or an open transaction. */
export interface Queryable {
  query<R = Row>(sql: string, params?: unknown[]): Promise<Result<R>>;
}
export type Tx = Queryable;

export interface Db extends Queryable {
  readonly engine: 'pglite' | 'postgres';
  /** Runs fn inside BEGIN/COMMIT on one connection; rolls back when fn throws. */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** The underlying pool, for libraries that speak node-postgres. */
  readonly pool: pg.Pool;
  /** The embedded engine, when it is PGlite (for dumps). */
  readonly lite?: PGlite;
  close(): Promise<void>;
}

export const pgliteExtensions = { pg_trgm, unaccent };

function wrap(client: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query<R>(sql: string, params?: unknown[]) {
      const res = await client.query(sql, params as unknown[]);
      return { rows: res.rows as R[], rowCount: res.rowCount ?? 0 };
    },
  };
}

function fromPool(pool: pg.Pool, engine: Db['engine'], onClose: () => Promise<void>, lite?: PGlite): Db {
  const base = wrap(pool);
  return {
    engine,
    ...(lite ? { lite } : {}),
    pool,
    query: base.query,
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    async close() {
      await pool.end();
      await onClose();
    },
  };
}

/** Opens PGlite in dataDir (or memory:// / a loaded template) behind the node-postgres shim. */
export async function openPglite(dataDir: string, options: { loadDataDir?: Blob | File } = {}): Promise<Db> {
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  const lite = await PGlite.create(dataDir, { extensions: pgliteExtensions, ...options });
  const pool = new pg.Pool(createPgConfig(lite));
  return fromPool(pool, 'pglite', () => lite.close(), lite);
}

/** Opens a pool to a PostgreSQL server. */
export async function openPostgres(url: string, max = 10): Promise<Db> {
  const pool = new pg.Pool({ connectionString: url, max, application_name: 'buergerservice' });
  pool.on('error', () => undefined); // idle-client errors surface on the next query instead of crashing
  await pool.query('SELECT 1');
  return fromPool(pool, 'postgres', async () => undefined);
}

/** PostgreSQL when a URL is given, else embedded PGlite in dataDir/pglite. */
export function openDb(opts: { databaseUrl?: string; dataDir: string; poolSize?: number }): Promise<Db> {
  return opts.databaseUrl ? openPostgres(opts.databaseUrl, opts.poolSize) : openPglite(`${opts.dataDir}/pglite`);
}
