import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, type LiveServer, launchBrowser, openPage, startServer } from '../../test/browser.js';
import { seedTestAddresses } from '../../test/factories/addresses.js';
import { createCategory, createReport, type TestReport } from '../../test/factories/reports.js';
import { startTileUpstream, type TileUpstream } from '../../test/tile-upstream.js';
import { tileAt } from './geo.js';

let browser: Browser;
let upstream: TileUpstream;
let live: LiveServer;
let offline: LiveServer;
let open: TestReport;
let working: TestReport;
let done: TestReport;

const tileEnv = (template: string) => ({
  MAP_TILES_OFF: 'false',
  MAP_TILES_UPSTREAM: template,
  MAP_TILES_ATTRIBUTION: '© Test tiles (stand-in)',
  MAP_TILES_TIMEOUT_MS: '2000',
});

beforeAll(async () => {
  upstream = await startTileUpstream();
  // An upstream that is gone: its port refuses connections, as on a machine without internet.
  const gone = await startTileUpstream();
  await gone.close();
  [browser, live, offline] = await Promise.all([
    launchBrowser(),
    startServer({ env: tileEnv(upstream.template) }),
    startServer({ env: tileEnv(gone.template) }),
  ]);
  for (const s of [live, offline]) await seedTestAddresses(s.t.deps);
  const deps = live.t.deps;
  const potholes = await createCategory(deps, { code: 'schlagloch', name: { de: 'Schlagloch', en: 'Pothole' } });
  open = await createReport(deps, { categoryId: potholes, lat: 52.021, lon: 8.532, needsScreening: false });
  working = await createReport(deps, {
    categoryId: potholes,
    lat: 52.024,
    lon: 8.52,
    status: 'in_progress',
    needsScreening: false,
  });
  done = await createReport(deps, {
    categoryId: potholes,
    lat: 52.018,
    lon: 8.545,
    status: 'done',
    needsScreening: false,
  });
});
afterAll(async () => {
  await browser?.close();
  await live?.close();
  await offline?.close();
  await upstream?.close();
});

/** Tiles the page has drawn: loaded images of our tile URL with their real size. */
function drawnTiles(page: Page): Promise<{ src: string; width: number }[]> {
  return page.$$eval('img.leaflet-tile', (imgs) =>
    (imgs as HTMLImageElement[])
      .filter((img) => img.complete && img.naturalWidth > 0)
      .map((img) => ({ src: img.src, width: img.naturalWidth })),
  );
}

describe('maps with tiles from our own origin', () => {
  it('public map: tiles from the stand-in through /tiles, attribution, marker shapes and their legend', async () => {
    const { page, context, foreign } = await openPage(browser, live.url);
    await page.goto(`${live.url}/meldungen/karte`);
    await page.locator(`a.bs-map-marker__link[href="/meldungen/${open.reference}"]`).waitFor();
    await expect.poll(async () => (await drawnTiles(page)).length, { timeout: 30_000 }).toBeGreaterThan(3);
    for (const tile of await drawnTiles(page)) {
      expect(tile.src.startsWith(`${live.url}/tiles/`)).toBe(true);
      expect(tile.width).toBe(256);
    }
    expect(upstream.total()).toBeGreaterThan(3);
    await expect.poll(() => page.locator('.leaflet-control-attribution').textContent()).toContain('© Test tiles');
    expect(await page.locator('.bs-map__notice').textContent()).toBe('');
    // Markers differ by shape as well as colour, and the legend explains each group.
    const shape = (ref: string) =>
      page
        .locator(`a.bs-map-marker__link[href="/meldungen/${ref}"]`)
        .evaluate((a) => [...a.classList].find((c) => c.startsWith('bs-map-symbol--')));
    await page.locator(`a.bs-map-marker__link[href="/meldungen/${done.reference}"]`).waitFor();
    expect([await shape(open.reference), await shape(working.reference), await shape(done.reference)]).toEqual([
      'bs-map-symbol--new',
      'bs-map-symbol--working',
      'bs-map-symbol--closed',
    ]);
    const radius = (ref: string) =>
      page.locator(`a.bs-map-marker__link[href="/meldungen/${ref}"]`).evaluate((a) => getComputedStyle(a).borderRadius);
    expect(await radius(open.reference)).toBe('50%');
    expect(await radius(working.reference)).not.toBe('50%');
    const legend = page.getByRole('list', { name: 'Zeichenerklärung' });
    await expect
      .poll(() => legend.locator('li').allTextContents())
      .toEqual([
        'Neu: Eingegangen, Weitergeleitet',
        'In Arbeit: Angenommen, In Bearbeitung',
        expect.stringMatching(/^Abgeschlossen: Erledigt, Abgelehnt, /),
      ]);
    // A visible frame when the map has the keyboard focus.
    const region = page.getByRole('region', { name: 'Karte' });
    await region.focus();
    await page.keyboard.press('ArrowRight');
    const frame = await region.evaluate((el) => getComputedStyle(el, '::before').borderTopWidth);
    expect(frame).toBe('4px');
    await expectAccessible(page);
    expect(foreign).toEqual([]);
    await context.close();
  });

  it('without JavaScript the public map page shows no empty map box and no legend of absent markers', async () => {
    const plain = await openPage(browser, live.url, { javaScript: false });
    await plain.page.goto(`${live.url}/meldungen/karte`);
    const box = await plain.page.locator('[data-reports-map]').boundingBox();
    expect(box?.height).toBeLessThan(200);
    expect(await plain.page.getByText('Zeichenerklärung').isVisible()).toBe(false);
    await expectAccessible(plain.page);
    expect(plain.foreign).toEqual([]);
    await plain.context.close();
  });

  it('a report’s public page shows a still map of the place; without JavaScript the facts say where', async () => {
    const { page, context, foreign } = await openPage(browser, live.url, { locale: 'en-GB' });
    await page.goto(`${live.url}/meldungen/${open.reference}?lang=en`);
    const map = page.getByRole('img', { name: /^Map: place of the report/ });
    await map.waitFor();
    await expect.poll(async () => (await drawnTiles(page)).length, { timeout: 30_000 }).toBeGreaterThan(0);
    await expect.poll(() => page.locator('.bs-place-map .bs-map-pin').count()).toBe(1);
    expect(await page.locator('.bs-place-map .leaflet-control-zoom').count()).toBe(0);
    await expectAccessible(page);
    expect(foreign).toEqual([]);
    await context.close();

    const plain = await openPage(browser, live.url, { javaScript: false });
    await plain.page.goto(`${live.url}/meldungen/${open.reference}`);
    const facts = await plain.page.locator('.kern-description-list').first().textContent();
    expect(facts).toContain('52,0210');
    expect(await plain.page.locator('.bs-place-map').boundingBox()).toMatchObject({ height: 0 });
    await expectAccessible(plain.page);
    await plain.context.close();
  });

  it('with the upstream unreachable, every map says so plainly and still shows outlines and markers', async () => {
    const report = await createReport(offline.t.deps, { lat: 52.02, lon: 8.53, needsScreening: false });
    for (const lang of ['de', 'en'] as const) {
      const { page, context, foreign } = await openPage(browser, offline.url, { locale: lang });
      await page.goto(`${offline.url}/meldungen/karte?lang=${lang}`);
      const notice = page
        .getByRole('status')
        .filter({ hasText: lang === 'de' ? 'Hintergrundkarte' : 'background map' });
      await notice.waitFor({ timeout: 30_000 });
      expect(await notice.isVisible()).toBe(true);
      expect(await notice.textContent()).toBe(
        lang === 'de'
          ? 'Die Hintergrundkarte ist gerade nicht verfügbar. Bezirksgrenzen und Markierungen werden trotzdem angezeigt.'
          : 'The background map is not available at the moment. District outlines and markers are still shown.',
      );
      await page.locator('path.bs-map-district').first().waitFor();
      await page.locator(`a.bs-map-marker__link[href="/meldungen/${report.reference}"]`).waitFor();
      expect(await drawnTiles(page)).toEqual([]);
      await expectAccessible(page);
      expect(foreign).toEqual([]);
      await context.close();
    }
    const { x, y } = tileAt(52.02, 8.53, 14);
    const tile = await offline.t.app.inject({ url: `/tiles/14/${x}/${y}.png` });
    expect(tile.statusCode).toBe(503);
    expect(tile.json()).toMatchObject({ code: 'unavailable' });
  });
});
