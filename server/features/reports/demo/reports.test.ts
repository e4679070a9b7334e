import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { seedDemoIfEmpty } from '../../demo/service.js';
import { listCategories, selectableCategories } from '../core/categories.js';
import { closedStatuses, isClosedStatus, isOpenStatus, openStatuses } from '../core/statuses.js';
import { seedDemoReports } from './reports.js';
import { seedReportDemo } from './seed.js';

const log = pino({ level: 'silent' });
let t: TestApp;
let seedMs = 0;

beforeAll(async () => {
  t = await buildTestApp({ env: { DEMO_DATA: 'true' } });
  const started = performance.now();
  expect(await seedDemoIfEmpty(t.deps, log, () => undefined)).toBeDefined();
  seedMs = performance.now() - started;
}, 120_000);
afterAll(() => t.close());

const m = () => t.config.municipality.id;
const rows = async <R>(sql: string, params: unknown[] = [m()]) => (await t.db.query<R>(sql, params)).rows;
const one = async <R>(sql: string, params: unknown[] = [m()]) => (await rows<R>(sql, params))[0] as R;

interface ReportRow {
  id: number;
  reference: string;
  status: string;
  category: string;
  district: string | null;
  description: string;
  public_description: string | null;
  needs_screening: boolean;
  department_id: number | null;
  external_body_id: number | null;
  supporter_count: number;
  created_at: Date;
  updated_at: Date;
  due_at: Date | null;
  closed_at: Date | null;
}

const reports = () =>
  rows<ReportRow>(
    `SELECT r.id, r.reference, r.status, c.code AS category, d.key AS district, r.description, r.public_description,
            r.needs_screening, r.department_id, r.external_body_id, r.supporter_count, r.created_at, r.updated_at,
            r.due_at, r.closed_at
       FROM reports r JOIN report_categories c ON c.id = r.category_id LEFT JOIN districts d ON d.id = r.district_id
      WHERE r.municipality_id = $1 ORDER BY r.created_at, r.id`,
  );

/** What identifies the demo data independently of ids, references and the few milliseconds between runs. */
const fingerprint = (list: ReportRow[]) =>
  list.map((r) => `${r.category}|${r.district}|${r.status}|${r.description}|${r.supporter_count}`);

describe('demo reports', () => {
  it('creates about 200 reports over all selectable categories and all ten districts, quickly', async () => {
    const list = await reports();
    expect(list.length).toBeGreaterThanOrEqual(150);
    expect(list.length).toBeLessThanOrEqual(260);
    const selectable = selectableCategories(await listCategories(t.deps, m())).map((c) => c.code);
    expect(selectable.length).toBeGreaterThanOrEqual(10);
    expect(new Set(list.map((r) => r.category))).toEqual(new Set(selectable));
    const districts = await rows<{ key: string }>('SELECT key FROM districts WHERE municipality_id = $1');
    expect(districts).toHaveLength(10);
    expect(new Set(list.map((r) => r.district))).toEqual(new Set(districts.map((d) => d.key)));
    // the whole demo seed (addresses, staff, categories, reports) stays fast; the reports alone are timed below
    expect(seedMs).toBeLessThan(60_000);
  });

  it('spreads them over the last eight months, with a realistic mix of statuses', async () => {
    const list = await reports();
    const now = t.deps.now().getTime();
    const ages = list.map((r) => (now - r.created_at.getTime()) / 86_400_000);
    expect(Math.min(...ages)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...ages)).toBeLessThanOrEqual(242);
    expect(Math.max(...ages)).toBeGreaterThan(180);
    expect(ages.filter((a) => a < 30).length).toBeGreaterThan(10);
    const count = (s: string) => list.filter((r) => r.status === s).length;
    for (const s of [...openStatuses, ...closedStatuses]) expect(count(s), s).toBeGreaterThan(0);
    expect(count('done')).toBeGreaterThan(list.length / 3);
    const open = list.filter((r) => isOpenStatus(r.status));
    expect(open.length).toBeGreaterThan(15);
    // some open ones are overdue, as in real life
    expect(open.filter((r) => r.due_at && r.due_at.getTime() < now).length).toBeGreaterThan(0);
    const screening = list.filter((r) => r.needs_screening);
    expect(screening.length).toBeGreaterThan(0);
    expect(screening.length).toBeLessThan(15);
    for (const r of screening) expect([r.status, r.public_description]).toEqual(['received', null]);
    const moderated = list.filter((r) => r.public_description !== null);
    expect(moderated.length).toBeGreaterThan(list.length * 0.75);
    for (const r of moderated) expect(r.public_description).toBe(r.description);
    expect(new Set(list.map((r) => r.description)).size).toBeGreaterThan(120);
  });

  it('stores no personal data: web reports without reporter, status link or supporter e-mail, no mails', async () => {
    const r = await one<{ n: number; personal: number; web: number; tokens: number }>(
      `SELECT count(*)::int AS n,
              count(*) FILTER (WHERE reporter_name IS NOT NULL OR reporter_email IS NOT NULL
                                 OR reporter_phone IS NOT NULL OR notify_email OR description_personal)::int AS personal,
              count(*) FILTER (WHERE source = 'web' AND language = 'de')::int AS web,
              count(*) FILTER (WHERE status_token_hash IS NOT NULL OR status_token_nonce IS NOT NULL)::int AS tokens
         FROM reports WHERE municipality_id = $1`,
    );
    expect(r).toEqual({ n: r.n, personal: 0, web: r.n, tokens: 0 });
    const texts = await rows<{ text: string }>(
      `SELECT description AS text FROM reports WHERE municipality_id = $1
       UNION ALL SELECT coalesce(e.public_note, '') || ' ' || coalesce(e.internal_note, '') FROM report_events e
         JOIN reports r ON r.id = e.report_id WHERE r.municipality_id = $1
       UNION ALL SELECT answers::text FROM reports WHERE municipality_id = $1`,
    );
    for (const { text } of texts) {
      expect(text).not.toMatch(/@|\+49|\b0\d{3,}[ /-]?\d{4,}|\b[A-ZÄÖÜ]{1,3}-[A-Z]{1,2} ?\d{1,4}\b/);
    }
    const sup = await one<{ n: number; email: number }>(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE s.email IS NOT NULL OR s.notify_email)::int AS email
         FROM report_supporters s JOIN reports r ON r.id = s.report_id WHERE r.municipality_id = $1`,
    );
    expect(sup.n).toBeGreaterThan(0);
    expect(sup.email).toBe(0);
    const queued = await one<{ jobs: boolean }>("SELECT to_regclass('pgboss.job') IS NOT NULL AS jobs", []);
    if (queued.jobs) {
      const jobs = await one<{ n: number }>(
        "SELECT count(*)::int AS n FROM pgboss.job WHERE name LIKE 'reports.%' OR name LIKE 'mail%'",
        [],
      );
      expect(jobs.n).toBe(0);
    }
  });

  it('puts every report at a demo address inside its district', async () => {
    const r = await one<{ n: number; outside: number; noAddress: number; mismatch: number }>(
      `SELECT count(*)::int AS n,
              count(*) FILTER (WHERE NOT (d.boundary @> r.location))::int AS outside,
              count(*) FILTER (WHERE a.id IS NULL OR a.source <> 'demo')::int AS "noAddress",
              count(*) FILTER (WHERE a.district_id <> r.district_id OR a.lat <> r.lat OR a.lon <> r.lon
                                 OR r.address_label NOT LIKE a.street || ' %')::int AS mismatch
         FROM reports r JOIN districts d ON d.id = r.district_id LEFT JOIN addresses a ON a.id = r.address_id
        WHERE r.municipality_id = $1`,
    );
    expect(r.n).toBeGreaterThanOrEqual(150);
    expect(r).toMatchObject({ outside: 0, noAddress: 0, mismatch: 0 });
  });

  it('has a consistent history: created → forwarded → accepted → … with public closing notes', async () => {
    const list = await reports();
    const events = await rows<{
      report_id: number;
      kind: string;
      status_from: string | null;
      status_to: string | null;
      public: boolean;
      public_note: string | null;
      department_id: number | null;
      external_body_id: number | null;
      created_at: Date;
    }>(
      `SELECT e.report_id, e.kind, e.status_from, e.status_to, e.public, e.public_note, e.department_id,
              e.external_body_id, e.created_at
         FROM report_events e JOIN reports r ON r.id = e.report_id
        WHERE r.municipality_id = $1 ORDER BY e.report_id, e.created_at, e.id`,
    );
    const supporters = await rows<{ report_id: number; n: number; first: Date; last: Date }>(
      `SELECT s.report_id, count(*)::int AS n, min(s.created_at) AS first, max(s.created_at) AS last
         FROM report_supporters s JOIN reports r ON r.id = s.report_id WHERE r.municipality_id = $1
        GROUP BY s.report_id`,
    );
    const now = t.deps.now().getTime();
    const kinds = new Set<string>();
    for (const r of list) {
      const mine = events.filter((e) => Number(e.report_id) === Number(r.id));
      const first = mine[0];
      expect(first, r.reference).toMatchObject({ kind: 'created', status_to: 'received', public: true });
      expect(first?.created_at.getTime()).toBe(r.created_at.getTime());
      let status = 'received';
      let department: number | null = null;
      for (const e of mine.slice(1)) {
        kinds.add(e.kind);
        expect(e.created_at.getTime()).toBeLessThanOrEqual(now);
        if (e.status_to === null) continue;
        expect(e.status_from, `${r.reference} ${e.kind}`).toBe(status);
        if (e.kind === 'forwarded') department = Number(e.department_id);
        if (e.kind === 'returned') department = null;
        if (e.kind === 'accepted') expect(Number(e.department_id)).toBe(department);
        if (e.status_to !== 'forwarded' && e.status_to !== 'received') expect(e.public).toBe(true);
        status = e.status_to;
      }
      expect(status, r.reference).toBe(r.status);
      expect(r.updated_at.getTime()).toBe(Math.max(...mine.map((e) => e.created_at.getTime())));
      expect(r.due_at?.getTime()).toBeGreaterThan(r.created_at.getTime());
      if (isClosedStatus(r.status)) {
        const closing = mine.findLast((e) => e.status_to === r.status);
        expect(closing?.public).toBe(true);
        expect(closing?.public_note?.length, r.reference).toBeGreaterThan(5);
        expect(r.closed_at?.getTime(), r.reference).toBe(closing?.created_at.getTime());
      } else {
        expect(r.closed_at).toBeNull();
      }
      if (r.status !== 'received' && r.status !== 'external' && r.status !== 'rejected') {
        expect(r.department_id, r.reference).not.toBeNull();
        expect(Number(r.department_id)).toBe(department);
      }
      if (r.status === 'external') {
        expect(r.external_body_id).not.toBeNull();
        expect(mine.at(-1)?.kind === 'supporter' || mine.findLast((e) => e.status_to)?.kind === 'external').toBe(true);
      }
      const s = supporters.find((x) => Number(x.report_id) === Number(r.id));
      expect(s?.n ?? 0).toBe(r.supporter_count);
      expect(mine.filter((e) => e.kind === 'supporter')).toHaveLength(r.supporter_count);
      if (s) {
        expect(s.first.getTime()).toBeGreaterThan(r.created_at.getTime());
        expect(s.last.getTime()).toBeLessThanOrEqual(r.closed_at?.getTime() ?? now);
      }
    }
    expect([...kinds].sort()).toEqual(
      expect.arrayContaining(['accepted', 'external', 'forwarded', 'moderated', 'returned', 'status', 'supporter']),
    );
    // public notes of the note templates on done reports
    const templates = await rows<{ body: string }>(
      "SELECT body->>'de' AS body FROM report_note_templates WHERE municipality_id = $1 AND status = 'done'",
    );
    const doneNotes = events.filter((e) => e.status_to === 'done').map((e) => e.public_note);
    for (const n of doneNotes) expect(templates.map((x) => x.body)).toContain(n);
  });

  it('shows them publicly: the list, the map in a city box, not those awaiting screening', async () => {
    const page = await t.app.inject({ url: '/meldungen?lang=de', headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(200);
    const refs = [...page.body.matchAll(/href="\/meldungen\/([A-Z]+-\d{4}-\d+)"/g)].map((x) => x[1]);
    expect(refs.length).toBeGreaterThanOrEqual(10);
    const map = await t.app.inject({ url: '/api/reports/map.geojson?bbox=8.37,51.90,8.68,52.13' });
    expect(map.statusCode).toBe(200);
    const geo = map.json() as { features: { properties: { reference?: string } }[] };
    expect(geo.features.length).toBeGreaterThan(50);
    const api = await t.app.inject({ url: '/api/reports?pageSize=100', headers: { accept: 'application/json' } });
    expect(api.statusCode).toBe(200);
    const screening = await rows<{ reference: string }>(
      'SELECT reference FROM reports WHERE municipality_id = $1 AND needs_screening',
    );
    for (const s of screening) {
      const detail = await t.app.inject({ url: `/meldungen/${s.reference}`, headers: { accept: 'text/html' } });
      expect(detail.statusCode).toBe(404);
    }
    const total = await one<{ n: number }>(
      'SELECT count(*)::int AS n FROM reports WHERE municipality_id = $1 AND NOT needs_screening',
    );
    expect(api.body).toContain(`"total":${total.n}`);
  });

  it('does not seed twice, and reseeds the same data deterministically in well under 2 seconds', async () => {
    const before = await reports();
    expect(await seedDemoIfEmpty(t.deps, log, () => undefined)).toBeUndefined();
    expect(await seedReportDemo(t.deps)).toBeUndefined();
    expect(await t.db.transaction((tx) => seedDemoReports(tx, t.deps))).toBeUndefined();
    expect(await reports()).toEqual(before);

    // Without the reports (rolled back afterwards), the seed creates the same ones again.
    let ms = 0;
    let again: ReportRow[] = [];
    const rollback = new Error('rollback');
    await expect(
      t.db.transaction(async (tx) => {
        const mine = 'SELECT id FROM reports WHERE municipality_id = $1';
        await tx.query(`DELETE FROM report_supporters WHERE report_id IN (${mine})`, [m()]);
        await tx.query(`DELETE FROM report_events WHERE report_id IN (${mine})`, [m()]);
        await tx.query('DELETE FROM reports WHERE municipality_id = $1', [m()]);
        await tx.query('DELETE FROM report_reference_counters WHERE municipality_id = $1', [m()]);
        const started = performance.now();
        const result = await seedDemoReports(tx, t.deps);
        ms = performance.now() - started;
        expect(result?.reports).toBe(before.length);
        again = (
          await tx.query<ReportRow>(
            `SELECT r.id, r.reference, r.status, c.code AS category, d.key AS district, r.description,
                    r.public_description, r.needs_screening, r.department_id, r.external_body_id, r.supporter_count,
                    r.created_at, r.updated_at, r.due_at, r.closed_at
               FROM reports r JOIN report_categories c ON c.id = r.category_id
               LEFT JOIN districts d ON d.id = r.district_id
              WHERE r.municipality_id = $1 ORDER BY r.created_at, r.id`,
            [m()],
          )
        ).rows;
        throw rollback;
      }),
    ).rejects.toBe(rollback);
    expect(fingerprint(again)).toEqual(fingerprint(before));
    expect(again.map((r) => r.reference)).toEqual(before.map((r) => r.reference));
    console.info(`demo reports: ${before.length} seeded in ${Math.round(ms)} ms (${t.db.engine})`);
    expect(ms).toBeLessThan(2000);
    expect(await reports()).toEqual(before);
  });
});
