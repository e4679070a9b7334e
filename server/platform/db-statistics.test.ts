import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobDefinitions } from '../jobs.js';
import { buildTestApp, type TestApp } from '../test/app.js';
import { createCategory, createReport } from '../test/factories/reports.js';
import { refreshStatistics, refreshStatisticsJob } from './db-statistics.js';

// PGlite has no autovacuum: without an explicit ANALYZE its tables never get planner statistics, and every
// public list pays for plans made blind (the Open311 request list spent most of its time planning).

let t: TestApp;
const statsOfReports = async () =>
  (
    await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stats WHERE schemaname = 'public' AND tablename = 'reports'`,
    )
  ).rows[0]?.n ?? 0;

beforeAll(async () => {
  t = await buildTestApp();
  const categoryId = await createCategory(t.deps, { code: 'statistik' });
  for (let i = 0; i < 3; i++) await createReport(t.deps, { categoryId, publicDescription: `Meldung ${i}` });
});
afterAll(() => t.close());

describe('planner statistics', () => {
  it('are gathered on PGlite, and left to autovacuum on PostgreSQL', async () => {
    const ran = await refreshStatistics(t.db);
    expect(ran).toBe(t.db.engine === 'pglite');
    if (t.db.engine === 'pglite') expect(await statsOfReports()).toBeGreaterThan(0);
  });

  it('are refreshed by an hourly job', async () => {
    expect(jobDefinitions.find((d) => d.name === 'db.refresh-statistics')).toBe(refreshStatisticsJob);
    expect(refreshStatisticsJob.schedule?.cron).toBe('17 * * * *');
    const ctx = { deps: t.deps, log: t.app.logger, jobId: 'test', attempt: 1, dryRun: false };
    expect(await refreshStatisticsJob.run({}, ctx)).toEqual({ ran: t.db.engine === 'pglite' });
  });
});
