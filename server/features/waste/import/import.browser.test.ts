import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, type LiveServer, launchBrowser, openPage, startServer } from '../../../test/browser.js';
import { createStaff, type TestStaff } from '../../../test/factories/users.js';
import { seedWasteCalendar } from '../../../test/factories/waste.js';
import { datesCsv, everyDays } from './test-files.js';

// The import page in a browser, on a phone and a laptop, with and without JavaScript: sign in, upload a bad file
// (its lines), a good one (preview), apply (notice); axe-core on every page.

let browser: Browser;
let server: LiveServer;
let admin: TestStaff;

beforeAll(async () => {
  [browser, server] = await Promise.all([launchBrowser(), startServer({ now: '2026-11-10T09:00:00+01:00' })]);
  await seedWasteCalendar(server.t.deps);
  admin = await createStaff(server.t, { role: 'admin', displayName: 'Katrin Albers' });
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function signIn(page: Page) {
  await page.goto(`${server.url}/admin/login?next=${encodeURIComponent('/admin/abfall/import')}`);
  await page.getByLabel('E-Mail-Adresse').fill(admin.email);
  await page.getByLabel('Passwort', { exact: true }).fill(admin.password);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await page.waitForURL(/\/admin/);
  await page.goto(`${server.url}/admin/abfall/import`);
}

const viewports = [
  { name: 'phone', width: 390, height: 844, javaScript: true },
  { name: 'laptop', width: 1280, height: 800, javaScript: false },
];

describe('waste import in the browser', () => {
  it.each(viewports)('upload, errors, preview and apply on a $name (JavaScript: $javaScript)', async (v) => {
    const { page, foreign } = await openPage(browser, server.url, { javaScript: v.javaScript });
    await page.setViewportSize({ width: v.width, height: v.height });
    await signIn(page);
    expect(await page.locator('h1').textContent()).toBe('Abfallkalender: Import');
    await expectAccessible(page);

    const route = `browser-${v.name}`;
    const bad = datesCsv([
      ['2026-27', 'restabfall', route, '2026-11-17'],
      ['2026-27', 'restmuell', route, '40.11.2026'],
    ]);
    await page
      .getByLabel('Importdatei (CSV oder iCalendar)')
      .setInputFiles({ name: 'kaputt.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    await page.getByRole('button', { name: 'Änderungen anzeigen' }).click();
    await page.locator('#problems').waitFor();
    expect(await page.locator('#problems tbody tr').count()).toBe(1);
    expect(await page.locator('#problems tbody').textContent()).toContain('Zeile 3');
    await expectAccessible(page);

    const good = datesCsv(everyDays('2026-11-17', 14, 6).map((d) => ['2026-27', 'restabfall', route, d]));
    await page
      .getByLabel('Importdatei (CSV oder iCalendar)')
      .setInputFiles({ name: 'termine.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
    await page.getByRole('button', { name: 'Änderungen anzeigen' }).click();
    await page.locator('h1', { hasText: 'Vorschau: termine.csv' }).waitFor();
    expect(await page.locator('#changes tbody tr').count()).toBe(6);
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Übernehmen' }).click();
    await page.locator('.kern-alert--success', { hasText: 'Import übernommen: 6 neue' }).waitFor();
    await expectAccessible(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    expect(overflow).toBe(false);
    expect(foreign).toEqual([]);
  });
});
