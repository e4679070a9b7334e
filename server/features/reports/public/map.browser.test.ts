import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assetUrl } from '../../../platform/views/assets.js';
import { expectAccessible, type LiveServer, launchBrowser, openPage, startServer } from '../../../test/browser.js';
import { seedTestAddresses } from '../../../test/factories/addresses.js';
import { createCategory, createReport } from '../../../test/factories/reports.js';

let browser: Browser;
let server: LiveServer;
let potholes: number;

beforeAll(async () => {
  [browser, server] = await Promise.all([launchBrowser(), startServer()]);
  await seedTestAddresses(server.t.deps);
  potholes = await createCategory(server.t.deps, { code: 'schlagloch', name: { de: 'Schlagloch', en: 'Pothole' } });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const url = (path: string) => `${server.url}${path}`;

describe('map of reports (client/reports-map.ts)', () => {
  it('loads the reports of the visible area as markers that are links with names', async () => {
    const shown = await createReport(server.t.deps, { categoryId: potholes, lat: 52.03, lon: 8.53 });
    const { page, context } = await openPage(browser, server.url);
    const loads: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/reports/map.geojson')) loads.push(new URL(r.url()).searchParams.get('bbox') ?? '');
    });
    await page.goto(url('/meldungen/karte'));
    // The public map page (another part of this feature) links the map bundle itself; here it is added directly.
    await page.addStyleTag({ url: assetUrl('reports.css') });
    await page.addScriptTag({ url: assetUrl('reports-map.js'), type: 'module' });
    const marker = page.locator(`a.bs-map-marker__link[href="/meldungen/${shown.reference}"]`);
    await marker.waitFor();
    expect(await marker.getAttribute('aria-label')).toContain(shown.reference);
    expect(loads[0]).toMatch(/^-?\d+\.\d{5}(,-?\d+\.\d{5}){3}$/);
    // Moving the map loads the new area.
    await page.getByRole('region', { name: 'Karte' }).focus();
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => loads.length).toBeGreaterThan(1);
    await expectAccessible(page);
    await context.close();
  });
});
