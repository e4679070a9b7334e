import { brotliDecompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.js';
import { addressCsv, points, seedTestAddresses } from '../../test/factories/addresses.js';
import { cliActor } from '../audit/service.js';
import { importAddresses } from './import-service.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
  await seedTestAddresses(t.deps);
});
afterAll(() => t.close());

const get = (url: string) => t.app.inject({ method: 'GET', url });

function expectProblem(res: Awaited<ReturnType<typeof get>>, status: number, fields: string[] = []) {
  expect(res.statusCode).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = res.json();
  expect(body.status).toBe(status);
  expect((body.errors ?? []).map((e: { field: string }) => e.field).sort()).toEqual([...fields].sort());
  return body;
}

describe('GET /api/addresses', () => {
  it('answers the issue example with the documented shape', async () => {
    const res = await get(`/api/addresses?q=${encodeURIComponent('herforder str 22')}&limit=2`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const { items } = res.json();
    expect(items).toHaveLength(2);
    expect(items[0]).toEqual({
      id: expect.any(Number),
      label: 'Herforder Straße 22',
      street: 'Herforder Straße',
      houseNumber: 22,
      suffix: '',
      postcode: '33602',
      district: { key: 'mitte', name: 'Mitte' },
      lat: 52.02,
      lon: expect.closeTo(8.5392, 6),
    });
    expect(items[1].label).toBe('Herforder Straße 22a');
  });

  it('defaults to ten results', async () => {
    expect((await get('/api/addresses?q=herforder')).json().items).toHaveLength(10);
  });

  it('answers an empty list for an unknown street', async () => {
    expect((await get('/api/addresses?q=Xylophonweg')).json()).toEqual({ items: [] });
  });

  it('answers bad input with problem+json and field errors', async () => {
    expectProblem(await get('/api/addresses'), 400, ['q']);
    expectProblem(await get('/api/addresses?q=a'), 400, ['q']);
    expectProblem(await get(`/api/addresses?q=${'x'.repeat(201)}`), 400, ['q']);
    expectProblem(await get('/api/addresses?q=herforder&limit=0'), 400, ['limit']);
    expectProblem(await get('/api/addresses?q=herforder&limit=51'), 400, ['limit']);
    expectProblem(await get('/api/addresses?q=herforder&limit=zehn'), 400, ['limit']);
    expectProblem(await get('/api/addresses?q=herforder&sort=name'), 400, ['sort']);
  });

  it('sees an import at once (the search cache is cleared)', async () => {
    expect((await get('/api/addresses?q=Neuer%20Weg%201')).json().items).toEqual([]);
    await importAddresses(t.deps, addressCsv([{ street: 'Neuer Weg', number: 1, ...points.mitte }]), {
      municipalityId: t.config.municipality.id,
      source: 'import',
      actor: cliActor,
    });
    expect((await get('/api/addresses?q=Neuer%20Weg%201')).json().items[0].label).toBe('Neuer Weg 1');
  });
});

describe('GET /api/addresses/reverse', () => {
  it('answers the nearest address and the distance', async () => {
    const res = await get('/api/addresses/reverse?lat=52.02009&lon=8.5358');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.address.label).toBe('Herforder Straße 5');
    expect(body.distanceMetres).toBeGreaterThan(9);
    expect(body.distanceMetres).toBeLessThan(11);
  });

  it('answers a point outside the municipality with 400 and a message', async () => {
    const body = expectProblem(
      await get(`/api/addresses/reverse?lat=${points.outside.lat}&lon=${points.outside.lon}`),
      400,
      ['lat', 'lon'],
    );
    expect(body.code).toBe('validation_failed');
    expect(body.title).toMatch(/outside/);
  });

  it('answers malformed coordinates with field errors', async () => {
    expectProblem(await get('/api/addresses/reverse?lat=52.02'), 400, ['lon']);
    expectProblem(await get('/api/addresses/reverse?lat=95&lon=8.5'), 400, ['lat']);
    expectProblem(await get('/api/addresses/reverse?lat=nord&lon=8.5'), 400, ['lat']);
  });
});

describe('GET /api/addresses/{id}', () => {
  it('answers one address, 404 for an unknown one and 400 for a malformed id', async () => {
    const [first] = (await get('/api/addresses?q=Jahnplatz%202')).json().items;
    const res = await get(`/api/addresses/${first.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(first);
    expectProblem(await get('/api/addresses/999999999'), 404);
    expectProblem(await get('/api/addresses/zwei'), 400, ['id']);
  });

  it('does not show another municipality’s address', async () => {
    const [first] = (await get('/api/addresses?q=Jahnplatz%202')).json().items;
    const other = await buildTestApp({ db: t.db });
    try {
      const res = await other.app.inject({ url: `/api/addresses/${first.id}` });
      expect(res.statusCode).toBe(404);
    } finally {
      await other.close();
    }
  });
});

describe('GET /api/districts', () => {
  it('answers a GeoJSON FeatureCollection as application/geo+json', async () => {
    const res = await get('/api/districts');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/geo\+json/);
    const body = res.json();
    expect(body.type).toBe('FeatureCollection');
    expect(body.features.map((f: { id: string; properties: unknown }) => [f.id, f.properties])).toEqual([
      ['mitte', { key: 'mitte', name: 'Mitte' }],
      ['schildesche', { key: 'schildesche', name: 'Schildesche' }],
    ]);
    expect(body.features[0].geometry.type).toBe('Polygon');
    expect(body.features[0].geometry.coordinates[0]).toHaveLength(5);
  });
});

describe('OpenAPI', () => {
  it('documents every address route with tags, parameters and responses', async () => {
    const doc = (await get('/api/openapi.json')).json();
    for (const path of ['/api/addresses', '/api/addresses/reverse', '/api/addresses/{id}', '/api/districts']) {
      const op = doc.paths[path]?.get;
      expect(op, path).toBeDefined();
      expect(op.tags).toEqual(['addresses']);
      expect(op.responses['200']).toBeDefined();
    }
    expect(doc.paths['/api/addresses'].get.parameters.map((p: { name: string }) => p.name)).toEqual(['q', 'limit']);
    expect(Object.keys(doc.paths['/api/districts'].get.responses['200'].content)).toEqual(['application/geo+json']);
  });
});

describe('cached answers', () => {
  it('answers repeats from the cache, compressed for clients that accept it, and forgets them on import', async () => {
    const url = `/api/addresses?q=${encodeURIComponent('kesselbrink')}`;
    const first = await get(url);
    expect(first.statusCode).toBe(200);
    expect(first.json().items).toEqual([]);
    expect(first.headers['cache-control']).toBe('public, max-age=60');

    const br = await t.app.inject({ url, headers: { 'accept-encoding': 'gzip, br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(JSON.parse(brotliDecompressSync(br.rawPayload).toString())).toEqual(first.json());
    const again = await t.app.inject({ url, headers: { 'accept-encoding': 'gzip, br' } });
    expect(again.rawPayload.equals(br.rawPayload)).toBe(true);

    await importAddresses(t.deps, addressCsv([{ street: 'Kesselbrink', number: 1, ...points.mitte }]), {
      municipalityId: t.config.municipality.id,
      source: 'import',
      actor: cliActor,
    });
    const after = await t.app.inject({ url, headers: { 'accept-encoding': 'gzip, br' } });
    const items = JSON.parse(brotliDecompressSync(after.rawPayload).toString()).items;
    expect(items.map((i: { label: string }) => i.label)).toEqual(['Kesselbrink 1']);
  });

  it('never caches errors', async () => {
    expectProblem(await get('/api/addresses?q=x'), 400, ['q']);
    expect((await get('/api/addresses?q=x')).headers['cache-control']).toBeUndefined();
  });
});
