import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { withoutReports } from '../../../test/factories/demo-reports.js';
import { seedDemoIfEmpty } from '../../demo/service.js';
import { seedDemoReports } from './reports.js';
import { expectDemoReports } from './test-helpers.js';

// The demo reports are laid out relative to "now": they must keep their promises on every day of the year. The
// base demo (addresses, staff, categories) is seeded once; the reports are seeded anew, and rolled back, per date.

let t: TestApp;

beforeAll(async () => {
  t = await buildTestApp({ env: { DEMO_DATA: 'true' }, now: '2027-01-01T00:30:00+01:00' });
  expect(await seedDemoIfEmpty(t.deps, pino({ level: 'silent' }), () => undefined)).toBeDefined();
}, 120_000);
afterAll(() => t.close());

/** Instants with a Berlin offset: turns of the year, month and quarter, both DST changes, a leap day. */
const dates = [
  '2027-01-01T00:30:00+01:00',
  '2027-03-28T01:59:00+01:00',
  '2027-03-28T03:30:00+02:00',
  '2027-10-31T02:30:00+02:00',
  '2027-10-31T02:30:00+01:00',
  '2027-09-30T23:45:00+02:00',
  '2027-10-01T00:15:00+02:00',
  '2026-12-24T23:30:00+01:00',
  '2028-02-29T12:00:00+01:00',
  '2026-12-04T12:00:00+01:00',
  '2026-12-31T23:59:00+01:00',
];

describe('demo reports on any date', () => {
  it.each(dates)('keep their invariants with the clock at %s', async (at) => {
    const now = new Date(at);
    const m = t.config.municipality.id;
    await withoutReports(t.db, m, async (tx) => {
      const result = await seedDemoReports(tx, { ...t.deps, now: () => now });
      expect(result?.reports).toBeGreaterThan(0);
      await expectDemoReports(tx, m, now);
    });
  });
});
