import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import pino from 'pino';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, openPglite, openPostgres } from '../../platform/db.js';
import { migrate, migrationsDir } from '../../platform/migrate.js';
import type { TestApp } from '../../test/app.js';
import { adminUrl } from '../../test/env.js';
import { buildReportsApp, reportInput, solveAltcha } from '../../test/factories/reports-core.js';
import { withDatabase } from '../../test/global-setup.js';
import { submitReport } from './intake/submit-service.js';
import { addSupporter } from './intake/supporters.js';

// The child tables of reports carry the municipality key (migration 0011): existing rows get their report's,
// new rows are written with it, and a key that is not the report's is refused.

const children = ['report_events', 'report_photos', 'report_supporters', 'report_notifications'] as const;

/** An empty database of the suite's engine (PGlite, or PostgreSQL with TEST_DATABASE_URL), closed by `drop`. */
async function emptyDatabase(): Promise<{ db: Db; drop: () => Promise<void> }> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    const db = await openPglite('memory://');
    return { db, drop: () => db.close() };
  }
  const name = `bs_mk_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl(url) });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const db = await openPostgres(withDatabase(url, name), 2);
  return {
    db,
    drop: async () => {
      await db.close();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

/** The rows of a child table whose key differs from their report's (notifications: from their event's report). */
async function mismatched(db: Db, table: (typeof children)[number]): Promise<number> {
  const parent =
    table === 'report_notifications'
      ? 'JOIN report_events e ON e.id = c.event_id JOIN reports r ON r.id = e.report_id'
      : 'JOIN reports r ON r.id = c.report_id';
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM ${table} c ${parent} WHERE c.municipality_id IS DISTINCT FROM r.municipality_id`,
  );
  return (rows[0] as { n: number }).n;
}

const count = async (db: Db, table: string) =>
  (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]?.n ?? 0;

describe('migration 0011: the municipality key of report child tables', () => {
  let db: Db;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ db, drop } = await emptyDatabase());
  });
  afterAll(() => drop?.());

  it('fills the key of existing rows from their report, NOT NULL, and refuses another municipality', async () => {
    const before = mkdtempSync(join(tmpdir(), 'bs-migrations-'));
    try {
      for (const f of readdirSync(migrationsDir).filter((f) => f < '0011')) {
        copyFileSync(join(migrationsDir, f), join(before, f));
      }
      await migrate(db, before);
    } finally {
      rmSync(before, { recursive: true, force: true });
    }
    await db.query(
      `INSERT INTO municipalities (id, name, ars) VALUES ('aa', 'Aa', '000000000001'), ('bb', 'Bb', '000000000002');
       INSERT INTO report_categories (municipality_id, code, name) VALUES ('aa', 'x', '{}'), ('bb', 'x', '{}');
       INSERT INTO reports (municipality_id, reference, category_id, description, lat, lon, location_method)
         SELECT c.municipality_id, upper(c.municipality_id) || '-2026-000001', c.id, 'Text', 52, 8.5, 'map'
           FROM report_categories c;
       INSERT INTO report_events (report_id, kind) SELECT id, 'created' FROM reports;
       INSERT INTO report_photos (report_id, content_type, data, width, height, byte_size)
         SELECT id, 'image/jpeg', '\\xffd8ff', 1, 1, 3 FROM reports;
       INSERT INTO report_supporters (report_id) SELECT id FROM reports;
       INSERT INTO report_notifications (event_id, recipient_kind, outcome, at)
         SELECT id, 'reporter', 'sent', now() FROM report_events;`,
    );
    expect(await migrate(db)).toContain('0011_report_child_municipality.sql');

    for (const table of children) {
      expect(await count(db, table), table).toBe(2);
      expect(await mismatched(db, table), table).toBe(0);
      const { rows } = await db.query<{ is_nullable: string }>(
        `SELECT is_nullable FROM information_schema.columns WHERE table_name = $1 AND column_name = 'municipality_id'`,
        [table],
      );
      expect(rows, table).toEqual([{ is_nullable: 'NO' }]);
    }
    await expect(
      db.query(
        `INSERT INTO report_events (municipality_id, report_id, kind)
         SELECT 'bb', id, 'note' FROM reports WHERE municipality_id = 'aa'`,
      ),
    ).rejects.toThrow(/foreign key/i);
    await expect(
      db.query(`INSERT INTO report_supporters (report_id) SELECT id FROM reports WHERE municipality_id = 'aa'`),
    ).rejects.toThrow(/null/i);
  });
});

describe('the writes of the Mängelmelder set the key', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildReportsApp();
  });
  afterAll(() => t.close());

  it('a submission with a photo, a supporter and a notification claim: every child row has its report’s key', async () => {
    const jpeg = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#abc' } })
      .jpeg()
      .toBuffer();
    const mid = t.config.municipality.id;
    const report = await submitReport(
      t.deps,
      mid,
      reportInput({
        photos: [{ data: jpeg }],
        contact: { email: 'melder@example.org', notifyEmail: true, consent: true },
        proofOfWork: await solveAltcha(t.deps),
      }),
    );
    await addSupporter(t.deps, mid, report.reference, {
      email: 'nachbar@example.org',
      notifyEmail: true,
      language: 'de',
    });
    const eventId = await firstEventId(t, report.id);
    await t.queue.runNow('reports.notify-status', { eventId }, { dryRun: false, log: pino({ level: 'silent' }) });
    for (const table of children) {
      expect(await count(t.db, table), table).toBeGreaterThan(0);
      expect(await mismatched(t.db, table), table).toBe(0);
    }
  });
});

async function firstEventId(t: TestApp, reportId: number): Promise<number> {
  const { rows } = await t.db.query<{ id: number }>(
    'SELECT id FROM report_events WHERE report_id = $1 ORDER BY id LIMIT 1',
    [reportId],
  );
  return Number(rows[0]?.id);
}
