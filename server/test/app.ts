import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { inject } from 'vitest';
import { type BuildOptions, buildApp } from '../app.js';
import { jobDefinitions } from '../jobs.js';
import { type Config, loadConfig } from '../platform/config.js';
import { type Db, openPglite, openPostgres } from '../platform/db.js';
import type { Deps } from '../platform/deps.js';
import { createQueue, type Queue } from '../platform/jobs/queue.js';
import type { JobDefinition } from '../platform/jobs/types.js';
import { upsertMunicipality } from '../platform/municipality.js';
import { adminUrl, testEnv } from './env.js';
import { withDatabase } from './global-setup.js';

declare module 'vitest' {
  export interface ProvidedContext {
    templateFile: string;
    templateDatabase: string;
  }
}

let shared: Promise<Db> | undefined;

/** A fresh copy of the migrated template: PGlite from the dump, or a new PostgreSQL database. */
export async function createTestDb(): Promise<Db> {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const template = inject('templateDatabase');
    const name = `${template}_f${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl(url) });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
    } finally {
      await admin.end();
    }
    return openPostgres(withDatabase(url, name), 5);
  }
  const dump = new Blob([readFileSync(inject('templateFile'))]);
  return openPglite('memory://', { loadDataDir: dump });
}

/** One database per test file, shared by the tests in it (factories keep them apart by municipality). */
export function testDb(): Promise<Db> {
  shared ??= createTestDb();
  return shared;
}

/**
 * Closes this file's database once the file is done (see per-file.ts): test files share a worker's modules, so the
 * next file would otherwise find it, and each file is to start from its own fresh copy of the template.
 */
export async function closeTestDb(): Promise<void> {
  const db = shared;
  shared = undefined;
  if (db) await (await db).close();
}

/** The number a `SELECT count(*)::int AS n …` answers. */
export async function countRows(db: Db, sql: string, params: unknown[] = []): Promise<number> {
  const { rows } = await db.query<{ n: number }>(sql, params);
  return rows[0]!.n;
}

export interface TestApp {
  app: FastifyInstance;
  deps: Deps;
  db: Db;
  config: Config;
  queue: Queue;
  /** Moves the test clock; every service reads time through deps.now. */
  clock: { now: Date; advance(ms: number): void };
  close(): Promise<void>;
}

/** Builds the whole app on this file's database with a municipality of its own. */
export async function buildTestApp(
  options: {
    env?: Record<string, string>;
    municipality?: Partial<Config['municipality']>;
    db?: Db;
    /** Extra routes in the API or page scope, for probing platform behaviour (e.g. body limits). */
    extend?: BuildOptions['extend'];
    /** Test-only job definitions besides the registry's; their queues are installed. */
    jobs?: JobDefinition[];
    /** Where the test clock starts (it runs on from there); tests whose outcome depends on the date pin it. */
    now?: Date | string;
  } = {},
): Promise<TestApp> {
  const db = options.db ?? (await testDb());
  const base = loadConfig(testEnv(options.env));
  const id = `t-${randomBytes(4).toString('hex')}`;
  const ars = String(Math.floor(Math.random() * 1e12)).padStart(12, '0');
  const config: Config = { ...base, municipality: { ...base.municipality, id, ars, ...options.municipality } };
  await upsertMunicipality(db, config.municipality);
  const clock = {
    now: new Date(options.now ?? Date.now()),
    advance(ms: number) {
      clock.now = new Date(clock.now.getTime() + ms);
    },
  };
  const now = () => new Date(clock.now.getTime() + (Date.now() - started));
  const started = Date.now();
  const queue = createQueue({ config, db, now }, [...jobDefinitions, ...(options.jobs ?? [])]);
  if (options.jobs?.length) await queue.install();
  const deps: Deps = { config, db, jobs: queue, now };
  const app = await buildApp(deps, options.extend ? { extend: options.extend } : {});
  await app.ready();
  return {
    app,
    deps,
    db,
    config,
    queue,
    clock,
    async close() {
      await queue.stop();
      await app.close();
    },
  };
}
