import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { seedTestAddresses } from '../../../test/factories/addresses.js';
import { seedExactCalendar, testAddressId } from '../../../test/factories/waste.js';
import { findSeasonOn, listBinTypes, listCollections, listSeasons, nextCollections } from './service.js';

// The read API on exact dates: next per bin type (today counts), ranges, bin type filter, no route, and the
// change of seasons on 1 October where two seasons overlap.

let t: TestApp;
let m: string;
let address: number;
let other: number;

beforeAll(async () => {
  t = await buildTestApp({ now: '2026-09-28T10:00:00+02:00' });
  m = t.config.municipality.id;
  await seedTestAddresses(t.deps);
  address = await testAddressId(t.deps, 'Herforder Straße 22a');
  other = await testAddressId(t.deps, 'Obernstraße 1');
  // Old season (runs into October, published overlap) and the new one from 1 October.
  await seedExactCalendar(t.deps, {
    addressId: address,
    season: { key: '2025-26', startsOn: '2025-10-01', endsOn: '2026-10-15' },
    routeKey: 'old',
    dates: {
      restabfall: ['2026-09-17', '2026-09-30', '2026-10-02', '2026-10-14'],
      papier: [{ date: '2026-09-29', shiftedFrom: '2026-09-28', note: 'Tour verlegt' }],
    },
  });
  await seedExactCalendar(t.deps, {
    addressId: address,
    season: { key: '2026-27', startsOn: '2026-10-01', endsOn: '2027-09-30' },
    routeKey: 'new',
    dates: { restabfall: ['2026-10-05', '2026-10-19'], bioabfall: ['2026-10-01', '2026-10-12'] },
  });
}, 60_000);
afterAll(() => t.close());

describe('waste read API', () => {
  it('lists bin types in their order and seasons oldest first', async () => {
    expect((await listBinTypes(t.db, m)).map((b) => b.key)).toEqual([
      'restabfall',
      'bioabfall',
      'papier',
      'wertstoff',
      'sperrmuell',
      'schadstoffmobil',
    ]);
    expect((await listSeasons(t.db, m)).map((s) => s.key)).toEqual(['2025-26', '2026-27']);
  });

  it('finds the season of a day; where two overlap, the later one', async () => {
    expect((await findSeasonOn(t.db, m, '2026-09-30'))?.key).toBe('2025-26');
    expect((await findSeasonOn(t.db, m, '2026-10-01'))?.key).toBe('2026-27');
    expect(await findSeasonOn(t.db, m, '2020-01-01')).toBeUndefined();
  });

  it('lists collections by date then bin order; the later season takes over on its first day', async () => {
    const list = await listCollections(t.db, m, address, { from: '2026-09-28', to: '2026-10-20' });
    expect(list.map((c) => `${c.date} ${c.binType.key} ${c.routeKey} ${c.seasonKey}`)).toEqual([
      '2026-09-29 papier old 2025-26',
      '2026-09-30 restabfall old 2025-26',
      '2026-10-01 bioabfall new 2026-27',
      '2026-10-05 restabfall new 2026-27',
      '2026-10-12 bioabfall new 2026-27',
      '2026-10-19 restabfall new 2026-27',
    ]);
    expect(list[0]).toMatchObject({ shiftedFrom: '2026-09-28', note: 'Tour verlegt' });
    expect(list[0]?.binType.name).toEqual({ de: 'Papier', en: 'Paper' });
  });

  it('filters by bin type keys', async () => {
    const list = await listCollections(t.db, m, address, {
      from: '2026-09-01',
      to: '2026-12-31',
      binTypeKeys: ['bioabfall'],
    });
    expect(list.map((c) => c.date)).toEqual(['2026-10-01', '2026-10-12']);
  });

  it('gives the next date per bin type; a collection today is still next', async () => {
    const onTheDay = await nextCollections(t.db, m, address, '2026-09-30');
    expect(onTheDay.map((c) => `${c.date} ${c.binType.key}`)).toEqual([
      '2026-09-30 restabfall',
      '2026-10-01 bioabfall',
    ]);
    const dayAfter = await nextCollections(t.db, m, address, '2026-10-01');
    expect(dayAfter.map((c) => `${c.date} ${c.binType.key}`)).toEqual([
      '2026-10-01 bioabfall',
      '2026-10-05 restabfall',
    ]);
  });

  it('an address without routes has no dates, and that is no error', async () => {
    expect(await listCollections(t.db, m, other, { from: '2026-01-01', to: '2027-12-31' })).toEqual([]);
    expect(await nextCollections(t.db, m, other, '2026-09-30')).toEqual([]);
    expect(await nextCollections(t.db, m, 999_999_999, '2026-09-30')).toEqual([]);
  });

  it('another municipality sees nothing of these dates', async () => {
    expect(await listCollections(t.db, 'other-town', address, { from: '2026-01-01', to: '2027-12-31' })).toEqual([]);
  });
});
