import { once } from 'node:events';
import { type AddressInfo, createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../test/app.js';
import { testEnv } from '../test/env.js';
import { createDatabaseFromTemplate } from '../test/fixtures/processes.js';
import { loadConfig } from './config.js';
import { afterCommit, type Db, defaultPgliteSharedBuffersMb, openPglite, openPostgres } from './db.js';

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

describe('PGlite', () => {
  const sharedBuffers = async (db: Db) =>
    (await db.query<{ shared_buffers: string }>('SHOW shared_buffers')).rows[0]?.shared_buffers;

  // A fresh PGlite runs initdb: seconds on a busy machine.
  it('starts with 32 MB of shared buffers instead of 128 MB (most of an idle server), or as configured', {
    timeout: 120_000,
  }, async () => {
    expect(loadConfig(testEnv()).database.pgliteSharedBuffersMb).toBe(defaultPgliteSharedBuffersMb);
    expect(defaultPgliteSharedBuffersMb).toBe(32);
    const configured = loadConfig(testEnv({ PGLITE_SHARED_BUFFERS_MB: '16' })).database.pgliteSharedBuffersMb;
    expect(configured).toBe(16);
    expect(() => loadConfig(testEnv({ PGLITE_SHARED_BUFFERS_MB: '0' }))).toThrow(/pgliteSharedBuffersMb/);
    const small = await openPglite('memory://', { sharedBuffersMb: configured });
    try {
      expect(await sharedBuffers(small)).toBe('16MB');
      // PGlite's own start parameters still hold.
      expect((await small.query<{ search_path: string }>('SHOW search_path')).rows[0]?.search_path).toBe('public');
    } finally {
      await small.close();
    }
  });

  it('runs after-commit work only once the transaction committed, and never after a rollback', async () => {
    const db = await createTestDb();
    try {
      const seen: string[] = [];
      await db.transaction(async (tx) => {
        afterCommit(tx, () => seen.push('committed'));
        expect(seen).toEqual([]);
      });
      expect(seen).toEqual(['committed']);
      await expect(
        db.transaction(async (tx) => {
          afterCommit(tx, () => seen.push('rolled back'));
          throw new Error('no');
        }),
      ).rejects.toThrow('no');
      afterCommit(db, () => seen.push('no transaction'));
      expect(seen).toEqual(['committed', 'no transaction']);
    } finally {
      await db.close();
    }
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
