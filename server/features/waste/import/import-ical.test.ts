import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { seedWasteCalendar, testAddressId } from '../../../test/factories/waste.js';
import { onWasteChange } from '../core/cache.js';
import { listCollections } from '../core/service.js';
import { applyImport } from './apply.js';
import { type ImportSource, isEmptyPlan, planImport } from './plan.js';
import { importLimits } from './problems.js';
import { csvSource, datesCsv, everyDays, icalFile } from './test-files.js';

// iCalendar imports (per route, per address), limits and the cache hook. The municipality has the demo calendar on
// the test addresses; the files name routes of their own, so tests do not disturb each other.

let t: TestApp;
let m: string;
const actor = { id: null, label: 'test' };
const csv = csvSource;
const plan = (s: ImportSource) => planImport(t.db, m, s, 'Europe/Berlin');

beforeAll(async () => {
  t = await buildTestApp({ now: '2026-11-10T09:00:00+01:00' });
  m = t.config.municipality.id;
  await seedWasteCalendar(t.deps);
}, 120_000);
afterAll(() => t.close());

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
    const beforeSeasons = await plan({
      ...source,
      content: Buffer.from(icalFile([{ summary: 'Restabfall', day: '2020-01-07' }])),
    });
    expect(beforeSeasons.problems.map((x) => [x.field, x.key, x.values])).toEqual([
      ['DTSTART', 'no_season', { value: '2020-01-07' }],
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
