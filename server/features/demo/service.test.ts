import { readFileSync, statSync } from 'node:fs';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.js';
import { searchAddressesByText } from '../addresses/service.js';
import { contains, type Point } from './geometry.js';
import { type DemoSeedResult, demoDistrictsFile, seedDemoIfEmpty } from './service.js';

const log = pino({ level: 'silent' });
let t: TestApp;
let printed: string[];
let first: DemoSeedResult | undefined;

beforeAll(async () => {
  t = await buildTestApp({ env: { DEMO_DATA: 'true' } });
  printed = [];
  // Two starts at once (two processes on one database): only one loads the data.
  const both = await Promise.all([
    seedDemoIfEmpty(t.deps, log, (s) => printed.push(s)),
    seedDemoIfEmpty(t.deps, log, (s) => printed.push(s)),
  ]);
  expect(both.filter(Boolean)).toHaveLength(1);
  first = both.find(Boolean);
}, 120_000);
afterAll(() => t.close());

const one = async <R>(sql: string, params: unknown[] = []) => (await t.db.query<R>(sql, params)).rows[0] as R;
const municipality = () => t.config.municipality.id;

describe('demo seed', () => {
  it('loads what the README says it loads (districts, addresses, reports)', async () => {
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8').replace(/\s+/g, ' ');
    const stated = (what: string) => {
      const match = new RegExp(`([\\d,]+) ${what}`).exec(readme);
      return match ? Number(match[1]?.replaceAll(',', '')) : undefined;
    };
    const reports = await one<{ n: number }>('SELECT count(*)::int AS n FROM reports WHERE municipality_id = $1', [
      municipality(),
    ]);
    expect(stated('addresses')).toBe(first?.addresses);
    expect(stated('Mängelmelder reports')).toBe(reports.n);
    expect(readme).toContain(
      `${['', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'][first?.districts ?? 0]} Stadtbezirke`,
    );
  });

  it('loads the ten Stadtbezirke and at least 5,000 addresses on 150+ streets, all marked as demo', async () => {
    expect(first).toMatchObject({ districts: 10 });
    expect(first?.addresses).toBeGreaterThanOrEqual(5000);
    const counts = await one<{ addresses: number; demo: number; streets: number; without: number }>(
      `SELECT count(*)::int AS addresses, count(*) FILTER (WHERE source = 'demo')::int AS demo,
              count(DISTINCT street_key)::int AS streets, count(*) FILTER (WHERE district_id IS NULL)::int AS without
         FROM addresses WHERE municipality_id = $1`,
      [municipality()],
    );
    expect(counts.addresses).toBe(first?.addresses);
    expect(counts.demo).toBe(counts.addresses);
    expect(counts.streets).toBeGreaterThanOrEqual(150);
    expect(counts.without).toBe(0);
    const names = await t.db.query<{ name: string }>(
      'SELECT name FROM districts WHERE municipality_id = $1 ORDER BY name',
      [municipality()],
    );
    expect(names.rows.map((r) => r.name)).toEqual([
      'Brackwede',
      'Dornberg',
      'Gadderbaum',
      'Heepen',
      'Jöllenbeck',
      'Mitte',
      'Schildesche',
      'Senne',
      'Sennestadt',
      'Stieghorst',
    ]);
  });

  it('places every address inside the district it is assigned to, with a Bielefeld postcode', async () => {
    const wrong = await one<{ n: number; badPostcode: number }>(
      `SELECT count(*) FILTER (WHERE NOT (d.boundary @> a.location))::int AS n,
              count(*) FILTER (WHERE a.postcode !~ '^336[0-9]{2}$' AND a.postcode !~ '^337[0-9]{2}$')::int AS "badPostcode"
         FROM addresses a JOIN districts d ON d.id = a.district_id WHERE a.municipality_id = $1`,
      [municipality()],
    );
    expect(wrong).toEqual({ n: 0, badPostcode: 0 });
  });

  it('has districts that do not overlap and cover the city (a fine grid: every point in at most one)', () => {
    const file = JSON.parse(readFileSync(demoDistrictsFile, 'utf8')) as {
      features: { geometry: { coordinates: Point[][] } }[];
    };
    const rings = file.features.map((f) => f.geometry.coordinates[0] as Point[]);
    let covered = 0;
    let total = 0;
    for (let lon = 8.38; lon <= 8.67; lon += 0.0023) {
      for (let lat = 51.91; lat <= 52.12; lat += 0.0017) {
        const hits = rings.filter((r) => contains(r, [lon, lat])).length;
        expect(hits, `${lon},${lat}`).toBeLessThanOrEqual(1);
        total++;
        if (hits === 1) covered++;
      }
    }
    // the outline is roughly an ellipse in the grid's rectangle: well over half the points are inside
    expect(covered / total).toBeGreaterThan(0.6);
  });

  it('puts the districts where they are: Jöllenbeck north, Senne and Sennestadt south, Dornberg west …', async () => {
    const { rows } = await t.db.query<{ key: string; lat: number; lon: number }>(
      `SELECT d.key, avg(a.lat) AS lat, avg(a.lon) AS lon
         FROM addresses a JOIN districts d ON d.id = a.district_id WHERE a.municipality_id = $1 GROUP BY d.key`,
      [municipality()],
    );
    const c = Object.fromEntries(rows.map((r) => [r.key, r]));
    const mitte = c.mitte!;
    expect(mitte.lat).toBeCloseTo(52.02, 1);
    expect(mitte.lon).toBeCloseTo(8.53, 1);
    expect(c.joellenbeck!.lat).toBeGreaterThan(c.schildesche!.lat);
    expect(c.schildesche!.lat).toBeGreaterThan(mitte.lat);
    expect(c.senne!.lat).toBeLessThan(mitte.lat);
    expect(c.sennestadt!.lat).toBeLessThan(mitte.lat);
    expect(c.sennestadt!.lon).toBeGreaterThan(c.senne!.lon);
    expect(c.dornberg!.lon).toBeLessThan(mitte.lon);
    expect(c.heepen!.lat).toBeGreaterThan(mitte.lat);
    expect(c.heepen!.lon).toBeGreaterThan(mitte.lon);
    expect(c.stieghorst!.lon).toBeGreaterThan(mitte.lon);
    expect(c.gadderbaum!.lon).toBeLessThan(mitte.lon);
    expect(c.gadderbaum!.lat).toBeLessThan(mitte.lat);
    expect(c.brackwede!.lat).toBeLessThan(c.gadderbaum!.lat);
    expect(c.brackwede!.lon).toBeLessThan(mitte.lon);
  });

  it('makes the demo addresses searchable', async () => {
    const [hit] = await searchAddressesByText(t.deps, municipality(), 'herforder str 22', 1);
    expect(hit).toMatchObject({ street: 'Herforder Straße', house_number: 22, district_name: 'Mitte' });
    const [jb] = await searchAddressesByText(t.deps, municipality(), 'Jöllenbecker Straße 250', 1);
    expect(jb).toMatchObject({ district_name: 'Jöllenbeck', postcode: '33739' });
  });

  it('creates demo staff for every role, prints the credentials once and keeps them in a private file', async () => {
    const roles = await t.db.query<{ role: string }>(
      'SELECT DISTINCT role FROM staff_users WHERE municipality_id = $1 ORDER BY role',
      [municipality()],
    );
    expect(roles.rows.map((r) => r.role)).toEqual(['admin', 'analyst', 'bsc_agent', 'department_staff', 'editor']);
    expect(printed).toHaveLength(1);
    const box = printed[0] ?? '';
    expect(box).toContain('DEMO');
    for (const c of first?.staff ?? []) {
      expect(box).toContain(c.email);
      expect(box).toContain(c.password);
    }
    const file = first?.credentialsFile ?? '';
    expect(readFileSync(file, 'utf8')).toBe(box);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('does nothing the second time: no duplicates, nothing printed', async () => {
    const before = await one<{ a: number; s: number; d: number }>(
      `SELECT (SELECT count(*)::int FROM addresses WHERE municipality_id = $1) AS a,
              (SELECT count(*)::int FROM staff_users WHERE municipality_id = $1) AS s,
              (SELECT count(*)::int FROM departments WHERE municipality_id = $1) AS d`,
      [municipality()],
    );
    expect(await seedDemoIfEmpty(t.deps, log, (s) => printed.push(s))).toBeUndefined();
    const after = await one<typeof before>(
      `SELECT (SELECT count(*)::int FROM addresses WHERE municipality_id = $1) AS a,
              (SELECT count(*)::int FROM staff_users WHERE municipality_id = $1) AS s,
              (SELECT count(*)::int FROM departments WHERE municipality_id = $1) AS d`,
      [municipality()],
    );
    expect(after).toEqual(before);
    expect(printed).toHaveLength(1);
  });

  it('gives demo data loaded before the Abfallkalender existed its demo calendar, ABC and Wertstoffhöfe', async () => {
    const waste = `SELECT (SELECT count(*)::int FROM waste_bin_types WHERE municipality_id = $1) AS b,
                          (SELECT count(*)::int FROM waste_collections WHERE municipality_id = $1) AS c,
                          (SELECT count(*)::int FROM waste_abc_items WHERE municipality_id = $1) AS i,
                          (SELECT count(*)::int FROM waste_recycling_centres WHERE municipality_id = $1) AS r`;
    const seeded = await one<{ b: number; c: number; i: number; r: number }>(waste, [municipality()]);
    expect(seeded.c).toBeGreaterThan(1000);
    // A demo database of an earlier version: addresses, staff and reports, no waste data.
    await t.db.transaction(async (tx) => {
      const tables = ['waste_collections', 'waste_route_addresses', 'waste_routes', 'waste_seasons', 'waste_bin_types'];
      for (const table of [...tables, 'waste_abc_items', 'waste_recycling_centres']) {
        await tx.query(`DELETE FROM ${table} WHERE municipality_id = $1`, [municipality()]);
      }
    });
    expect((await one<{ b: number }>(waste, [municipality()])).b).toBe(0);
    expect(await seedDemoIfEmpty(t.deps, log, (s) => printed.push(s))).toBeUndefined();
    expect(await one<typeof seeded>(waste, [municipality()])).toEqual(seeded);
  });

  it('is skipped entirely when demo data is off (production)', async () => {
    const prod = await buildTestApp({ db: t.db, env: { DEMO_DATA: 'false' } });
    try {
      expect(await seedDemoIfEmpty(prod.deps, log, () => undefined)).toBeUndefined();
      const n = await one<{ n: number }>('SELECT count(*)::int AS n FROM addresses WHERE municipality_id = $1', [
        prod.config.municipality.id,
      ]);
      expect(n.n).toBe(0);
    } finally {
      await prod.close();
    }
  });
});
