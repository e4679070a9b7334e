import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { withoutReports } from '../../../test/factories/demo-reports.js';
import { seedDemoIfEmpty } from '../../demo/service.js';
import { seedDemoReports } from './reports.js';
import { seedReportDemo } from './seed.js';
import { type DemoReportRow, demoReports, expectDemoReports } from './test-helpers.js';

const log = pino({ level: 'silent' });
let t: TestApp;

beforeAll(async () => {
  t = await buildTestApp({ env: { DEMO_DATA: 'true' }, now: '2026-12-04T12:00:00+01:00' });
  expect(await seedDemoIfEmpty(t.deps, log, () => undefined)).toBeDefined();
}, 120_000);
afterAll(() => t.close());

const m = () => t.config.municipality.id;
const rows = async <R>(sql: string, params: unknown[] = [m()]) => (await t.db.query<R>(sql, params)).rows;
const one = async <R>(sql: string, params: unknown[] = [m()]) => (await rows<R>(sql, params))[0] as R;
const reports = () => demoReports(t.db, m());

/** What identifies the demo data independently of ids, references and the few milliseconds between runs. */
const fingerprint = (list: DemoReportRow[]) =>
  list.map((r) => `${r.category}|${r.district}|${r.status}|${r.description}|${r.supporter_count}`);

describe('demo reports', () => {
  it('creates about 200 reports over all categories and districts, with a realistic mix', async () => {
    // coverage, the spread over eight months, the status mix and consistent histories (on any date: dates.test.ts);
    // the seed's speed: npm run bench:seed
    await expectDemoReports(t.db, m(), t.deps.now());
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

  it('does not seed twice, and reseeds the same data deterministically', async () => {
    const before = await reports();
    expect(await seedDemoIfEmpty(t.deps, log, () => undefined)).toBeUndefined();
    expect(await seedReportDemo(t.deps)).toBeUndefined();
    expect(await t.db.transaction((tx) => seedDemoReports(tx, t.deps))).toBeUndefined();
    expect(await reports()).toEqual(before);

    // Without the reports (rolled back afterwards), the seed creates the same ones again.
    const again = await withoutReports(t.db, m(), async (tx) => {
      expect((await seedDemoReports(tx, t.deps))?.reports).toBe(before.length);
      return demoReports(tx, m());
    });
    expect(fingerprint(again)).toEqual(fingerprint(before));
    expect(again.map((r) => r.reference)).toEqual(before.map((r) => r.reference));
    expect(await reports()).toEqual(before);
  });
});
