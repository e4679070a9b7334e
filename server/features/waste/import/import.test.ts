import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, countRows, type TestApp } from '../../../test/app.js';
import { seedWasteCalendar, testAddressId } from '../../../test/factories/waste.js';
import { onWasteChange } from '../core/cache.js';
import { listCollections } from '../core/service.js';
import { applyImport } from './apply.js';
import { type ImportSource, isEmptyPlan, planImport } from './plan.js';
import { importLimits } from './problems.js';
import { datesCsv, everyDays, icalFile } from './test-files.js';

// Import through the two phases: plan (nothing written), apply (one transaction). The municipality has the demo
// calendar on the test addresses; the files name routes of their own, so tests do not disturb each other.

let t: TestApp;
let m: string;
const actor = { id: null, label: 'test' };
const csv = (text: string, fileName = 'termine.csv'): ImportSource => ({
  format: 'csv',
  fileName,
  content: Buffer.from(text),
});
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

describe('waste import: iCalendar', () => {
  it('imports a route’s file (bin type and route given, season from the date)', async () => {
    const ics = icalFile(everyDays('2026-11-06', 28, 3).map((day) => ({ summary: 'Abfuhr', day })));
    const source: ImportSource = {
      format: 'ical',
      fileName: 'tour.ics',
      content: Buffer.from(ics),
      ical: { route: 'ics-route', binType: 'papier' },
    };
    const p = await plan(source);
    expect(p.problems).toEqual([]);
    expect(p.routes.map((r) => [r.seasonKey, r.binTypeKey, r.routeKey, r.dates?.target.map((d) => d.date)])).toEqual([
      ['2026-27', 'papier', 'ics-route', ['2026-11-06', '2026-12-04', '2027-01-01']],
    ]);
    await applyImport(t.deps, p, actor);
    expect(isEmptyPlan(await plan(source))).toBe(true);
  });

  it('imports an address’s file: summaries name the bin types, the dates of its routes are replaced', async () => {
    const address = await testAddressId(t.deps, 'Jöllenbecker Straße 12a');
    const ics = icalFile([
      { summary: 'Restabfall', day: '2026-12-07' },
      { summary: 'Gelbe Tonne', day: '2026-12-08' },
      { summary: 'Altpapier (4-wöchentlich)', day: '2026-12-09' },
    ]);
    const source: ImportSource = {
      format: 'ical',
      fileName: 'adresse.ics',
      content: Buffer.from(ics),
      ical: { address: 'Jöllenbecker Straße 12a' },
    };
    const p = await plan(source);
    expect(p.problems).toEqual([]);
    expect(p.routes.map((r) => r.binTypeKey).sort()).toEqual(['papier', 'restabfall', 'wertstoff']);
    expect(p.routes.every((r) => !r.isNew)).toBe(true); // the demo gave the address its routes
    await applyImport(t.deps, p, actor);
    const list = await listCollections(t.db, m, address, {
      from: '2026-12-01',
      to: '2026-12-31',
      binTypeKeys: ['restabfall', 'wertstoff', 'papier'],
    });
    expect(list.map((c) => `${c.date} ${c.binType.key}`)).toEqual([
      '2026-12-07 restabfall',
      '2026-12-08 wertstoff',
      '2026-12-09 papier',
    ]);
  });

  it('an address’s file with a route given moves the address to that route', async () => {
    const address = await testAddressId(t.deps, 'Stapenhorststraße 4');
    const source: ImportSource = {
      format: 'ical',
      fileName: 'adresse-tour.ics',
      content: Buffer.from(icalFile([{ summary: 'Sperrmüll', day: '2027-02-03' }])),
      ical: { address: 'Stapenhorststraße 4', route: 'eigene-tour' },
    };
    const p = await plan(source);
    expect(p.totals).toMatchObject({ newRoutes: 1, added: 1, reassigned: 1, unassigned: 0 });
    await applyImport(t.deps, p, actor);
    const list = await listCollections(t.db, m, address, {
      from: '2026-10-01',
      to: '2027-09-30',
      binTypeKeys: ['sperrmuell'],
    });
    expect(list.map((c) => `${c.date} ${c.routeKey}`)).toEqual(['2027-02-03 eigene-tour']);
    expect(isEmptyPlan(await plan(source))).toBe(true);
  });

  it('names the lines of bad events: unknown bin type, recurring event, a file that is no calendar', async () => {
    const ics = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'BEGIN:VEVENT',
      'UID:a',
      'DTSTART;VALUE=DATE:20261210',
      'SUMMARY:Gartenparty',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'UID:b',
      'DTSTART;VALUE=DATE:20261211',
      'RRULE:FREQ=WEEKLY',
      'SUMMARY:Restabfall',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'UID:c',
      'DTSTART:20261211T230000Z',
      'SUMMARY:Bio',
      'END:VEVENT',
      'END:VCALENDAR',
    ].join('\r\n');
    const source: ImportSource = {
      format: 'ical',
      fileName: 'x.ics',
      content: Buffer.from(ics),
      ical: { address: 'Obernstraße 1' },
    };
    const p = await plan(source);
    expect(p.problems.map((x) => [x.line, x.field, x.key])).toEqual([
      [3, 'SUMMARY', 'ical_unknown_bin'],
      [11, 'RRULE', 'ical_recurring'],
    ]);
    const notIcal = await plan({ ...source, content: Buffer.from('season;bin_type\n') });
    expect(notIcal.problems.map((x) => x.key)).toEqual(['ical_invalid']);
  });

  it('takes the local day of a UTC time (23:00Z on 11 December is the 12th in Berlin)', async () => {
    const ics = [
      'BEGIN:VCALENDAR',
      'BEGIN:VEVENT',
      'DTSTART:20261211T230000Z',
      'SUMMARY:Bio',
      'END:VEVENT',
      'END:VCALENDAR',
    ];
    const p = await plan({
      format: 'ical',
      fileName: 'utc.ics',
      content: Buffer.from(ics.join('\n')),
      ical: { route: 'utc', binType: 'bioabfall' },
    });
    expect(p.routes[0]?.dates?.target.map((d) => d.date)).toEqual(['2026-12-12']);
  });
});

describe('waste import: limits and caches', () => {
  it('refuses a file over the size limit before reading it', async () => {
    const p = await plan(csv(`${'x'.repeat(importLimits.maxBytes)}\n`));
    expect(p.problems).toEqual([
      { line: 0, field: 'file', key: 'file_too_large', values: { max: importLimits.maxBytes } },
    ]);
  });

  it('forgets cached waste answers once an apply has committed, and not when it fails', async () => {
    const forgotten: string[] = [];
    const stop = onWasteChange((id) => forgotten.push(id));
    try {
      const bad = await plan(csv(datesCsv([['2026-27', 'restabfall', 'cache-1', 'gestern']])));
      await expect(applyImport(t.deps, bad, actor)).rejects.toMatchObject({ code: 'validation_failed' });
      expect(forgotten).toEqual([]);
      await applyImport(t.deps, await plan(csv(datesCsv([['2026-27', 'restabfall', 'cache-1', '2026-12-04']]))), actor);
      expect(forgotten).toEqual([m]);
    } finally {
      stop();
    }
  });
});
