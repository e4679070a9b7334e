import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invalidateResponses } from '../../../platform/http/response-cache.js';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { points, seedTestAddresses } from '../../../test/factories/addresses.js';
import { createCategory, createReport, type TestReportOverrides } from '../../../test/factories/reports.js';
import { reportsCacheTag } from '../core/cache.js';

let t: TestApp;
const cat: Record<string, number> = {};
const refs: Record<string, string> = {};
const ids: Record<string, number> = {};
const tokens: Record<string, string> = {};

// Strings that must never appear in a public answer.
const secret = {
  name: 'Sentinella Geheimname',
  email: 'sentinel.secret@example.org',
  phone: '+49 521 98765432',
  original: 'ORIGINALTEXT-NICHT-OEFFENTLICH',
  plate: 'BI-QX 4711',
  internal: 'INTERNE-NOTIZ-GEHEIM',
  internal2: 'ZWEITE-INTERNE-NOTIZ',
  houseNumber: 'Herforder Straße 17b',
  landmark: 'vor dem Haus von Familie Geheim',
};

const html = (url: string, lang = 'de') =>
  t.app.inject({
    method: 'GET',
    url: `${url}${url.includes('?') ? '&' : '?'}lang=${lang}`,
    headers: { accept: 'text/html' },
  });
const json = (url: string) => t.app.inject({ method: 'GET', url, headers: { accept: 'application/json' } });

async function report(key: string, overrides: TestReportOverrides & { sql?: string } = {}) {
  const { sql, ...rest } = overrides;
  const r = await createReport(t.deps, rest);
  refs[key] = r.reference;
  ids[key] = r.id;
  tokens[key] = r.statusToken;
  if (sql) await t.db.query(`UPDATE reports SET ${sql} WHERE id = $1`, [r.id]);
  return r;
}

/** The references listed on a page of the HTML list, in order. */
const listed = (body: string) => [...body.matchAll(/href="\/meldungen\/([A-Z]+-\d{4}-\d+)"/g)].map((m) => m[1]);

beforeAll(async () => {
  t = await buildTestApp();
  await seedTestAddresses(t.deps);
  cat.muell = await createCategory(t.deps, {
    code: 'wilder-muell',
    name: { de: 'Wilder Müll', en: 'Fly-tipping' },
    questions: [
      {
        code: 'art',
        datatype: 'singlevaluelist',
        required: false,
        label: { de: 'Art des Mülls', en: 'Kind of waste' },
        values: [
          { key: 'sperrmuell', name: { de: 'Sperrmüll', en: 'Bulky waste' } },
          { key: 'reifen', name: { de: 'Altreifen', en: 'Old tyres' } },
        ],
        order: 1,
      },
    ],
  });
  cat.parken = await createCategory(t.deps, {
    code: 'falschparker',
    name: { de: 'Falschparker', en: 'Illegal parking' },
    questions: [
      { code: 'kennzeichen', datatype: 'string', required: false, label: { de: 'Kennzeichen', en: 'Plate' }, order: 1 },
      {
        code: 'halter',
        datatype: 'singlevaluelist',
        required: false,
        personal: true,
        label: { de: 'Halterart', en: 'Keeper' },
        values: [{ key: 'privat', name: { de: 'PRIVATHALTER-LISTE', en: 'PRIVATE-KEEPER-LIST' } }],
        order: 2,
      },
    ],
  });
  cat.strasse = await createCategory(t.deps, { code: 'strasse', name: { de: 'Straße', en: 'Road' } });
  cat.loch = await createCategory(t.deps, {
    code: 'schlagloch',
    name: { de: 'Schlagloch', en: 'Pothole' },
    parentId: cat.strasse,
  });

  const jan = new Date('2025-01-15T10:00:00Z');
  const mar = new Date('2025-03-20T10:00:00Z');
  await report('muell', {
    categoryId: cat.muell,
    status: 'in_progress',
    createdAt: jan,
    publicDescription: 'Sperrmüll am Straßenrand.',
    sql: `answers = '{"art": "sperrmuell"}'`,
  });
  await report('private', {
    categoryId: cat.parken,
    status: 'done',
    createdAt: mar,
    description: `${secret.original} ${secret.plate}`,
    publicDescription: 'Ein Auto parkt auf dem Gehweg.',
    reporterName: secret.name,
    reporterEmail: secret.email,
    reporterPhone: secret.phone,
    addressLabel: `${secret.houseNumber}, 33602 Bielefeld`,
    landmark: secret.landmark,
    lat: points.schildesche.lat,
    lon: points.schildesche.lon,
    photos: 1,
    photoReview: 'approved',
    sql: `answers = '{"kennzeichen": "${secret.plate}", "halter": "privat"}', supporter_count = 2`,
  });
  await t.db.query(
    `INSERT INTO report_photos (municipality_id, report_id, content_type, data, width, height, byte_size, review, sort)
     SELECT municipality_id, report_id, content_type, data, width, height, byte_size, r.review, 1
       FROM report_photos, (VALUES ('pending'), ('hidden')) AS r(review) WHERE report_id = $1`,
    [ids.private],
  );
  await t.db.query(
    `INSERT INTO report_events (municipality_id, report_id, kind, status_from, status_to, public, public_note,
                                internal_note, created_at)
     SELECT r.municipality_id, r.id, e.* FROM reports r, (VALUES
              ('note', NULL, NULL, false, NULL, $2, $4::timestamptz),
              ('status', 'received', 'done', true, 'Der Wagen wurde abgeschleppt.', $3, $4::timestamptz)) AS e
      WHERE r.id = $1`,
    [ids.private, secret.internal, secret.internal2, new Date('2025-03-21T10:00:00Z')],
  );
  await report('unmoderated', { categoryId: cat.loch, publicDescription: null, createdAt: mar });
  await report('screening', { categoryId: cat.muell, needsScreening: true, description: 'SCREENING-ONLY' });
  await report('hidden', { categoryId: cat.muell, sql: 'hidden = true', photos: 1, photoReview: 'approved' });
  await report('abusive', { categoryId: cat.muell, sql: 'abusive = true' });
  await report('merged', { categoryId: cat.muell, sql: `merged_into_id = ${ids.muell}` });
  invalidateResponses(reportsCacheTag);
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

describe('pagination', () => {
  let p: TestApp;
  beforeAll(async () => {
    p = await buildTestApp();
    const category = await createCategory(p.deps, { code: 'laub' });
    for (let i = 0; i < 23; i++) {
      await createReport(p.deps, { categoryId: category, createdAt: new Date(Date.UTC(2025, 4, 1 + i, 9)) });
    }
  });
  afterAll(() => p.close());

  it('shows 20 per page with next/previous links that keep the filter', async () => {
    const first = await p.app.inject({ url: '/meldungen?status=open', headers: { accept: 'text/html' } });
    expect(listed(first.body)).toHaveLength(20);
    expect(first.body).toContain('23 Meldungen');
    expect(first.body).toContain('Seite 1 von 2');
    expect(first.body).toContain('href="/meldungen?status=open&amp;page=2" rel="next"');
    const second = await p.app.inject({ url: '/meldungen?status=open&page=2', headers: { accept: 'text/html' } });
    expect(listed(second.body)).toHaveLength(3);
    expect(second.body).toContain('href="/meldungen?status=open" rel="prev"');
    expect(new Set([...listed(first.body), ...listed(second.body)]).size).toBe(23);
    const beyond = await p.app.inject({ url: '/meldungen?page=9', headers: { accept: 'text/html' } });
    expect(beyond.statusCode).toBe(200);
    expect(listed(beyond.body)).toEqual([]);
    expect(beyond.body).toContain('Zur ersten Seite');
    const api = await p.app.inject({ url: '/api/reports?page=2&pageSize=10' });
    expect(api.json()).toMatchObject({ total: 23, page: 2, pages: 3, pageSize: 10 });
    expect(api.json().items).toHaveLength(10);
  });

  it('counts at most 10,000 matches and says when more exist', async () => {
    const category = await createCategory(p.deps, { code: 'masse' });
    await p.db.query(
      `INSERT INTO reports (municipality_id, reference, category_id, description, public_description, lat, lon,
                            location_method)
       SELECT $1, 'ZY-2024-' || lpad(g::text, 6, '0'), $2, 'x', 'x', 52.02, 8.53, 'map'
         FROM generate_series(1, 10001) AS g`,
      [p.config.municipality.id, category],
    );
    const first = await p.app.inject({ url: '/meldungen?category=masse', headers: { accept: 'text/html' } });
    expect(first.body).toContain('Mehr als 10.000 Meldungen.');
    expect(first.body).toContain('Seite 1 von mehr als 500');
    expect(listed(first.body)).toHaveLength(20);
    const last = await p.app.inject({ url: '/meldungen?category=masse&page=500', headers: { accept: 'text/html' } });
    expect(listed(last.body)).toHaveLength(20);
    expect(last.body).not.toContain('rel="next"');
    const beyond = await p.app.inject({ url: '/meldungen?category=masse&page=501', headers: { accept: 'text/html' } });
    expect(listed(beyond.body)).toEqual([]);
    const api = (await p.app.inject({ url: '/api/reports?category=masse' })).json();
    expect(api).toMatchObject({ total: 10000, totalCapped: true, pages: 500 });
    const exact = (await p.app.inject({ url: '/api/reports?category=laub' })).json();
    expect(exact).toMatchObject({ total: 23, totalCapped: false });
  });

  it('caps the map at 1,000 features and says so', async () => {
    const category = await createCategory(p.deps, { code: 'viele' });
    await p.db.query(
      `INSERT INTO reports (municipality_id, reference, category_id, description, public_description, lat, lon,
                            location_method)
       SELECT $1, 'ZZ-2024-' || lpad(g::text, 6, '0'), $2, 'x', 'x', 52.02 + g * 0.00001, 8.53, 'map'
         FROM generate_series(1, 1001) AS g`,
      [p.config.municipality.id, category],
    );
    const res = await p.app.inject({ url: '/api/reports/map.geojson?category=viele' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.features).toHaveLength(1000);
    expect(body.truncated).toBe(true);
    expect(body.limit).toBe(1000);
    // In a box: a sample spread over it, at most 10 per tenth × tenth cell. The 1,001 reports lie on a line
    // along a cell edge (lon 8.53), so each is found by two cells and must still come once.
    const boxed = (
      await p.app.inject({ url: '/api/reports/map.geojson?category=viele&bbox=8.52,52.02,8.54,52.0301' })
    ).json();
    expect(boxed.truncated).toBe(true);
    const boxedIds: string[] = boxed.features.map((f: { id: string }) => f.id);
    expect(new Set(boxedIds).size).toBe(boxedIds.length);
    expect(boxedIds.length).toBeGreaterThanOrEqual(100);
    expect(boxedIds.length).toBeLessThanOrEqual(200);
    const lats = boxed.features.map((f: { geometry: { coordinates: number[] } }) => f.geometry.coordinates[1]);
    expect(Math.min(...lats)).toBeLessThan(52.0215);
    expect(Math.max(...lats)).toBeGreaterThan(52.0285);
    // A box with fewer than ten per cell shows them all.
    const sparse = (
      await p.app.inject({ url: '/api/reports/map.geojson?category=viele&bbox=8.52,52.02,8.54,52.02005' })
    ).json();
    expect(sparse.truncated).toBe(false);
    expect(sparse.features).toHaveLength(5);
    const few = (await p.app.inject({ url: '/api/reports/map.geojson?category=laub' })).json();
    expect(few.features).toHaveLength(23);
    expect(few.truncated).toBe(false);
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

describe('/meldungen/<reference> (detail)', () => {
  it('shows the public facts, moderated text, list answers, approved photos and the public history', async () => {
    const res = await html(`/meldungen/${refs.private}`);
    expect(res.statusCode).toBe(200);
    const body = res.body;
    expect(body).toContain(`Falschparker: Meldung ${refs.private}`);
    expect(body).toContain('Ein Auto parkt auf dem Gehweg.');
    expect(body).toContain('Herforder Straße, Schildesche');
    expect(body).toContain('52,0450° N, 8,5300° O');
    expect(body).toContain('Der Wagen wurde abgeschleppt.');
    expect(body).toContain('Meldung eingegangen');
    const photos = [...body.matchAll(/<img src="(\/meldungen\/[^"]+\/fotos\/\d+)"/g)].map((m) => m[1]);
    expect(photos).toHaveLength(1);
    expect(body).toContain(`alt="Foto 1 von 1 zur Meldung ${refs.private}"`);

    const muell = await html(`/meldungen/${refs.muell}`, 'en');
    expect(muell.body).toContain('Kind of waste');
    expect(muell.body).toContain('Bulky waste');
    expect(muell.body).toContain('In progress');

    const unmoderated = await html(`/meldungen/${refs.unmoderated}`);
    expect(unmoderated.statusCode).toBe(200);
    expect(unmoderated.body).toContain('wird nach einer Prüfung durch die Stadtverwaltung veröffentlicht');
    expect(unmoderated.body).not.toContain('Am Straßenrand liegen mehrere Säcke Müll.');
  });

  it('redirects a merged report to the one it was merged into', async () => {
    const res = await html(`/meldungen/${refs.merged}`);
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe(`/meldungen/${refs.muell}`);
  });

  it.each(['screening', 'hidden', 'abusive'])('is not found for a report that is %s', async (key) => {
    const res = await html(`/meldungen/${refs[key]}`);
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain('Seite nicht gefunden');
    expect(res.body).not.toContain('Säcke Müll');
    expect(res.body).not.toContain('SCREENING-ONLY');
  });

  it('is not found for unknown or malformed references, as HTML', async () => {
    expect((await html('/meldungen/BI-1999-999999')).statusCode).toBe(404);
    const bad = await html('/meldungen/%3Cscript%3E');
    expect(bad.statusCode).toBe(404);
    expect(bad.headers['content-type']).toContain('text/html');
    expect(bad.body).not.toContain('<script>');
  });

  it('shows a report of another municipality nowhere', async () => {
    const other = await buildTestApp({ db: t.db });
    try {
      const category = await createCategory(other.deps, { code: 'wilder-muell' });
      const foreign = await createReport(other.deps, { categoryId: category, publicDescription: 'FREMDE-STADT' });
      expect((await html(`/meldungen/${foreign.reference}`)).statusCode).toBe(404);
      expect((await html('/meldungen')).body).not.toContain('FREMDE-STADT');
      expect((await json('/api/reports?pageSize=100')).body).not.toContain('FREMDE-STADT');
    } finally {
      await other.close();
    }
  });
});

describe('photos', () => {
  const photoIds = async (reportId: number) =>
    Object.fromEntries(
      (
        await t.db.query<{ id: number; review: string }>('SELECT id, review FROM report_photos WHERE report_id = $1', [
          reportId,
        ])
      ).rows.map((r) => [r.review, r.id]),
    );

  it('serves approved photos with caching headers and revalidation', async () => {
    const { approved } = await photoIds(ids.private!);
    const url = `/meldungen/${refs.private}/fotos/${approved}`;
    const res = await t.app.inject({ url });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/jpeg');
    expect(res.headers['cache-control']).toBe('public, max-age=600');
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    const etag = String(res.headers.etag);
    const again = await t.app.inject({ url, headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.rawPayload.length).toBe(0);
  });

  it('answers 404 for pending and hidden photos, another report’s photo and photos of hidden reports', async () => {
    const { pending, hidden } = await photoIds(ids.private!);
    const { approved: ofHidden } = await photoIds(ids.hidden!);
    for (const url of [
      `/meldungen/${refs.private}/fotos/${pending}`,
      `/meldungen/${refs.private}/fotos/${hidden}`,
      `/meldungen/${refs.muell}/fotos/${(await photoIds(ids.private!)).approved}`,
      `/meldungen/${refs.hidden}/fotos/${ofHidden}`,
      `/meldungen/${refs.private}/fotos/999999999`,
      `/meldungen/${refs.private}/fotos/abc`,
    ]) {
      const res = await t.app.inject({ url });
      expect([404, 400], url).toContain(res.statusCode);
      expect(res.headers['content-type'], url).not.toContain('image/');
    }
  });
});

describe('privacy', () => {
  it('never shows names, contact data, original text, free-text or personal answers, internal notes or tokens', async () => {
    const hash = (
      await t.db.query<{ h: string }>('SELECT status_token_hash AS h FROM reports WHERE id = $1', [ids.private])
    ).rows[0]!.h;
    const urls = [
      ...['de', 'en'].flatMap((lang) => [
        [`/meldungen?lang=${lang}`, 'text/html'],
        [`/meldungen/karte?lang=${lang}`, 'text/html'],
        [`/meldungen/${refs.private}?lang=${lang}`, 'text/html'],
        [`/meldungen?category=falschparker&lang=${lang}`, 'text/html'],
        [`/api/reports?lang=${lang}&pageSize=100`, 'application/json'],
        [`/api/reports/map.geojson?lang=${lang}`, 'application/json'],
        [`/api/reports/map.geojson?lang=${lang}&bbox=8.5,52.03,8.56,52.06`, 'application/json'],
      ]),
    ];
    const forbidden = [
      ...Object.values(secret),
      hash,
      ...Object.values(tokens),
      'PRIVATHALTER-LISTE',
      'PRIVATE-KEEPER-LIST',
      'SCREENING-ONLY',
      'erika@example.org',
      'Erika Mustermann',
      'status_token',
      'statusToken',
    ];
    for (const [url, accept] of urls) {
      const res = await t.app.inject({ url: url!, headers: { accept: accept! } });
      expect(res.statusCode, url).toBe(200);
      for (const s of forbidden) expect(res.body, `${s} in ${url}`).not.toContain(s);
    }
    // The list answer of a personal question is not shown either; a list answer of a public question is.
    const muell = await html(`/meldungen/${refs.muell}`);
    expect(muell.body).toContain('Sperrmüll');
  });
});
