import { once } from 'node:events';
import { type AddressInfo, createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabaseFromTemplate } from '../test/fixtures/processes.js';
import { type Db, openPostgres } from './db.js';

const postgres = !!process.env.TEST_DATABASE_URL;
if (!postgres) console.info('[db] statement deadline tests skipped: they need TEST_DATABASE_URL (PGlite has none)');

describe.skipIf(!postgres)('PostgreSQL statement deadlines', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openPostgres(await createDatabaseFromTemplate(), 2, { connectTimeoutMs: 5000, statementTimeoutMs: 300 });
  });
  afterAll(() => db?.close());

  it('cancels a statement that runs past DATABASE_STATEMENT_TIMEOUT_MS', async () => {
    await expect(db.query('SELECT pg_sleep(5)')).rejects.toMatchObject({ code: '57014' });
    // The pool is still usable afterwards.
    expect((await db.query<{ one: number }>('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
  });

  it('lets a transaction choose its own deadline, or none', async () => {
    await expect(
      db.transaction((tx) => tx.query('SELECT pg_sleep(1)'), { statementTimeoutMs: 100 }),
    ).rejects.toMatchObject({ code: '57014' });
    const { rows } = await db.transaction((tx) => tx.query<{ v: string }>('SELECT pg_sleep(0.5), 1 AS v'), {
      statementTimeoutMs: 0,
    });
    expect(rows).toHaveLength(1);
    // The setting was local to that transaction.
    await expect(db.query('SELECT pg_sleep(1)')).rejects.toMatchObject({ code: '57014' });
  });
});

describe('openPostgres', () => {
  it('closes its pool and throws the connection error itself when nothing answers', async () => {
    const server = createServer().listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    const deadlines = { connectTimeoutMs: 2000, statementTimeoutMs: 1000 };
    await expect(openPostgres(`postgres://root@127.0.0.1:${port}/none`, 1, deadlines)).rejects.toMatchObject({
      code: 'ECONNREFUSED',
    });
  });
});
