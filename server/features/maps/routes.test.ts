import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../platform/config.js';
import { buildTestApp, type TestApp } from '../../test/app.js';
import { testEnv } from '../../test/env.js';
import { startTileUpstream, type TileUpstream, writePmtiles } from '../../test/tile-upstream.js';
import { tileAt } from './geo.js';

let upstream: TileUpstream;
let t: TestApp;

function env(extra: Record<string, string> = {}): Record<string, string> {
  return {
    MAP_TILES_OFF: 'false',
    MAP_TILES_UPSTREAM: upstream.template,
    MAP_TILES_ATTRIBUTION: '© Test tiles',
    MAP_TILES_TIMEOUT_MS: '1000',
    ...extra,
  };
}

/** A tile in the middle of Bielefeld at zoom z, shifted by dx tiles. */
function inTown(z: number, dx = 0): string {
  const { x, y } = tileAt(52.02, 8.53, z);
  return `/tiles/${z}/${x + dx}/${y}.png`;
}

function cachedBytes(dataDir: string): number {
  const dir = join(dataDir, 'tiles');
  let sum = 0;
  for (const f of readdirSync(dir, { recursive: true }) as string[]) {
    const s = statSync(join(dir, f));
    if (s.isFile()) sum += s.size;
  }
  return sum;
}

beforeAll(async () => {
  upstream = await startTileUpstream();
  t = await buildTestApp({ env: env({ MAP_TILES_RETRY_SECONDS: '30' }), now: '2026-12-01T10:00:00Z' });
});
afterAll(async () => {
  await t.close();
  await upstream.close();
});
afterEach(() => {
  upstream.setMode('up');
  upstream.setDelay(0);
});

describe('GET /tiles/{z}/{x}/{y}.png', () => {
  it('fetches a tile from the upstream once, then answers from the disk cache with ETag and 304', async () => {
    const url = inTown(14);
    const first = await t.app.inject({ url });
    expect(first.statusCode).toBe(200);
    expect(first.headers['content-type']).toBe('image/png');
    expect(first.rawPayload.subarray(1, 4).toString()).toBe('PNG');
    expect(first.headers['cache-control']).toMatch(/^public, max-age=\d+/);
    expect(first.headers['set-cookie']).toBeUndefined();
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^W\/".+"$/);
    expect(upstream.counts.get(url)).toBe(1);

    const second = await t.app.inject({ url });
    expect(second.statusCode).toBe(200);
    expect(second.rawPayload.equals(first.rawPayload)).toBe(true);
    expect(second.headers.etag).toBe(etag);
    expect(upstream.counts.get(url)).toBe(1);

    const revalidated = await t.app.inject({ url, headers: { 'if-none-match': etag } });
    expect(revalidated.statusCode).toBe(304);
    expect(revalidated.body).toBe('');
    expect(upstream.counts.get(url)).toBe(1);
  });

  it('asks the upstream once for a tile that many browsers want at the same moment', async () => {
    upstream.setDelay(200);
    const url = inTown(15, 1);
    const answers = await Promise.all(Array.from({ length: 6 }, () => t.app.inject({ url })));
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(upstream.counts.get(url)).toBe(1);
  });

  it('refuses tiles outside the municipality or the zoom range without asking the upstream', async () => {
    const before = upstream.total();
    const munich = tileAt(48.137, 11.575, 14);
    const outside = await t.app.inject({ url: `/tiles/14/${munich.x}/${munich.y}.png` });
    expect(outside.statusCode).toBe(404);
    expect(outside.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(outside.json()).toMatchObject({ code: 'not_found', title: expect.stringContaining('outside') });
    for (const url of [inTown(5), inTown(19), '/tiles/3/8/1.png', '/tiles/14/999999/1.png']) {
      const res = await t.app.inject({ url });
      expect(res.statusCode, url).toBe(404);
    }
    for (const url of ['/tiles/14/a/1.png', '/tiles/99/1/1.png', '/tiles/14/1/-1.png']) {
      const res = await t.app.inject({ url });
      expect(res.statusCode, url).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    expect(upstream.total()).toBe(before);
  });

  it('answers 503 when the upstream is unreachable, caches nothing, and waits before asking again', async () => {
    upstream.setMode('down');
    const url = inTown(16, 2);
    const down = await t.app.inject({ url });
    expect(down.statusCode).toBe(503);
    expect(down.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(down.json()).toMatchObject({ code: 'unavailable' });
    expect(down.headers['retry-after']).toBe('30');
    expect(down.headers['cache-control']).toBe('no-store');
    expect(upstream.counts.get(url)).toBe(1);
    // Within the retry window the upstream is not asked again (maps must not wait for its timeout per tile) …
    upstream.setMode('up');
    expect((await t.app.inject({ url })).statusCode).toBe(503);
    expect(upstream.counts.get(url)).toBe(1);
    // … and after it the tile comes, with nothing of the failure kept.
    t.clock.advance(31_000);
    const up = await t.app.inject({ url });
    expect(up.statusCode).toBe(200);
    expect(upstream.counts.get(url)).toBe(2);
  });

  it('keeps no upstream error page or half answer as a tile', async () => {
    for (const mode of ['error', 'not-an-image'] as const) {
      upstream.setMode(mode);
      const url = inTown(16, mode === 'error' ? 3 : 4);
      expect((await t.app.inject({ url })).statusCode).toBe(503);
      t.clock.advance(31_000);
      upstream.setMode('up');
      const res = await t.app.inject({ url });
      expect(res.statusCode).toBe(200);
      expect(res.rawPayload.subarray(1, 4).toString()).toBe('PNG');
      expect(upstream.counts.get(url)).toBe(2);
    }
  });

  it('fetches an expired tile again, and serves the old copy while the upstream fails', async () => {
    const url = inTown(17);
    const first = await t.app.inject({ url });
    expect(first.statusCode).toBe(200);
    t.clock.advance(t.config.mapTiles.maxAgeHours * 3_600_000 + 1000);
    upstream.setMode('error');
    const stale = await t.app.inject({ url });
    expect(stale.statusCode).toBe(200);
    expect(stale.headers.etag).toBe(first.headers.etag);
    expect(upstream.counts.get(url)).toBe(2);
    t.clock.advance(31_000);
    upstream.setMode('up');
    const fresh = await t.app.inject({ url });
    expect(fresh.statusCode).toBe(200);
    expect(fresh.headers.etag).not.toBe(first.headers.etag);
    expect(upstream.counts.get(url)).toBe(3);
  });

  it('gives up on an upstream that does not answer within the timeout', async () => {
    const slow = await buildTestApp({ env: env({ MAP_TILES_TIMEOUT_MS: '300' }), db: t.db });
    upstream.setMode('hang');
    const started = Date.now();
    const res = await slow.app.inject({ url: inTown(16, 5) });
    expect(res.statusCode).toBe(503);
    expect(Date.now() - started).toBeLessThan(5000);
    await slow.close();
  });
});

describe('abuse', () => {
  it('limits the tiles one client may ask for per minute', async () => {
    const limited = await buildTestApp({ env: env({ RATE_LIMIT_API_PER_MINUTE: '2' }), db: t.db });
    const answers: number[] = [];
    for (let i = 0; i < 11; i++) answers.push((await limited.app.inject({ url: inTown(5) })).statusCode);
    expect(answers.slice(0, 10)).toEqual(Array(10).fill(404));
    expect(answers[10]).toBe(429);
    await limited.close();
  });
});

describe('the disk cache', () => {
  it('stays within MAP_TILES_CACHE_MB, evicting the least recently used tiles', async () => {
    const noisy = await startTileUpstream({ noise: true });
    const small = await buildTestApp({
      env: env({ MAP_TILES_UPSTREAM: noisy.template, MAP_TILES_CACHE_MB: '1' }),
      db: t.db,
    });
    const limit = 1024 * 1024;
    // About 190 KB each: ten of them are nearly twice the limit.
    const urls = Array.from({ length: 10 }, (_, i) => inTown(15, i - 5));
    for (const url of urls) {
      expect((await small.app.inject({ url })).statusCode, url).toBe(200);
      expect(cachedBytes(small.config.dataDir)).toBeLessThanOrEqual(limit);
    }
    expect(cachedBytes(small.config.dataDir)).toBeGreaterThan(limit / 2);
    // The newest is still cached, the oldest was evicted and comes from the upstream again.
    await small.app.inject({ url: urls[9]! });
    expect(noisy.counts.get(urls[9]!)).toBe(1);
    await small.app.inject({ url: urls[0]! });
    expect(noisy.counts.get(urls[0]!)).toBe(2);
    await small.close();
    await noisy.close();
  });
});

describe('a self-hosted PMTiles file', () => {
  it('serves the raster tiles it holds without any upstream, within the same area and zoom range', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'bs-pmtiles-')), 'bielefeld.pmtiles');
    const here = tileAt(52.02, 8.53, 14);
    await writePmtiles(file, [
      { z: 14, ...here },
      { z: 14, x: here.x + 1, y: here.y },
      { z: 13, ...tileAt(52.02, 8.53, 13) },
    ]);
    const local = await buildTestApp({
      env: env({ MAP_TILES_FILE: file, MAP_TILES_ATTRIBUTION: '© Stadt Bielefeld' }),
      db: t.db,
    });
    const before = upstream.total();
    const tile = await local.app.inject({ url: inTown(14) });
    expect(tile.statusCode).toBe(200);
    expect(tile.headers['content-type']).toBe('image/png');
    expect(tile.rawPayload.subarray(1, 4).toString()).toBe('PNG');
    const again = await local.app.inject({
      url: inTown(14),
      headers: { 'if-none-match': tile.headers.etag as string },
    });
    expect(again.statusCode).toBe(304);
    expect((await local.app.inject({ url: inTown(13) })).statusCode).toBe(200);
    // Not in the file, outside the area: 404; the upstream is never asked.
    expect((await local.app.inject({ url: inTown(14, 3) })).statusCode).toBe(404);
    const munich = tileAt(48.137, 11.575, 14);
    expect((await local.app.inject({ url: `/tiles/14/${munich.x}/${munich.y}.png` })).statusCode).toBe(404);
    expect(upstream.total()).toBe(before);
    // No third party at all: the privacy statement names none.
    const privacy = await local.app.inject({ url: '/datenschutz', headers: { accept: 'text/html' } });
    expect(privacy.body).toContain('wir binden keine Inhalte anderer Anbieter ein');
    expect(privacy.body).not.toContain('Hintergrundkarten holt unser Server');
    await local.close();
  });
});

describe('tiles switched off', () => {
  it('answers 404 and the maps get no tile URL', async () => {
    const off = await buildTestApp({ env: env({ MAP_TILES_OFF: 'true' }), db: t.db });
    const before = upstream.total();
    expect((await off.app.inject({ url: inTown(14) })).statusCode).toBe(404);
    expect(upstream.total()).toBe(before);
    const page = await off.app.inject({ url: '/meldungen/karte', headers: { accept: 'text/html' } });
    expect(page.body).toContain('data-reports-map');
    expect(page.body).not.toContain('data-tile-url');
    await off.close();
  });

  it('every map of the site names our own tile URL, its attribution and area when tiles are on', async () => {
    for (const url of ['/meldungen/karte', '/abfall/wertstoffhoefe']) {
      const page = await t.app.inject({ url, headers: { accept: 'text/html' } });
      expect(page.statusCode, url).toBe(200);
      expect(page.body).toContain('data-tile-url="/tiles/{z}/{x}/{y}.png"');
      expect(page.body).toContain('data-tile-attribution="© Test tiles"');
      expect(page.body).toContain('data-tile-bounds="8.36,51.9,8.68,52.13"');
      expect(page.body).not.toContain(upstream.template.split('/tiles')[0]);
      const csp = String(page.headers['content-security-policy']);
      expect(csp).toContain("img-src 'self' data: blob:;");
    }
  });
});

describe('configuration', () => {
  it('defaults to basemap.de with its attribution, outside tests', () => {
    const config = loadConfig({ ...testEnv(), MAP_TILES_OFF: 'false' });
    expect(config.municipality.map.tiles).toMatchObject({
      off: false,
      upstream: expect.stringContaining('sgx.geodatenzentrum.de/wmts_basemapde'),
      attribution: expect.stringContaining('GeoBasis-DE / BKG'),
      minZoom: 9,
      maxZoom: 18,
    });
    expect(config.mapTiles).toMatchObject({ cacheMb: 200, timeoutMs: 5000 });
    expect(loadConfig(testEnv()).municipality.map.tiles?.off).toBe(true);
  });

  it('does not give another upstream the basemap.de credit, and checks the settings', () => {
    const other = loadConfig({ ...testEnv(), MAP_TILES_UPSTREAM: 'https://tiles.example.org/{z}/{x}/{y}.png' });
    expect(other.municipality.map.tiles?.attribution).toBeUndefined();
    const bad = () =>
      loadConfig({
        ...testEnv(),
        MAP_TILES_UPSTREAM: 'ftp://x',
        MAP_TILES_MIN_ZOOM: '15',
        MAP_TILES_MAX_ZOOM: '12',
        MAP_TILES_CACHE_MB: '0',
      });
    expect(bad).toThrow(ConfigError);
    try {
      bad();
    } catch (err) {
      const text = (err as ConfigError).problems.join('\n');
      expect(text).toContain('MAP_TILES_MIN_ZOOM');
      expect(text).toContain('municipality.map.tiles.upstream');
      expect(text).toContain('mapTiles.cacheMb');
    }
  });
});
