import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import pg from 'pg';
import type { Config } from './config.js';

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

export interface TransactionOptions {
  /**
   * PostgreSQL: the deadline of each statement in this transaction instead of DATABASE_STATEMENT_TIMEOUT_MS;
   * 0 = none (migrations, a job known to need longer).
   */
  statementTimeoutMs?: number;
}

export interface Db extends Queryable {
  readonly engine: 'pglite' | 'postgres';
  /** Runs fn inside BEGIN/COMMIT on one connection; rolls back when fn throws. */
  transaction<T>(fn: (tx: Tx) => Promise<T>, options?: TransactionOptions): Promise<T>;
  /** The underlying pool, for libraries that speak node-postgres. */
  readonly pool: pg.Pool;
  /** The embedded engine, when it is PGlite (for dumps). */
  readonly lite?: PGlite;
  close(): Promise<void>;
}

export const pgliteExtensions = { pg_trgm, unaccent };

/** Deadlines of a PostgreSQL pool (none on PGlite, which runs in this process). */
export interface Deadlines {
  connectTimeoutMs: number;
  statementTimeoutMs: number;
}

// The client gives up a little after the server's statement_timeout would have ended the statement, so a server
// that no longer answers at all is noticed too.
const clientMarginMs = 5000;
// setTimeout's largest delay: "no deadline" for a transaction that opted out.
const noDeadlineMs = 2 ** 31 - 1;

function wrap(client: pg.Pool | pg.PoolClient, queryTimeoutMs?: number): Queryable {
  return {
    async query<R>(sql: string, params?: unknown[]) {
      const res =
        queryTimeoutMs === undefined
          ? await client.query(sql, params as unknown[])
          : // pg reads query_timeout per query too; its types only know it on the client config.
            await client.query({ text: sql, values: params, query_timeout: queryTimeoutMs } as pg.QueryConfig);
      return { rows: res.rows as R[], rowCount: res.rowCount ?? 0 };
    },
  };
}

/** The client timed out or lost the connection: a ROLLBACK would wait on the same dead connection. */
const connectionLost = (err: unknown) =>
  err instanceof Error && /^(Query read timeout|Connection terminated)/.test(err.message);

// What runs once a transaction has committed (forgetting cached answers that its changes make stale).
const commitHooks = new WeakMap<Queryable, (() => void)[]>();

/**
 * Runs `fn` after the transaction `q` commits (never when it rolls back), or at once when `q` is the database
 * itself. For side effects that must not be seen before the data is: a cached answer forgotten before the commit
 * could be read again, stale, in between.
 */
export function afterCommit(q: Queryable, fn: () => void): void {
  const hooks = commitHooks.get(q);
  if (hooks) hooks.push(fn);
  else fn();
}

function fromPool(pool: pg.Pool, engine: Db['engine'], onClose: () => Promise<void>, lite?: PGlite): Db {
  const base = wrap(pool);
  return {
    engine,
    ...(lite ? { lite } : {}),
    pool,
    query: base.query,
    async transaction(fn, options = {}) {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        const ms = engine === 'postgres' ? options.statementTimeoutMs : undefined;
        if (ms !== undefined) await client.query(`SET LOCAL statement_timeout = ${Math.max(0, Math.floor(ms))}`);
        const tx = wrap(client, ms === undefined ? undefined : ms === 0 ? noDeadlineMs : ms + clientMarginMs);
        const hooks: (() => void)[] = [];
        commitHooks.set(tx, hooks);
        const result = await fn(tx);
        await client.query('COMMIT');
        for (const hook of hooks) hook();
        return result;
      } catch (err) {
        if (connectionLost(err)) broken = err as Error;
        else await client.query('ROLLBACK').catch((e: Error) => (broken = e));
        throw err;
      } finally {
        // A broken connection is closed, not reused; PostgreSQL rolls back what it left open.
        client.release(broken);
      }
    },
    async close() {
      await pool.end();
      await onClose();
    },
  };
}

/** PGlite's shared_buffers when not configured: its data of a municipality fits, PostgreSQL's 128 MB is RSS. */
export const defaultPgliteSharedBuffersMb = 32;

/** Opens PGlite in dataDir (or memory:// / a loaded template) behind the node-postgres shim. */
export async function openPglite(
  dataDir: string,
  options: { loadDataDir?: Blob | File; sharedBuffersMb?: number } = {},
): Promise<Db> {
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  const { sharedBuffersMb = defaultPgliteSharedBuffersMb, ...rest } = options;
  const lite = await PGlite.create(dataDir, {
    extensions: pgliteExtensions,
    // PGlite's own start parameters (single user, no workers, …) plus ours; the list replaces its default.
    startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${Math.floor(sharedBuffersMb)}MB`],
    ...rest,
  });
  const pool = new pg.Pool(createPgConfig(lite));
  return fromPool(pool, 'pglite', () => lite.close(), lite);
}

/**
 * A pool to a PostgreSQL server, not yet connected. With deadlines, opening a connection and every statement
 * have one (statement_timeout on the server, query_timeout a little later on the client).
 */
export function postgresDb(url: string, max = 10, deadlines?: Deadlines): Db {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    application_name: 'buergerservice',
    ...(deadlines
      ? {
          connectionTimeoutMillis: deadlines.connectTimeoutMs,
          statement_timeout: deadlines.statementTimeoutMs,
          query_timeout: deadlines.statementTimeoutMs + clientMarginMs,
        }
      : {}),
  });
  pool.on('error', () => undefined); // idle-client errors surface on the next query instead of crashing
  return fromPool(pool, 'postgres', async () => undefined);
}

/** Opens a pool to a PostgreSQL server and checks that it answers; throws when it does not. */
export async function openPostgres(url: string, max = 10, deadlines?: Deadlines): Promise<Db> {
  const db = postgresDb(url, max, deadlines);
  try {
    await db.query('SELECT 1');
  } catch (err) {
    await db.close();
    throw err;
  }
  return db;
}

export type DbConfig = Pick<Config, 'databaseUrl' | 'dataDir' | 'databasePoolSize' | 'database'>;

/** PostgreSQL (with the configured pool size and deadlines) when a URL is given, else PGlite in dataDir/pglite. */
export function openDb(config: DbConfig): Promise<Db> {
  return config.databaseUrl
    ? openPostgres(config.databaseUrl, config.databasePoolSize, config.database)
    : openPglite(`${config.dataDir}/pglite`, { sharedBuffersMb: config.database.pgliteSharedBuffersMb });
}
