import { buildApp } from './app.js';
import { seedDemoIfEmpty } from './features/demo/service.js';
import { jobDefinitions } from './jobs.js';
import { type Config, ConfigError, loadConfig } from './platform/config.js';
import { openDb } from './platform/db.js';
import { createQueue } from './platform/jobs/queue.js';
import { migrate } from './platform/migrate.js';
import { upsertMunicipality } from './platform/municipality.js';

/** Reads config, opens and migrates the database, then starts the roles this process has. */
async function main(): Promise<void> {
  const started = performance.now();
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(78); // EX_CONFIG
    }
    throw err;
  }
  const db = await openDb(config);
  await migrate(db);
  await upsertMunicipality(db, config.municipality);
  const now = () => new Date();
  const queue = createQueue({ config, db, now }, jobDefinitions);
  const deps = { config, db, jobs: queue, now };
  const app = await buildApp(deps);
  await queue.install();
  if (config.demoData) await seedDemoIfEmpty(deps, app.log);

  if (config.roles.includes('worker')) await queue.startWorker(app.log);
  if (config.roles.includes('scheduler')) await queue.startScheduler(app.log);
  if (config.roles.includes('web')) await app.listen({ port: config.port, host: config.host });
  else await app.ready();
  app.log.info(
    { roles: config.roles, engine: db.engine, ms: Math.round(performance.now() - started) },
    'Bürgerservice started',
  );

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down: finishing requests and running jobs');
    const force = setTimeout(() => process.exit(1), config.shutdownTimeoutSeconds * 1000);
    force.unref();
    await app.close(); // stops accepting, waits for in-flight requests
    await queue.stop(); // waits for running jobs
    await db.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

await main();
