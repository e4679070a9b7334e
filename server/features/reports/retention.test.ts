import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobDefinitions } from '../../jobs.js';
import { runCli } from '../../platform/cli/run.js';
import { buildTestApp, type TestApp } from '../../test/app.js';
import { seedTestAddresses } from '../../test/factories/addresses.js';
import {
  captureLog,
  type Dump,
  dump,
  type Made,
  makePersonalReport,
  personal,
  wholeDatabaseText,
} from '../../test/factories/personal-reports.js';
import { createCategory, createReport, type TestReportOverrides } from '../../test/factories/reports.js';
import { jobCommands } from '../jobs/cli.js';
import { landmarkKey } from './core/landmarks.js';
import { hashStatusToken } from './core/status-token.js';
import { getReportFigures } from './figures/service.js';

const day = 24 * 60 * 60 * 1000;
const t0 = new Date('2025-01-10T09:00:00Z');
const at = (days: number) => new Date(t0.getTime() + days * day);
const wholePeriod = { from: '2024-12', to: '2026-12' };

let t: TestApp;
let other: TestApp;
let categoryId: number;
let addressId: number;
let addressStreet: string;

const reportRow = async (id: number) =>
  (await t.db.query<Record<string, unknown>>('SELECT * FROM reports WHERE id = $1', [id])).rows[0]!;

/** A report full of personal data in the test category, at the test address. */
const makeReport = (app: TestApp, tag: string, o: TestReportOverrides & { closedAt?: Date } = {}) =>
  makePersonalReport(app, { categoryId, addressId }, tag, o);

const sweep = (app: TestApp, dryRun: boolean, log = pino({ level: 'silent' })) =>
  app.queue.runNow('reports.anonymise', {}, { dryRun, log });

const made: Record<string, Made> = {};

beforeAll(async () => {
  t = await buildTestApp();
  other = await buildTestApp();
  t.clock.now = t0;
  other.clock.now = t0;
  await seedTestAddresses(t.deps);
  await seedTestAddresses(other.deps);
  categoryId = await createCategory(t.deps, {
    code: 'falschparker',
    questions: [
      { code: 'kennzeichen', datatype: 'string', required: false, label: { de: 'Kennzeichen', en: 'Plate' } },
      {
        code: 'art',
        datatype: 'singlevaluelist',
        required: false,
        label: { de: 'Art', en: 'Kind' },
        values: [{ key: 'sperrmuell', name: { de: 'Sperrmüll', en: 'Bulky waste' } }],
      },
    ],
  });
  const address = await t.db.query<{ id: number; street: string }>(
    'SELECT id, street FROM addresses WHERE municipality_id = $1 ORDER BY id LIMIT 1',
    [t.config.municipality.id],
  );
  addressId = Number(address.rows[0]!.id);
  addressStreet = address.rows[0]!.street;
  await t.db.query(
    `INSERT INTO landmarks (municipality_id, name, name_key, kind, lat, lon) VALUES ($1, 'Kesselbrink', $2, 'place',
     52.02, 8.535)`,
    [t.config.municipality.id, landmarkKey('Kesselbrink')],
  );

  // Closed on day 5, the category keeps data 91 days after closing: due from day 96.
  made.closedLongAgo = await makeReport(t, 'alt', { status: 'done', closedAt: at(5) });
  // Personal text, but a moderated public text: the public text stays.
  made.moderated = await makeReport(t, 'mod', { status: 'rejected', closedAt: at(6) });
  await t.db.query(`UPDATE reports SET public_description = 'Müll am Straßenrand.' WHERE id = $1`, [made.moderated.id]);
  // A landmark that is a named public place stays; a short retention category elsewhere.
  made.landmark = await makeReport(t, 'platz', { status: 'done', closedAt: at(7), landmark: 'Kesselbrink' });
  // Closed on day 90: kept until day 181.
  made.closedRecently = await makeReport(t, 'neu', { status: 'done', closedAt: at(90) });
  // Still open: kept until the maximum of 365 days after it was made.
  made.open = await makeReport(t, 'offen', { status: 'in_progress' });
  // Another municipality's report, long due: not this municipality's sweep.
  const otherCategory = await createCategory(other.deps, { code: 'laub' });
  made.otherCity = await createReport(other.deps, {
    categoryId: otherCategory,
    status: 'done',
    reporterEmail: 'other-city@example.org',
  }).then((r) => ({ ...r, p: personal('fremd') }));
  await other.db.query('UPDATE reports SET closed_at = $2 WHERE id = $1', [made.otherCity.id, at(1)]);
  t.clock.now = at(100);
  other.clock.now = at(100);
});
afterAll(async () => {
  await t?.close();
  await other?.close();
});

describe('reports.anonymise', () => {
  it('is scheduled nightly and supports dry runs', () => {
    const def = jobDefinitions.find((d) => d.name === 'reports.anonymise');
    expect(def?.schedule?.cron).toBe('30 2 * * *');
    expect(def?.supportsDryRun).toBe(true);
  });

  it('changes nothing in a dry run and prints the counts (cli job reports.anonymise --dry-run)', async () => {
    const before = await dump(t);
    const lines: string[] = [];
    const code = await runCli(jobCommands, ['job', 'reports.anonymise', '--dry-run'], {
      deps: t.deps,
      queue: t.queue,
      log: pino({ level: 'silent' }),
      out: (l) => lines.push(l),
    });
    expect(code).toBe(0);
    const out = lines.join('\n');
    expect(out).toContain('reports.anonymise (dry run) finished');
    // Three reports due; per report 1 pending + 1 hidden photo, 1 supporter e-mail, 1 internal note.
    expect(out).toContain('reports: 3');
    expect(out).toContain('photos: 6');
    expect(out).toContain('supporterEmails: 3');
    expect(out).toContain('internalNotes: 3');
    expect(out).toContain('personalDescriptions: 3');
    expect(await dump(t)).toEqual(before);
  });

  it('deletes the personal data of reports past their period; figures stay exactly the same', async () => {
    const figuresBefore = await getReportFigures(t.deps, wholePeriod);
    expect(figuresBefore.total).toBe(5);
    const keptBefore = await dump(t);
    const { log, lines } = captureLog();

    const result = await sweep(t, false, log);
    expect(result).toEqual({
      reports: 3,
      photos: 6,
      supporterEmails: 3,
      internalNotes: 3,
      personalDescriptions: 3,
      skipped: 0,
      digestRecords: 0,
    });
    expect(await getReportFigures(t.deps, wholePeriod)).toEqual(figuresBefore);

    const a = made.closedLongAgo!;
    const row = await reportRow(a.id);
    expect(row).toMatchObject({
      reporter_name: null,
      reporter_email: null,
      reporter_phone: null,
      notify_email: false,
      status_token_nonce: null,
      status_token_hash: null,
      description: '',
      public_description: null,
      answers: { art: 'sperrmuell' },
      lat: 52.015,
      lon: 8.531,
      address_id: null,
      address_label: addressStreet,
      landmark: null,
      status: 'done',
      category_id: categoryId,
      closed_at: at(5),
    });
    expect(row.anonymised_at).toEqual(expect.any(Date));
    expect(row.district_id).toBe(keptBefore.reports.find((r) => r.id === a.id)?.district_id);
    expect(
      (await t.db.query('SELECT 1 FROM reports WHERE status_token_hash = $1', [hashStatusToken(a.statusToken)]))
        .rowCount,
    ).toBe(0);

    const photos = await t.db.query<{ review: string }>('SELECT review FROM report_photos WHERE report_id = $1', [
      a.id,
    ]);
    expect(photos.rows).toEqual([{ review: 'approved' }]);
    const supporters = await t.db.query(
      `SELECT email, notify_email, unsubscribe_nonce, unsubscribe_token_hash FROM report_supporters
        WHERE report_id = $1 ORDER BY id`,
      [a.id],
    );
    const gone = { email: null, notify_email: false, unsubscribe_nonce: null, unsubscribe_token_hash: null };
    expect(supporters.rows).toEqual([gone, gone]);
    expect((await reportRow(a.id)).supporter_count).toBe(2);
    const events = await t.db.query<{ kind: string; public: boolean; internal_note: string | null }>(
      'SELECT kind, public, internal_note, public_note FROM report_events WHERE report_id = $1 ORDER BY id',
      [a.id],
    );
    expect(events.rows).toEqual([
      { kind: 'created', public: true, internal_note: null, public_note: null },
      { kind: 'note', public: true, internal_note: null, public_note: 'Wir kümmern uns darum.' },
      { kind: 'anonymised', public: false, internal_note: null, public_note: null },
    ]);
    expect((await t.db.query(`SELECT 1 FROM idempotent_requests WHERE key = $1`, [`key-${a.id}`])).rowCount).toBe(0);

    expect(await reportRow(made.moderated!.id)).toMatchObject({
      description: '',
      public_description: 'Müll am Straßenrand.',
    });
    expect(await reportRow(made.landmark!.id)).toMatchObject({ landmark: 'Kesselbrink', reporter_email: null });

    // The recently closed and the open report keep everything.
    for (const kept of [made.closedRecently!, made.open!]) {
      const now = await dump(t);
      const pick = (d: Dump, table: 'photos' | 'supporters' | 'events') =>
        d[table].filter((r) => r.report_id === kept.id);
      expect(now.reports.find((r) => r.id === kept.id)).toEqual(keptBefore.reports.find((r) => r.id === kept.id));
      for (const table of ['photos', 'supporters', 'events'] as const) {
        expect(pick(now, table)).toEqual(pick(keptBefore, table));
      }
    }
    // Another municipality's sweep runs on its own.
    expect(
      (await other.db.query('SELECT reporter_email FROM reports WHERE id = $1', [made.otherCity!.id])).rows,
    ).toEqual([{ reporter_email: 'other-city@example.org' }]);

    // Counts are logged, never the data.
    const logged = lines.join('');
    expect(logged).toContain('"reports":3');
    for (const r of [made.closedLongAgo!, made.moderated!, made.landmark!]) {
      for (const value of [...Object.values(r.p), r.reference, r.statusToken]) expect(logged).not.toContain(value);
    }

    // Nothing personal of the anonymised reports is left anywhere in the database.
    const everything = await wholeDatabaseText(t);
    for (const r of [made.closedLongAgo!, made.moderated!, made.landmark!]) {
      for (const value of [...Object.values(r.p), r.statusToken]) expect(everything).not.toContain(value);
    }
    expect(everything).toContain(made.closedRecently!.p.email);

    expect(await sweep(t, false)).toMatchObject({ reports: 0, skipped: 0 });
  });

  it('deletes the personal data of a report open longer than the maximum, and of the rest in time', async () => {
    const figuresBefore = await getReportFigures(t.deps, wholePeriod);
    t.clock.now = at(364);
    expect(await sweep(t, true)).toMatchObject({ reports: 1, dryRun: true });
    t.clock.now = at(366);
    expect(await sweep(t, true)).toMatchObject({ reports: 2, dryRun: true });
    expect(await sweep(t, false)).toMatchObject({ reports: 2, photos: 4, supporterEmails: 2, internalNotes: 2 });
    expect(await reportRow(made.open!.id)).toMatchObject({
      status: 'in_progress',
      reporter_email: null,
      status_token_hash: null,
      anonymised_at: expect.any(Date),
    });
    expect(await getReportFigures(t.deps, wholePeriod)).toEqual(figuresBefore);

    const everything = await wholeDatabaseText(t);
    for (const r of Object.values(made).filter((r) => r !== made.otherCity)) {
      for (const value of [...Object.values(r.p), r.statusToken]) expect(everything).not.toContain(value);
    }
  });

  it('skips a report another sweep holds, and one that is no longer due', async () => {
    t.clock.now = at(400);
    const r = await makeReport(t, 'sperre', { status: 'done', closedAt: at(390) });
    t.clock.now = at(500);
    if (t.db.engine === 'postgres') {
      // Row locks need a second connection; PGlite has one, so this part runs on PostgreSQL only.
      let release!: () => void;
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      let locked!: () => void;
      const isLocked = new Promise<void>((resolve) => {
        locked = resolve;
      });
      const holder = t.db.transaction(async (tx) => {
        await tx.query('SELECT 1 FROM reports WHERE id = $1 FOR UPDATE', [r.id]);
        locked();
        await held;
      });
      await isLocked;
      expect(await sweep(t, false)).toMatchObject({ reports: 0, skipped: 1 });
      release();
      await holder;
      expect((await reportRow(r.id)).reporter_email).toBe(r.p.email);
    }
    // Reopened (no longer closed, and made less than a year ago): not due any more.
    await t.db.query(`UPDATE reports SET status = 'in_progress', closed_at = NULL WHERE id = $1`, [r.id]);
    expect(await sweep(t, true)).toMatchObject({ reports: 0 });
    expect(await sweep(t, false)).toMatchObject({ reports: 0, skipped: 0 });
    expect((await reportRow(r.id)).reporter_email).toBe(r.p.email);
  });
});
