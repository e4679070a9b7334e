import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, countRows, type TestApp } from '../../test/app.js';
import { createStaff, login, postForm } from '../../test/factories/users.js';
import { runSimulatedFeed, seedParkingDemo } from './demo/service.js';
import { parseDatex } from './feeds/parse-datex.js';
import { purgeHistory } from './history/service.js';

// Parking through HTTP on real migrations: the live list and its sorting, stale data with a shifted clock, the
// detail page (forecast, chart, facts), open data (ParkAPI, GeoJSON, DATEX II, CSV), the admin import and form.

let t: TestApp;
const now = new Date('2026-12-07T10:00:00Z'); // Monday, 11:00 in Bielefeld

beforeAll(async () => {
  t = await buildTestApp({ now, env: { DEMO_DATA: 'true', PARKING_HISTORY_DAYS: '10' } });
  await seedParkingDemo(t.deps, { weeks: 2 });
});
afterAll(async () => {
  await t?.close();
});

const get = (url: string) => t.app.inject({ url, headers: { accept: 'text/html' } });
interface Lot {
  id: string;
  free: number | null;
  state: string;
  total: number;
}
const lots = async (url = '/api/parking/lots') => (await t.app.inject({ url })).json() as { lots: Lot[] };

describe('parking for citizens', () => {
  it('lists the garages by free spaces with trend, demo label and open data; sorts by name and distance', async () => {
    const res = await get('/parken');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<h1 class="kern-heading-large">Parken</h1>');
    expect(res.body).toContain('Demodaten');
    expect(res.body).toContain('von 360 Plätzen frei');
    expect(res.body).toContain('/api/parking/lots.geojson?lang=de');
    const { lots: all } = await lots();
    expect(all).toHaveLength(21);
    expect(all.every((l) => l.state !== 'nodata' && l.free !== null && l.free <= l.total)).toBe(true);
    const order = [...res.body.matchAll(/data-parking-ref="(PLS\d+)"/g)].map((m) => m[1]);
    const byFree = [...all].sort(
      (a, b) => (b.state === 'closed' ? -1 : b.free!) - (a.state === 'closed' ? -1 : a.free!),
    );
    expect(order[0]).toBe(byFree[0]!.id);

    const byName = await get('/parken?sortierung=name');
    const names = [...byName.body.matchAll(/href="\/parken\/\d+">([^<]+)</g)].map((m) => m[1]!);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'de')));
    const centre = await get('/parken?sortierung=distance');
    expect(centre.body).toContain('Entfernungen ab dem Stadtzentrum');
    expect(centre.body).toMatch(/· \d+ m|· [\d,]+ km/);
    const unknown = await get('/parken?sortierung=distance&adresse=Nirgendwostra%C3%9Fe%201');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('Diese Adresse kennen wir nicht');
    const english = await get('/parken?lang=en');
    expect(english.body).toContain('of 360 spaces free');
    expect(english.body).toContain('Demo data');
  });

  it('never shows data older than 30 minutes as live (shifted clock), and is live again with the next reading', async () => {
    t.clock.advance(31 * 60_000);
    const stale = await lots('/api/parking/lots?at=stale');
    expect(stale.lots.every((l) => l.state === 'nodata' && l.free === null)).toBe(true);
    const page = await get('/parken?sortierung=name&at=stale');
    expect(page.body).toContain('keine aktuellen Daten');
    expect(page.body).not.toContain('bs-parking-count');
    await runSimulatedFeed(t.deps);
    const fresh = await lots('/api/parking/lots?at=fresh');
    expect(fresh.lots.every((l) => l.state !== 'nodata')).toBe(true);
  });

  it('shows a facility with forecast and its confidence, today against a typical day, and its facts', async () => {
    const { rows } = await t.db.query<{ id: number }>(
      "SELECT id::int AS id FROM parking_facilities WHERE municipality_id = $1 AND ref = 'PLS04'",
      [t.config.municipality.id],
    );
    const res = await get(`/parken/${rows[0]!.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Tiefgarage Neues Rathaus');
    expect(res.body).toContain('Geschätzt aus 2 vergleichbaren Tagen (Montage)');
    expect(
      res.body.match(/<tr class="kern-table__row"><th scope="row" class="kern-table__header">\d\d:\d\d/g)?.length,
    ).toBeGreaterThan(20);
    expect(res.body).toContain('<svg');
    expect(res.body).toContain('Einfahrtshöhe');
    expect(res.body).toContain('Demodaten');
    const en = await get(`/parken/${rows[0]!.id}?lang=en`);
    expect(en.body).toContain('Estimated from 2 comparable days (Mondays)');
    expect((await get('/parken/999999999')).statusCode).toBe(404);
  });

  it('publishes ParkAPI JSON, GeoJSON, DATEX II and the monthly CSV', async () => {
    const { lots: all } = await lots('/api/parking/lots?at=open');
    const geo = await t.app.inject({ url: '/api/parking/lots.geojson?lang=en&bbox=8,51,9,53' });
    expect(geo.headers['content-type']).toContain('application/geo+json');
    const features = geo.json().features as { properties: { url: string; title: string; id: string } }[];
    expect(features).toHaveLength(21);
    expect(features[0]!.properties.url).toMatch(/^\/parken\/\d+$/);
    expect(features[0]!.properties.title).toMatch(/: \d+ spaces? free$|closed|no current data/);
    const datex = await t.app.inject({ url: '/api/parking/datex2.xml' });
    expect(datex.headers['content-type']).toContain('application/xml');
    const readings = parseDatex(datex.body);
    expect(readings.length).toBe(all.length);
    for (const r of readings) expect(r.free).toBe(all.find((l) => l.id === r.ref)!.free);
    const csv = await t.app.inject({ url: '/api/parking/history.csv?month=2026-11' });
    expect(csv.statusCode).toBe(200);
    const lines = csv.body.trim().split('\n');
    expect(lines[0]).toBe('facility_id;name;bucket;free;capacity;status');
    expect(lines.length).toBeGreaterThan(21 * 288);
    expect((await t.app.inject({ url: '/api/parking/history.csv?month=2027-02' })).statusCode).toBe(400);
    expect((await t.app.inject({ url: '/api/parking/history.csv?month=26-1' })).statusCode).toBe(400);
  });

  it('purges history beyond PARKING_HISTORY_DAYS in batches (dry run counts only)', async () => {
    const m = t.config.municipality.id;
    const count = () =>
      countRows(
        t.db,
        'SELECT count(*)::int AS n FROM parking_history h JOIN parking_facilities f ON f.id = h.facility_id WHERE f.municipality_id = $1',
        [m],
      );
    const before = await count();
    const dry = await purgeHistory(t.deps, { dryRun: true });
    expect(dry.due).toBeGreaterThan(0);
    expect(await count()).toBe(before);
    const done = await purgeHistory(t.deps, { dryRun: false });
    expect(done.deleted).toBe(dry.due);
    expect(await count()).toBe(before - dry.due);
  });
});

describe('parking back office', () => {
  it('imports the city export (all rows or none) and edits a facility, with audit rows', async () => {
    const admin = await login(t, await createStaff(t, { role: 'admin' }));
    const bad = await postForm(t, admin, '/admin/parken/import', {
      file: 'ref;name;lat;lon;capacity\nNEU1;Parkhaus Neu;52.03;8.54;200\nNEU2;;52.03;8.54;viele\n',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Zeile 3');
    const ok = await postForm(t, admin, '/admin/parken/import', {
      file: JSON.stringify({
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            geometry: { type: 'Point', coordinates: [8.54, 52.03] },
            properties: { PLS_ID: 'NEU1', Bezeichnung: 'Parkhaus Neu', Art: 'Tiefgarage', Kapazitaet: '200' },
          },
        ],
      }),
    });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe('/admin/parken?done=imported&n=1');
    const { rows } = await t.db.query<{ id: number; kind: string }>(
      "SELECT id::int AS id, kind FROM parking_facilities WHERE municipality_id = $1 AND ref = 'NEU1'",
      [t.config.municipality.id],
    );
    expect(rows[0]!.kind).toBe('underground');
    const form = await t.app.inject({ url: `/admin/parken/${rows[0]!.id}`, headers: { cookie: admin.cookie } });
    expect(form.body).toContain('value="Parkhaus Neu"');
    const fields = {
      ref: 'NEU1',
      name: 'Parkhaus Neustadt',
      kind: 'garage',
      lat: '52.03',
      lon: '8.54',
      capacity: '210',
      max_height_cm: '210',
    };
    const invalid = await postForm(t, admin, `/admin/parken/${rows[0]!.id}`, { ...fields, ref: 'PLS01' });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.body).toContain('Ein anderes Parkhaus hat diese Kennung schon');
    const saved = await postForm(t, admin, `/admin/parken/${rows[0]!.id}`, fields);
    expect(saved.statusCode).toBe(303);
    const page = await t.app.inject({ url: `/parken/${rows[0]!.id}`, headers: { accept: 'text/html' } });
    expect(page.body).toContain('Parkhaus Neustadt');
    expect(page.body).toContain('keine aktuellen Daten');
    expect(page.body).not.toContain('Demodaten');
    const audits = await countRows(
      t.db,
      "SELECT count(*)::int AS n FROM audit_log WHERE municipality_id = $1 AND entity_type = 'parking_facility'",
      [t.config.municipality.id],
    );
    expect(audits).toBe(2);
  });
});
