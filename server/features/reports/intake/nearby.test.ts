import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { seedTestAddresses } from '../../../test/factories/addresses.js';
import { openForm, postForm } from '../../../test/factories/report-form.js';
import { createCategory, createReport, type TestReport } from '../../../test/factories/reports.js';

// Nearby open reports (GET /api/reports/nearby and the citizen form's duplicate offer) are a public view: only
// public reports, with rounded coordinates and the street, never the house number.

let t: TestApp;
let visible: TestReport;
let screening: TestReport;
let hidden: TestReport;
const place = { lat: 52.0201234, lon: 8.5392345 };

beforeAll(async () => {
  t = await buildTestApp({ env: { RATE_LIMIT_PUBLIC_WRITES_PER_MINUTE: '1000' } });
  await seedTestAddresses(t.deps);
  const categoryId = await createCategory(t.deps, { code: 'ampel', name: { de: 'Ampel', en: 'Traffic light' } });
  const at = (dLat: number) => ({ categoryId, lat: place.lat + dLat, lon: place.lon, publicDescription: 'Ampel aus' });
  visible = await createReport(t.deps, { ...at(0), addressLabel: 'Herforder Straße 5, 33602 Bielefeld' });
  // Sent without proof of work: nothing of it is public until the BSC has screened it.
  screening = await createReport(t.deps, { ...at(0.0002), needsScreening: true, addressLabel: 'Herforder Straße 7a' });
  hidden = await createReport(t.deps, { ...at(0.0003), addressLabel: 'Herforder Straße 9' });
  await t.db.query('UPDATE reports SET abusive = true, hidden = true WHERE id = $1', [hidden.id]);
});
afterAll(() => t.close());

describe('nearby open reports are public only', () => {
  it('GET /api/reports/nearby lists no report awaiting screening; coordinates rounded, street without number', async () => {
    // Asked at the rounded point: the distance is measured from the public coordinates too (0, not ~4 m).
    const res = await t.app.inject({ url: '/api/reports/nearby?category=ampel&lat=52.0201&lon=8.5392' });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as Record<string, unknown>[];
    expect(items.map((i) => i.reference)).toEqual([visible.reference]);
    expect(items[0]).toMatchObject({ lat: 52.0201, lon: 8.5392, street: 'Herforder Straße', distanceMetres: 0 });
    const text = res.body;
    expect(text).not.toContain(screening.reference);
    expect(text).not.toContain(hidden.reference);
    expect(text).not.toMatch(/Herforder Straße \d/);
    expect(text).not.toContain('52.0201234');
    expect(text).not.toContain('8.5392345');
  });

  it('the citizen form offers the same public reports only, by street', async () => {
    const s = await openForm(t);
    const step = await postForm(t, s, '/melden/schritt', {
      category: 'ampel',
      locationMethod: 'coordinates',
      lat: String(place.lat),
      lon: String(place.lon),
      step: 'location',
    });
    expect(step.statusCode).toBe(200);
    // The reporter's own place may name its address; the reports offered never do.
    const offered = /<section class="bs-report-duplicates"[\s\S]*?<\/section>/.exec(step.body)?.[0] ?? '';
    expect(offered).toContain(`Ampel ${visible.reference}`);
    expect(offered).toContain('In der Nähe: Herforder Straße<');
    expect(offered).not.toMatch(/Herforder Straße \d/);
    expect(step.body).not.toContain(screening.reference);
    expect(step.body).not.toContain(hidden.reference);
  });
});
