import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Queryable } from '../../../platform/db.js';
import { isPublicHoliday } from '../../../platform/holidays.js';
import { buildTestApp, countRows, type TestApp } from '../../../test/app.js';
import { importAddresses, importDistricts } from '../../addresses/import-service.js';
import { demoAddressesFile, demoDistrictsFile } from '../../demo/service.js';
import { addDays, today, weekdayOf } from '../core/dates.js';
import { listSeasons, nextCollections } from '../core/service.js';
import { seedWasteDemo, seedWasteDemoInTx } from './seed.js';

// The demo calendar is laid out relative to "now": its promises must hold on every day. The demo addresses are
// loaded once; the calendar is seeded anew, and rolled back, per pinned date.

let t: TestApp;
let m: string;
const actor = { id: null, label: 'test' };

beforeAll(async () => {
  t = await buildTestApp({ now: '2026-12-24T12:00:00+01:00' });
  m = t.config.municipality.id;
  await importDistricts(t.deps, readFileSync(demoDistrictsFile), { municipalityId: m, actor });
  await importAddresses(t.deps, readFileSync(demoAddressesFile), { municipalityId: m, actor, source: 'demo' });
}, 180_000);
afterAll(() => t.close());

const rollback = new Error('rollback');

/** Seeds the demo calendar for a day inside a transaction, runs fn on it, and rolls everything back. */
async function onDay(day: string, fn: (tx: Queryable) => Promise<void>): Promise<void> {
  const outcome = await t.db
    .transaction(async (tx) => {
      await seedWasteDemoInTx(tx, m, 'NW', day);
      await fn(tx);
      throw rollback;
    })
    .catch((err: unknown) => err);
  if (outcome !== rollback) throw outcome;
}

/** Addresses without a Restabfall date from `day` to 14 days later. */
const withoutRestabfall = (tx: Queryable, day: string) =>
  tx.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM addresses a
      WHERE a.municipality_id = $1 AND NOT EXISTS (
        SELECT 1 FROM waste_route_addresses ra
          JOIN waste_bin_types bt ON bt.id = ra.bin_type_id AND bt.key = 'restabfall'
          JOIN waste_collections c ON c.route_id = ra.route_id AND c.collection_date BETWEEN $2::date AND $3::date
         WHERE ra.address_id = a.id)`,
    [m, day, addDays(day, 14)],
  );

// Each instant seeds the whole calendar (seconds): the season change either side of midnight, the night the clocks
// go forward (Easter weekend, so holiday shifts in reach), and the last day of a season. Mid-season holidays are
// the shift test's below.
const instants = [
  '2026-09-30T23:45:00+02:00',
  '2026-10-01T00:15:00+02:00',
  '2027-03-28T03:30:00+02:00',
  '2027-09-30T12:00:00+02:00',
];

describe('the waste demo on any date', () => {
  it.each(instants)('keeps its invariants with the clock at %s', async (at) => {
    const day = today(new Date(at), 'Europe/Berlin');
    await onDay(day, async (tx) => {
      const seasons = await listSeasons(tx, m);
      expect(seasons).toHaveLength(2);
      expect(seasons[0]!.startsOn <= day && day <= seasons[0]!.endsOn).toBe(true);
      expect(seasons[1]!.startsOn).toBe(addDays(seasons[0]!.endsOn, 1));
      expect((await withoutRestabfall(tx, day)).rows[0]!.n).toBe(0);
      // Every address: one route per bin type and season.
      const assignments = await tx.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM addresses a
          WHERE a.municipality_id = $1
            AND (SELECT count(*) FROM waste_route_addresses ra WHERE ra.address_id = a.id) <> 12`,
        [m],
      );
      expect(assignments.rows[0]!.n).toBe(0);
      // No collection on a Sunday or a public holiday; every shifted date says where it came from.
      const { rows } = await tx.query<{ date: string; shiftedFrom: string | null }>(
        `SELECT DISTINCT collection_date::text AS date, shifted_from::text AS "shiftedFrom"
           FROM waste_collections WHERE municipality_id = $1`,
        [m],
      );
      expect(rows.filter((r) => weekdayOf(r.date) === 0 || isPublicHoliday(r.date, 'NW'))).toEqual([]);
      const shifted = rows.filter((r) => r.shiftedFrom !== null);
      expect(shifted.length).toBeGreaterThan(0);
      expect(shifted.every((r) => r.shiftedFrom !== r.date && Math.abs(weekdayOf(r.shiftedFrom!) - 3) <= 2)).toBe(true);
      // The read API agrees for a sample address: Restabfall within two weeks, all four bins within 28 days.
      const { rows: sample } = await tx.query<{ id: number }>(
        'SELECT id FROM addresses WHERE municipality_id = $1 ORDER BY id LIMIT 3',
        [m],
      );
      for (const a of sample) {
        const next = await nextCollections(tx, m, a.id, day);
        const rest = next.find((c) => c.binType.key === 'restabfall');
        expect(rest && rest.date <= addDays(day, 14)).toBe(true);
        const bins = next.filter((c) => c.binType.kind === 'bin' && c.date <= addDays(day, 29));
        expect(bins.map((c) => c.binType.key).sort()).toEqual(['bioabfall', 'papier', 'restabfall', 'wertstoff']);
      }
    });
  });

  it('shifts Christmas 2026 (Friday and Saturday) to Thursday and Easter Monday 2027 to Tuesday', async () => {
    await onDay('2026-12-01', async (tx) => {
      const shifts = await tx.query<{ date: string; shiftedFrom: string }>(
        `SELECT DISTINCT collection_date::text AS date, shifted_from::text AS "shiftedFrom"
           FROM waste_collections WHERE municipality_id = $1 AND shifted_from IN ('2026-12-25', '2027-03-29')
          ORDER BY 2`,
        [m],
      );
      expect(shifts.rows).toEqual([
        { date: '2026-12-24', shiftedFrom: '2026-12-25' },
        { date: '2027-03-30', shiftedFrom: '2027-03-29' },
      ]);
    });
  });

  it('Restabfall and Bioabfall alternate weeks; no route gap exceeds 15 days across the season change', async () => {
    await onDay('2027-06-15', async (tx) => {
      const gaps = await tx.query<{ gap: number }>(
        `SELECT max(gap)::int AS gap FROM (
           SELECT c.collection_date - lag(c.collection_date) OVER (PARTITION BY ra.address_id ORDER BY c.collection_date)
                  AS gap
             FROM waste_route_addresses ra JOIN waste_bin_types bt ON bt.id = ra.bin_type_id AND bt.key = 'restabfall'
             JOIN waste_collections c ON c.route_id = ra.route_id
            WHERE ra.municipality_id = $1 AND ra.address_id IN (SELECT id FROM addresses WHERE municipality_id = $1
                  ORDER BY id LIMIT 200)) g`,
        [m],
      );
      expect(gaps.rows[0]!.gap).toBeLessThanOrEqual(15);
      const sameWeek = await tx.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM waste_route_addresses rr
           JOIN waste_bin_types rb ON rb.id = rr.bin_type_id AND rb.key = 'restabfall'
           JOIN waste_route_addresses br ON br.address_id = rr.address_id AND br.season_id = rr.season_id
           JOIN waste_bin_types bb ON bb.id = br.bin_type_id AND bb.key = 'bioabfall'
           JOIN waste_collections rc ON rc.route_id = rr.route_id
           JOIN waste_collections bc ON bc.route_id = br.route_id
            AND date_trunc('week', bc.collection_date) = date_trunc('week', rc.collection_date)
          WHERE rr.municipality_id = $1
            AND rr.address_id IN (SELECT id FROM addresses WHERE municipality_id = $1 ORDER BY id LIMIT 200)`,
        [m],
      );
      expect(sameWeek.rows[0]!.n).toBe(0);
    });
  });

  it('seeds once: a second call finds bin types and does nothing; nothing of the rolled-back days is left', async () => {
    expect(await countRows(t.db, 'SELECT count(*)::int AS n FROM waste_seasons WHERE municipality_id = $1', [m])).toBe(
      0,
    );
    const first = await seedWasteDemo(t.deps);
    expect(first).toMatchObject({ seasons: 2 });
    expect(first!.assignments).toBe(
      12 * (await countRows(t.db, 'SELECT count(*)::int AS n FROM addresses WHERE municipality_id = $1', [m])),
    );
    expect(await seedWasteDemo(t.deps)).toBeUndefined();
    expect((await listSeasons(t.db, m)).map((s) => s.key)).toEqual(['2026-27', '2027-28']);
  }, 60_000);
});
