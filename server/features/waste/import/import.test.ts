import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, countRows, type TestApp } from '../../../test/app.js';
import { seedWasteCalendar, testAddressId } from '../../../test/factories/waste.js';
import { listCollections } from '../core/service.js';
import { applyImport } from './apply.js';
import { type ImportSource, isEmptyPlan, planImport } from './plan.js';
import { csvSource, datesCsv, everyDays } from './test-files.js';

// Import through the two phases: plan (nothing written), apply (one transaction). The municipality has the demo
// calendar on the test addresses; the files name routes of their own, so tests do not disturb each other.

let t: TestApp;
let m: string;
const actor = { id: null, label: 'test' };
const csv = csvSource;
const plan = (s: ImportSource) => planImport(t.db, m, s, 'Europe/Berlin');

/** Row counts of every waste table of the municipality. */
async function counts() {
  const tables = ['waste_seasons', 'waste_routes', 'waste_route_addresses', 'waste_collections', 'waste_bin_types'];
  const out: Record<string, number> = {};
  for (const table of tables) {
    out[table] = await countRows(t.db, `SELECT count(*)::int AS n FROM ${table} WHERE municipality_id = $1`, [m]);
  }
  return out;
}

beforeAll(async () => {
  t = await buildTestApp({ now: '2026-11-10T09:00:00+01:00' });
  m = t.config.municipality.id;
  await seedWasteCalendar(t.deps);
}, 120_000);
afterAll(() => t.close());

describe('waste import: CSV dates', () => {
  it('rejects a file with errors, naming each line and field, and changes nothing', async () => {
    const before = await counts();
    const file = datesCsv([
      ['2026-27', 'restabfall', 'x1', '2026-11-16'],
      ['2026-27', 'kompost', 'x1', '2026-11-30'],
      ['2026-27', 'restabfall', 'x1', '31.02.2027'],
      ['2026-27', 'restabfall', 'x1', '2026-11-16'],
      ['2026-27', 'restabfall', 'x1', '2028-01-10'],
      ['1999', 'papier', 'x1', '2026-12-01'],
      ['2026-27', 'papier', '', '2026-12-01'],
    ]);
    const p = await plan(csv(file));
    expect(p.problems.map((x) => [x.line, x.field, x.key])).toEqual([
      [3, 'bin_type', 'unknown_bin_type'],
      [4, 'date', 'bad_date'],
      [5, 'date', 'duplicate'],
      [6, 'date', 'date_outside_season'],
      [7, 'season', 'unknown_season'],
      [8, 'route', 'required'],
    ]);
    expect(p.problems[2]?.values).toEqual({ first: 2 });
    expect(p.totals.rows).toBe(7);
    await expect(applyImport(t.deps, p, actor)).rejects.toMatchObject({
      code: 'validation_failed',
      details: expect.objectContaining({
        'line 3': 'bin_type: unknown bin type “kompost”',
        'line 4': 'date: “31.02.2027” is not a date (dd.mm.yyyy or yyyy-mm-dd)',
      }),
    });
    expect(await counts()).toEqual(before);
  });

  it('adds a new route, then a second apply of the same file changes nothing and says so', async () => {
    const dates = everyDays('2026-11-02', 14, 10);
    const file = datesCsv(dates.map((d) => ['2026-27', 'Restmüll', 'neu-1', d]));
    const first = await plan(csv(file));
    expect(first.problems).toEqual([]);
    expect(first.totals).toMatchObject({ rows: 10, routes: 1, newRoutes: 1, added: 10, removed: 0, moved: 0 });
    expect(await countRows(t.db, "SELECT count(*)::int AS n FROM waste_routes WHERE key = 'neu-1'")).toBe(0);
    const applied = await applyImport(t.deps, first, actor);
    expect(applied.totals.added).toBe(10);
    const again = await plan(csv(file));
    expect(isEmptyPlan(again)).toBe(true);
    expect(again.totals).toMatchObject({ added: 0, removed: 0, moved: 0, changed: 0, newRoutes: 0 });
    const before = await counts();
    expect((await applyImport(t.deps, again, actor)).totals).toMatchObject({ added: 0, removed: 0, moved: 0 });
    expect(await counts()).toEqual(before);
    const audits = await countRows(
      t.db,
      "SELECT count(*)::int AS n FROM audit_log WHERE municipality_id = $1 AND action = 'waste.import'",
      [m],
    );
    expect(audits).toBe(2);
  });

  it('a re-import with two moved dates reports exactly those two, and applies them', async () => {
    const dates = everyDays('2026-11-03', 14, 12);
    const row = (d: string) => ['2026-27', 'papier', 'move-1', d];
    await applyImport(t.deps, await plan(csv(datesCsv(dates.map(row)))), actor);
    const moved = [...dates];
    moved[3] = '2026-12-17'; // 2026-12-15 two days later
    moved[7] = '2027-02-08'; // 2027-02-09 one day earlier
    const p = await plan(
      csv(datesCsv(moved.map((d, i) => (i === 3 ? [...row(d), '2026-12-15', 'Feiertag'] : row(d))))),
    );
    expect(p.totals).toMatchObject({ moved: 2, added: 0, removed: 0, changed: 0 });
    const changes = p.routes.find((r) => r.routeKey === 'move-1')?.dates?.changes;
    expect(changes?.moved.map((x) => [x.from.date, x.to.date])).toEqual([
      ['2026-12-15', '2026-12-17'],
      ['2027-02-09', '2027-02-08'],
    ]);
    await applyImport(t.deps, p, actor);
    const { rows } = await t.db.query<{ d: string; s: string | null; note: string }>(
      `SELECT c.collection_date::text AS d, c.shifted_from::text AS s, c.note FROM waste_collections c
         JOIN waste_routes r ON r.id = c.route_id WHERE r.municipality_id = $1 AND r.key = 'move-1'
        ORDER BY 1`,
      [m],
    );
    expect(rows.map((r) => r.d)).toEqual([...moved].sort());
    expect(rows.find((r) => r.d === '2026-12-17')).toEqual({ d: '2026-12-17', s: '2026-12-15', note: 'Feiertag' });
  });

  it('replaces only the routes the file names; a date far away is removed plus added, not moved', async () => {
    const a = everyDays('2026-11-04', 14, 4);
    const b = everyDays('2026-11-05', 14, 4);
    await applyImport(
      t.deps,
      await plan(
        csv(
          datesCsv([
            ...a.map((d) => ['2026-27', 'wertstoff', 'scope-a', d]),
            ...b.map((d) => ['2026-27', 'wertstoff', 'scope-b', d]),
          ]),
        ),
      ),
      actor,
    );
    const p = await plan(
      csv(datesCsv([...a.slice(0, 3), '2027-01-20'].map((d) => ['2026-27', 'wertstoff', 'scope-a', d]))),
    );
    expect(p.totals).toMatchObject({ routes: 1, added: 1, removed: 1, moved: 0 });
    await applyImport(t.deps, p, actor);
    const n = (key: string) =>
      countRows(
        t.db,
        `SELECT count(*)::int AS n FROM waste_collections c JOIN waste_routes r ON r.id = c.route_id
          WHERE r.municipality_id = $1 AND r.key = $2`,
        [m, key],
      );
    expect(await n('scope-a')).toBe(4);
    expect(await n('scope-b')).toBe(4);
  });

  it('reads both dialects alike: `,` with BOM, CRLF and German dates, `;` with ISO dates', async () => {
    const days = ['2026-12-01', '2026-12-15'];
    const semicolon = datesCsv(days.map((d) => ['2026-27', 'bioabfall', 'dialect', d]));
    const comma = `\uFEFFseason,bin_type,route,date\r\n2026-27,Bioabfall,dialect,01.12.2026\r\n2026-27,bio,dialect,15.12.2026\r\n`;
    const a = await plan(csv(semicolon));
    const b = await plan(csv(comma));
    expect(b.problems).toEqual([]);
    expect(b.digest).toBe(a.digest);
    expect(b.routes[0]?.dates?.target.map((d) => d.date)).toEqual(days);
  });

  it('creates a new season named YYYY-YY (1 October to 30 September) and refuses a stale preview', async () => {
    const p = await plan(csv(datesCsv([['2028-29', 'restabfall', 'later', '2028-10-09']])));
    expect(p.newSeasons).toEqual([{ id: null, key: '2028-29', startsOn: '2028-10-01', endsOn: '2029-09-30' }]);
    // Another import changes the calendar between preview and apply.
    const stale = await plan(csv(datesCsv([['2026-27', 'restabfall', 'stale', '2026-12-02']])));
    await applyImport(t.deps, await plan(csv(datesCsv([['2026-27', 'restabfall', 'stale', '2026-12-03']]))), actor);
    await expect(applyImport(t.deps, stale, actor)).rejects.toMatchObject({ code: 'conflict' });
    await applyImport(t.deps, p, actor);
    const seasons = await countRows(
      t.db,
      "SELECT count(*)::int AS n FROM waste_seasons WHERE municipality_id = $1 AND key = '2028-29'",
      [m],
    );
    expect(seasons).toBe(1);
  });
});

describe('waste import: assignments CSV', () => {
  const header = 'season;bin_type;route;street;house_number;house_number_suffix;postcode';

  it('assigns addresses to routes, reports unknown addresses by line, and replaces the whole table of a pair', async () => {
    const bad = `${header}\n2026-27;schadstoffmobil;mobil-1;Herforder Straße;22;a;33602\n2026-27;schadstoffmobil;mobil-1;Nirgendwo;1;;33602\n2026-27;schadstoffmobil;mobil-1;Herforder Str.;22a;;\n`;
    const p1 = await plan(csv(bad, 'zuordnung.csv'));
    expect(p1.problems.map((x) => [x.line, x.field, x.key])).toEqual([
      [3, 'street', 'unknown_address'],
      [4, 'street', 'duplicate'],
    ]);
    const good = `${header}\n2026-27;schadstoffmobil;mobil-1;Herforder Straße;22;a;33602\n2026-27;schadstoffmobil;mobil-2;Obernstraße;1;;\n`;
    const p2 = await plan(csv(good, 'zuordnung.csv'));
    expect(p2.problems).toEqual([]);
    const demoAssigned = await countRows(
      t.db,
      `SELECT count(*)::int AS n FROM waste_route_addresses ra JOIN waste_bin_types b ON b.id = ra.bin_type_id
         JOIN waste_seasons s ON s.id = ra.season_id
        WHERE ra.municipality_id = $1 AND b.key = 'schadstoffmobil' AND s.key = '2026-27'`,
      [m],
    );
    expect(p2.totals).toMatchObject({ newRoutes: 2, reassigned: 2, assigned: 0, unassigned: demoAssigned - 2 });
    await applyImport(t.deps, p2, actor);
    const address = await testAddressId(t.deps, 'Herforder Straße 22a');
    await applyImport(
      t.deps,
      await plan(csv(datesCsv([['2026-27', 'schadstoffmobil', 'mobil-1', '2026-11-21']]))),
      actor,
    );
    const list = await listCollections(t.db, m, address, {
      from: '2026-11-01',
      to: '2026-12-31',
      binTypeKeys: ['schadstoffmobil'],
    });
    expect(list.map((c) => `${c.date} ${c.routeKey}`)).toEqual(['2026-11-21 mobil-1']);
    expect(isEmptyPlan(await plan(csv(good, 'zuordnung.csv')))).toBe(true);
  });
});
