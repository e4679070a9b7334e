import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp, testDb } from '../../../test/app.js';
import { createStaff, login, postForm } from '../../../test/factories/users.js';
import { upsertFacility } from '../core/facilities-queries.js';
import { getFacilityState } from '../core/service.js';
import { type ParkingFeedServer, samples, startParkingFeedServer } from '../test-feed-server.js';
import { pollFeeds } from './service.js';
import { selectFeedStates } from './state-queries.js';

// Every adapter against a local feed server replaying recorded-style samples, lying and broken ones included.

const now = new Date('2026-12-05T12:00:00Z'); // Saturday, 13:00 in Bielefeld
const iso = (minutesAgo: number) => new Date(now.getTime() - minutesAgo * 60_000).toISOString();
let feeds: ParkingFeedServer;
const apps: TestApp[] = [];

beforeAll(async () => {
  // The file's database copy is made once, here, not inside the first test's time limit.
  [feeds] = await Promise.all([startParkingFeedServer(), testDb()]);
}, 120_000);
afterAll(async () => {
  await Promise.all(apps.map((a) => a.close()));
  await feeds.close();
});

async function appWith(list: string[], env: Record<string, string> = {}): Promise<TestApp> {
  // A generous deadline unless a test sets its own: a loaded CI machine must not turn a slow answer into a failure.
  const t = await buildTestApp({
    now,
    env: { PARKING_FEEDS: list.join(','), PARKING_FEED_TIMEOUT_MS: '30000', ...env },
  });
  apps.push(t);
  const m = t.config.municipality.id;
  for (const ref of ['A1', 'A2', 'A3', 'A4']) {
    await upsertFacility(t.db, m, {
      ref,
      name: `Parkhaus ${ref}`,
      kind: 'garage',
      operator: '',
      address: '',
      lat: 52.02,
      lon: 8.53,
      capacity: 400,
      capacityDisabled: null,
      capacityEv: null,
      capacityFamily: null,
      maxHeightCm: null,
      openingHours: '',
      prices: '',
      payment: '',
      entrances: '',
      demo: false,
      now,
    });
  }
  return t;
}

const stateOf = async (t: TestApp, ref: string) => {
  const { rows } = await t.db.query<{ id: number }>(
    'SELECT id::int AS id FROM parking_facilities WHERE municipality_id = $1 AND ref = $2',
    [t.config.municipality.id, ref],
  );
  return getFacilityState(t.deps, rows[0]!.id);
};

describe('parking feeds', () => {
  it('reads the city CSV and refuses lies per facility (more free than total, negative, future, unknown)', async () => {
    feeds.set(
      '/city.csv',
      samples.cityCsv([
        { ref: 'A1', free: 120, status: 'FREI', time: '05.12.2026 12:55' },
        { ref: 'A2', free: 500, status: 'FREI', time: '05.12.2026 12:55' },
        { ref: 'A3', free: -3, status: 'FREI', time: '05.12.2026 12:55' },
        { ref: 'A4', free: 10, status: 'FREI', time: '05.12.2026 14:30' },
        { ref: 'Z9', free: 10, status: 'FREI', time: '05.12.2026 12:55' },
      ]),
    );
    const t = await appWith([`city-csv=${feeds.url('/city.csv')}`]);
    const [result] = await pollFeeds(t.deps, { dryRun: false, log: t.app.log });
    expect(result).toMatchObject({ outcome: 'ok', accepted: 1, rejected: 4 });
    const a1 = await stateOf(t, 'A1');
    expect(a1).toMatchObject({ live: 'live', free: 120, status: 'open' });
    expect(a1.reading?.observedAt.toISOString()).toBe('2026-12-05T11:55:00.000Z');
    expect((await stateOf(t, 'A2')).live).toBe('none');
    const [state] = await selectFeedStates(t.db, t.config.municipality.id);
    expect(state).toMatchObject({ failures: 0, lastAccepted: 1, lastRejected: 4 });
  });

  it('reads the WFS GeoJSON, ParkAPI and DATEX II v2 and v3 with their statuses', async () => {
    feeds.set('/wfs.json', samples.cityGeoJson([{ ref: 'A1', free: 0, status: 'BESETZT', time: iso(3) }]));
    feeds.set(
      '/parkapi.json',
      samples.parkApi(iso(4).replace('.000Z', ''), [
        { id: 'A2', free: 37, total: 400, state: 'open' },
        { id: 'A3', free: null, total: 400, state: 'nodata' },
      ]),
    );
    feeds.set('/v2.xml', samples.datex2(iso(2), [{ id: 'A3', vacant: 0, status: 'closed' }]));
    feeds.set('/v3.xml', samples.datex3(iso(1), [{ id: 'A4', vacant: 250, status: 'spacesAvailable' }]));
    const t = await appWith([
      `city-geojson=${feeds.url('/wfs.json')}`,
      `parkapi=${feeds.url('/parkapi.json')}`,
      `datex2=${feeds.url('/v2.xml')}`,
      `datex2=${feeds.url('/v3.xml')}`,
    ]);
    const results = await pollFeeds(t.deps, { dryRun: false, log: t.app.log });
    expect(results.map((r) => [r.outcome, r.accepted, r.rejected])).toEqual([
      ['ok', 1, 0],
      ['ok', 1, 0],
      ['ok', 1, 0],
      ['ok', 1, 0],
    ]);
    expect(await stateOf(t, 'A1')).toMatchObject({ free: 0, status: 'full' });
    expect(await stateOf(t, 'A2')).toMatchObject({ free: 37, status: 'open' });
    expect(await stateOf(t, 'A3')).toMatchObject({ free: 0, status: 'closed' });
    expect(await stateOf(t, 'A4')).toMatchObject({ free: 250, status: 'open' });
    // The same readings again are not newer: refused, nothing changes.
    const again = await pollFeeds(t.deps, { dryRun: false, log: t.app.log });
    expect(again.map((r) => r.rejected)).toEqual([1, 1, 1, 1]);
  });

  it('a failing feed (wrong format, HTTP error, no answer) changes nothing and backs off', async () => {
    feeds.set('/broken.xml', '<html><body>Wartungsarbeiten</body></html>', { type: 'text/html' });
    feeds.set('/error.csv', 'Internal error', { status: 500 });
    feeds.set('/hang.json', '', { hang: true });
    const t = await appWith(
      [
        `datex2=${feeds.url('/broken.xml')}`,
        `city-csv=${feeds.url('/error.csv')}`,
        `parkapi=${feeds.url('/hang.json')}`,
      ],
      { PARKING_FEED_TIMEOUT_MS: '300' },
    );
    const first = await pollFeeds(t.deps, { dryRun: false, log: t.app.log });
    expect(first.map((r) => r.outcome)).toEqual(['failed', 'failed', 'failed']);
    expect(first.map((r) => r.error)).toEqual(['not a DATEX II document', 'HTTP 500', 'no answer within 300 ms']);
    expect((await stateOf(t, 'A1')).live).toBe('none');
    const second = await pollFeeds(t.deps, { dryRun: false, log: t.app.log });
    expect(second.map((r) => r.outcome)).toEqual(['backing_off', 'backing_off', 'backing_off']);
    expect(feeds.requests.get('/error.csv')).toBe(1);
    // After the first backoff (5 minutes) it is asked again; a second failure doubles the wait.
    t.clock.advance(5 * 60_000 + 1000);
    feeds.set('/error.csv', samples.cityCsv([{ ref: 'A1', free: 7, status: 'FREI', time: '05.12.2026 13:04' }]));
    const third = await pollFeeds(t.deps, { dryRun: false, log: t.app.log });
    expect(third.map((r) => r.outcome)).toEqual(['failed', 'ok', 'failed']);
    const states = await selectFeedStates(t.db, t.config.municipality.id);
    const broken = states.find((s) => s.url.endsWith('/broken.xml'))!;
    expect(broken.failures).toBe(2);
    expect(broken.nextAttemptAt!.getTime() - t.deps.now().getTime()).toBeGreaterThan(9 * 60_000);
    expect((await stateOf(t, 'A1')).free).toBe(7);
  });
  it('an admin fetches every source at once, one in backoff too, and sees what came of it', async () => {
    feeds.set('/mended.csv', 'Internal error', { status: 500 });
    const t = await appWith([`city-csv=${feeds.url('/mended.csv')}`]);
    expect((await pollFeeds(t.deps, { dryRun: false, log: t.app.log }))[0]!.outcome).toBe('failed');
    feeds.set('/mended.csv', samples.cityCsv([{ ref: 'A1', free: 9, status: 'FREI', time: '05.12.2026 13:01' }]));
    const admin = await login(t, await createStaff(t, { role: 'admin' }));
    const list = await t.app.inject({ url: '/admin/parken', headers: { cookie: admin.cookie } });
    expect(list.body).toContain('Jetzt alle Quellen abrufen');
    const fetched = await postForm(t, admin, '/admin/parken/abrufen', {});
    expect(fetched.statusCode).toBe(303);
    expect(fetched.headers.location).toBe('/admin/parken?done=fetched&n=1&failed=0&accepted=1');
    const after = await t.app.inject({ url: String(fetched.headers.location), headers: { cookie: admin.cookie } });
    expect(after.body).toContain('1 Datenquelle abgerufen.');
    expect(after.body).toContain('Keine ist fehlgeschlagen. 1 Meldung übernommen.');
    expect((await stateOf(t, 'A1')).free).toBe(9);
    const editor = await login(t, await createStaff(t, { role: 'editor' }));
    expect((await postForm(t, editor, '/admin/parken/abrufen', {})).statusCode).toBe(403);
  });
});
