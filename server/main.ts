import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import { seedDemoIfEmpty } from './features/demo/service.js';
import { jobDefinitions } from './jobs.js';
import { type Config, ConfigError, loadConfig } from './platform/config.js';
import type { Db } from './platform/db.js';
import { DatabaseUnavailableError, openDbAtStart } from './platform/db-start.js';
import { refreshStatistics } from './platform/db-statistics.js';
import type { Deps } from './platform/deps.js';
import { addressToOpen, closeServer, shutdownGraceMs } from './platform/http/server-options.js';
import { createQueue, type Queue } from './platform/jobs/queue.js';
import type { JobDefinition } from './platform/jobs/types.js';
import { createLogger } from './platform/log.js';
import { migrate } from './platform/migrate.js';
import { upsertMunicipality } from './platform/municipality.js';

export interface StartOptions {
  /** Job definitions (default: the registry); test fixtures add their own. */
  definitions?: JobDefinition[];
  /** The environment to configure from (default: process.env). */
  env?: Record<string, string | undefined>;
  /** Runs after the migrations, before any role starts (test fixtures create their tables here). */
  afterMigrate?: (db: Db) => Promise<void>;
  /** Shut down gracefully and exit on SIGTERM/SIGINT (default: true). */
  handleSignals?: boolean;
}

export interface Server {
  app: FastifyInstance;
  config: Config;
  db: Db;
  queue: Queue;
  /** Finishes requests, then running jobs, then closes the database. */
  stop(): Promise<void>;
}

/** Reads config, opens and migrates the database, then starts the roles this process has (web, worker, scheduler). */
export async function start(options: StartOptions = {}): Promise<Server> {
  const started = performance.now();
  const config = loadConfig(options.env ?? process.env);
  const log = createLogger(config);
  // Progress lines, so that a first start (migrations, demo data) does not look hung.
  log.info({ engine: config.databaseUrl ? 'postgres' : 'pglite' }, 'opening the database');
  const db = await openDbAtStart(config, log);
  const migrations = await migrate(db);
  log.info({ applied: migrations.length }, 'database migrated');
  await options.afterMigrate?.(db);
  await upsertMunicipality(db, config.municipality);
  const now = () => new Date();
  const queue = createQueue({ config, db, now }, options.definitions ?? jobDefinitions);
  const deps: Deps = { config, db, jobs: queue, now };
  await queue.install();
  const app = await buildApp(deps);
  if (config.demoData) {
    log.info('demo data: loading it unless already present (on a first start this takes a little while)');
    await seedDemoIfEmpty(deps, app.logger);
  }
  // After migrations and seeding, before the first request: PGlite has no autovacuum to gather them.
  await refreshStatistics(db);

  if (config.roles.includes('worker')) await queue.startWorker(app.logger);
  if (config.roles.includes('scheduler')) await queue.startScheduler(app.logger);
  if (config.roles.includes('web')) await app.listen({ port: config.port, host: config.host });
  else await app.ready();
  app.logger.info(
    { roles: config.roles, engine: db.engine, ms: Math.round(performance.now() - started) },
    'Bürgerservice started',
  );
  if (config.roles.includes('web')) {
    const { url, adminUrl } = addressToOpen(config, app.server.address());
    app.logger.info({ url, adminUrl }, `Bürgerservice is ready: ${url} (back office: ${adminUrl})`);
  }

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      await closeServer(app, shutdownGraceMs(config)); // stops accepting, lets requests in progress finish
      await queue.stop(); // stops scheduling and fetching, waits for running jobs
      await db.close();
    })();
    return stopping;
  };

  if (options.handleSignals ?? true) {
    const shutdown = (signal: string) => {
      app.logger.info({ signal }, 'shutting down: finishing requests and running jobs');
      const force = setTimeout(() => {
        app.logger.error({ seconds: config.shutdownTimeoutSeconds }, 'shutdown timed out; exiting');
        process.exit(1);
      }, config.shutdownTimeoutSeconds * 1000);
      force.unref();
      stop().then(
        () => process.exit(0),
        (err: unknown) => {
          app.logger.error({ err }, 'shutdown failed');
          process.exit(1);
        },
      );
    };
    process.once('SIGTERM', () => shutdown('SIGTERM'));
    process.once('SIGINT', () => shutdown('SIGINT'));
  }
  return { app, config, db, queue, stop };
}

/** True when this module is the program being run (not imported by a fixture or test). */
function isEntryPoint(): boolean {
  try {
    return !!process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  try {
    await start();
  } catch (err) {
    if (err instanceof DatabaseUnavailableError) process.exit(69); // EX_UNAVAILABLE; the log line says why
    if (!(err instanceof ConfigError)) throw err;
    console.error(err.message);
    process.exit(78); // EX_CONFIG
  }
}
