import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { jobDefinitions } from '../jobs.js';
import { loadConfig } from '../platform/config.js';
import { openPglite, openPostgres } from '../platform/db.js';
import { createQueue } from '../platform/jobs/queue.js';
import { migrate } from '../platform/migrate.js';
import { adminUrl, testEnv } from './env.js';

/** Migrates one template database per run; each test file then gets its own copy of it. */
export default async function setup({ provide }: { provide: (key: string, value: string) => void }) {
  const config = loadConfig(testEnv());
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const name = `bs_tpl_${process.pid}_${randomBytes(3).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl(url) });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const db = await openPostgres(withDatabase(url, name), 2);
    await migrate(db);
    await createQueue({ config, db, now: () => new Date() }, jobDefinitions).install();
    await db.close();
    provide('templateDatabase', name);
    return async () => {
      const { rows } = await admin.query<{ datname: string }>(
        `SELECT datname FROM pg_database WHERE datname = $1 OR datname LIKE $2`,
        [name, `${name}_f%`],
      );
      for (const r of rows) await admin.query(`DROP DATABASE IF EXISTS ${r.datname} WITH (FORCE)`);
      await admin.end();
    };
  }
  const db = await openPglite('memory://');
  await migrate(db);
  await createQueue({ config, db, now: () => new Date() }, jobDefinitions).install();
  const dump = await db.lite!.dumpDataDir('gzip');
  await db.close();
  const file = join(tmpdir(), `bs-template-${process.pid}.tar.gz`);
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  provide('templateFile', file);
  return () => rmSync(file, { force: true });
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}
