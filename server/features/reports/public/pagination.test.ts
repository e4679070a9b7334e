import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { listed } from '../../../test/factories/public-reports.js';
import { createCategory, createReport } from '../../../test/factories/reports.js';

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
