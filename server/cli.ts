import pino from 'pino';
import { cliCommands } from './commands.js';
import { jobDefinitions } from './jobs.js';
import { runCli } from './platform/cli/run.js';
import { type Config, ConfigError, loadConfig } from './platform/config.js';
import { openDb } from './platform/db.js';
import { createQueue } from './platform/jobs/queue.js';
import { migrate } from './platform/migrate.js';
import { upsertMunicipality } from './platform/municipality.js';

/** `npm run cli -- <command>`: opens and migrates the database, runs one operator command, exits. */
async function cli(argv: string[]): Promise<number> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      return 78;
    }
    throw err;
  }
  const log = pino({ level: config.logLevel === 'info' ? 'warn' : config.logLevel });
  const db = await openDb(config);
  try {
    const applied = await migrate(db);
    if (argv[0] === 'db:migrate') {
      console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.');
      return 0;
    }
    await upsertMunicipality(db, config.municipality);
    const now = () => new Date();
    const queue = createQueue({ config, db, now }, jobDefinitions);
    await queue.install();
    const deps = { config, db, jobs: queue, now };
    const code = await runCli(cliCommands, argv, { deps, queue, log, out: (line) => console.log(line) });
    await queue.stop();
    return code;
  } finally {
    await db.close();
  }
}

process.exitCode = await cli(process.argv.slice(2));
