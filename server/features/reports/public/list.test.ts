import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import {
  emptyPublicSeed,
  getHtml,
  getJson,
  listed,
  seedPublicReports,
} from '../../../test/factories/public-reports.js';

let t: TestApp;
const seed = emptyPublicSeed();
const { refs } = seed;

const html = (url: string, lang?: string) => getHtml(t, url, lang);
const json = (url: string) => getJson(t, url);

beforeAll(async () => {
  t = await buildTestApp();
  await seedPublicReports(t, seed);
});
afterAll(() => t.close());

describe('/meldungen (list)', () => {
  it('lists public reports only, newest first, with category, status, excerpt, street, district, date, supporters', async () => {
    const res = await html('/meldungen');
    expect(res.statusCode).toBe(200);
    expect(listed(res.body)).toEqual([refs.unmoderated, refs.private, refs.muell]);
    expect(res.body).toContain('<h1 class="kern-heading-large">Gemeldete Mängel</h1>');
    expect(res.body).toContain(`Falschparker, Meldung ${refs.private}`);
    expect(res.body).toContain('Ein Auto parkt auf dem Gehweg.');
    expect(res.body).toContain('Herforder Straße, Schildesche');
    expect(res.body).toContain('2 weitere Personen');
    expect(res.body).toContain('Erledigt');
    expect(res.body).toContain('Die Beschreibung wird nach einer Prüfung veröffentlicht.');
    expect(res.body).toContain('href="/meldungen/karte"');
    expect(res.body).toContain('href="/melden"');
    expect(res.body).toMatch(/<form method="get" action="\/meldungen"/);
    const en = await html('/meldungen', 'en');
    expect(en.body).toContain(`Illegal parking, report ${refs.private}`);
    expect(en.body).toContain('2 more people');
  });

  it('filters by category (a group includes its children), status, district and period', async () => {
    expect(listed((await html('/meldungen?category=falschparker')).body)).toEqual([refs.private]);
    expect(listed((await html('/meldungen?category=strasse')).body)).toEqual([refs.unmoderated]);
    expect(listed((await html('/meldungen?category=schlagloch')).body)).toEqual([refs.unmoderated]);
    expect(listed((await html('/meldungen?status=open')).body)).toEqual([refs.unmoderated, refs.muell]);
    expect(listed((await html('/meldungen?status=closed')).body)).toEqual([refs.private]);
    expect(listed((await html('/meldungen?status=in_progress')).body)).toEqual([refs.muell]);
    expect(listed((await html('/meldungen?district=schildesche')).body)).toEqual([refs.private]);
    expect(listed((await html('/meldungen?district=mitte')).body)).toEqual([refs.unmoderated, refs.muell]);
    expect(listed((await html('/meldungen?from=2025-01-01&to=2025-01-31')).body)).toEqual([refs.muell]);
    expect(listed((await html('/meldungen?from=2025-03-20')).body)).toEqual([refs.unmoderated, refs.private]);
    expect(listed((await html('/meldungen?to=2025-03-19')).body)).toEqual([refs.muell]);
    const combined = await html('/meldungen?category=wilder-muell&status=open&district=mitte&from=2025-01-15');
    expect(listed(combined.body)).toEqual([refs.muell]);
    expect(combined.body).toMatch(/<option value="wilder-muell" selected>/);
    expect(combined.body).toContain('value="2025-01-15"');
    expect(listed((await html('/meldungen?status=rejected')).body)).toEqual([]);
    expect((await html('/meldungen?status=rejected')).body).toContain('Keine Meldungen für diese Auswahl.');
  });

  it('answers a bad filter with 400, the message beside the field and an error summary', async () => {
    const res = await html('/meldungen?category=gibtsnicht&status=bald&district=mond&from=2025-02-30&to=x');
    expect(res.statusCode).toBe(400);
    for (const field of ['category', 'status', 'district', 'from', 'to']) {
      expect(res.body).toContain(`href="#${field}"`);
      expect(res.body).toMatch(
        new RegExp(`id="${field}"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="${field}"`),
      );
    }
    expect(res.body).toContain('Diese Kategorie gibt es nicht.');
    expect(listed(res.body)).toEqual([]);
    const order = await html('/meldungen?from=2025-03-01&to=2025-02-01', 'en');
    expect(order.statusCode).toBe(400);
    expect(order.body).toContain('The end must not be before the start.');
  });

  it('keeps the map page to the same filter, with the list beside the map', async () => {
    const res = await html('/meldungen/karte?status=closed');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('data-reports-map');
    expect(res.body).toContain('data-src="/api/reports/map.geojson?status=closed&amp;lang=de"');
    expect(listed(res.body)).toEqual([refs.private]);
    expect(res.body).toContain('href="/meldungen?status=closed"');
    const bad = await html('/meldungen/karte?status=nope');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).not.toContain('data-reports-map');
  });
});

describe('GET /api/reports/map.geojson', () => {
  it('answers a FeatureCollection of public reports inside the box, cached briefly', async () => {
    const res = await json('/api/reports/map.geojson?bbox=8.50,52.00,8.56,52.06&lang=de');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/geo+json; charset=utf-8');
    expect(res.headers['cache-control']).toBe('public, max-age=30');
    const body = res.json();
    expect(body.type).toBe('FeatureCollection');
    expect(body.truncated).toBe(false);
    expect(body.features.map((f: { id: string }) => f.id).sort()).toEqual(
      [refs.unmoderated, refs.private, refs.muell].sort(),
    );
    const feature = body.features.find((f: { id: string }) => f.id === refs.private);
    expect(feature).toEqual({
      type: 'Feature',
      id: refs.private,
      geometry: { type: 'Point', coordinates: [8.53, 52.045] },
      properties: {
        reference: refs.private,
        category: { code: 'falschparker', name: 'Falschparker' },
        status: 'done',
        date: '2025-03-20',
        url: `/meldungen/${refs.private}`,
      },
    });
    const en = (await json('/api/reports/map.geojson?bbox=8.50,52.00,8.56,52.06&lang=en')).json();
    expect(en.features.find((f: { id: string }) => f.id === refs.private).properties.category.name).toBe(
      'Illegal parking',
    );
  });

  it('selects by box and filters', async () => {
    const north = (await json('/api/reports/map.geojson?bbox=8.5,52.03,8.56,52.06')).json();
    expect(north.features.map((f: { id: string }) => f.id)).toEqual([refs.private]);
    const empty = (await json('/api/reports/map.geojson?bbox=8.6,52.1,8.7,52.2')).json();
    expect(empty.features).toEqual([]);
    const open = (await json('/api/reports/map.geojson?status=open&category=strasse')).json();
    expect(open.features.map((f: { id: string }) => f.id)).toEqual([refs.unmoderated]);
  });

  it.each([
    ['8.5,52', 'bbox', 'four numbers'],
    ['a,b,c,d', 'bbox', 'four numbers'],
    ['8.5,52,8.6,', 'bbox', 'four numbers'],
    ['8.6,52.0,8.5,52.1', 'bbox', 'smaller than maximum'],
    ['8.5,52.1,8.6,52.0', 'bbox', 'smaller than maximum'],
    ['-181,52,8.6,52.1', 'bbox', 'within'],
    ['8.5,52,8.6,91', 'bbox', 'within'],
    ['0,40,8,52', 'bbox', 'at most 5 degrees'],
  ])('rejects bbox=%s with 400 problem+json', async (bbox, field, message) => {
    const res = await json(`/api/reports/map.geojson?bbox=${encodeURIComponent(bbox)}`);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const problem = res.json();
    expect(problem.code).toBe('validation_failed');
    expect(problem.errors).toEqual([{ field, message: expect.stringContaining(message) }]);
  });

  it('rejects bad filters and unknown parameters with field errors', async () => {
    const res = await json('/api/reports/map.geojson?status=bald&from=2025-13-01&category=nix&district=mond');
    expect(res.statusCode).toBe(400);
    expect(
      res
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['category', 'district', 'from', 'status']);
    const unknown = await json('/api/reports/map.geojson?name=x');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors).toEqual([{ field: 'name', message: 'unknown field' }]);
    const lang = await json('/api/reports/map.geojson?lang=fr');
    expect(lang.statusCode).toBe(400);
  });

  it('is documented in the OpenAPI document with its cap and box rules', async () => {
    const doc = (await json('/api/openapi.json')).json();
    const op = doc.paths['/api/reports/map.geojson'].get;
    expect(op.description).toContain('at most 1000');
    expect(op.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['bbox', 'category', 'status', 'district', 'from', 'to']),
    );
    const schema = op.responses['200'].content['application/geo+json'].schema;
    expect(schema.properties.truncated.type).toBe('boolean');
    expect(doc.paths['/api/reports'].get).toBeDefined();
  });
});

describe('GET /api/reports', () => {
  it('lists public reports with the same filters', async () => {
    const res = await json('/api/reports?status=closed&lang=en');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ total: 1, totalCapped: false, page: 1, pages: 1, pageSize: 20 });
    expect(body.items[0]).toEqual({
      reference: refs.private,
      url: `/meldungen/${refs.private}`,
      category: { code: 'falschparker', name: 'Illegal parking' },
      status: 'done',
      createdAt: '2025-03-20T10:00:00.000Z',
      closedAt: '2025-03-20T10:00:00.000Z',
      excerpt: 'Ein Auto parkt auf dem Gehweg.',
      district: { key: 'schildesche', name: 'Schildesche' },
      street: 'Herforder Straße',
      lat: 52.045,
      lon: 8.53,
      supporterCount: 2,
    });
    const bad = await json('/api/reports?to=2025-01-01&from=2025-02-01');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([{ field: 'to', message: 'must not be before from' }]);
  });
});
