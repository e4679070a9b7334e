import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, type LiveServer, launchBrowser, openPage, startServer } from '../../test/browser.js';
import { createStaff } from '../../test/factories/users.js';
import { seedParkingDemo } from './demo/service.js';

// Parking in a real browser: the list and a facility in German without JavaScript (sorting by form), and in
// English with JavaScript (map markers, favourites kept in localStorage); axe-core once per page and language.
// The back office (German, without JavaScript): facilities, form, import, and fetching the sources now.

let browser: Browser;
let server: LiveServer;

beforeAll(async () => {
  [browser, server] = await Promise.all([
    launchBrowser(),
    // One source that refuses every connection (port 9, discard): the back office shows its failure.
    startServer({
      now: '2026-12-07T10:00:00Z',
      env: {
        DEMO_DATA: 'true',
        PARKING_FEEDS: 'parkapi=http://127.0.0.1:9/lots.json',
        PARKING_FEED_TIMEOUT_MS: '5000',
      },
    }),
  ]);
  await seedParkingDemo(server.t.deps, { weeks: 2 });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const url = (path: string) => `${server.url}${path}`;

describe('Parken', () => {
  it('list, sorting and detail work in German without JavaScript', async () => {
    const { page, context, foreign } = await openPage(browser, server.url, { javaScript: false });
    await page.goto(url('/parken'));
    await page.getByRole('heading', { level: 1, name: 'Parken' }).waitFor();
    await page.getByText('Demodaten', { exact: true }).waitFor();
    await expectAccessible(page);
    await page.getByLabel('Name', { exact: true }).check();
    await page.getByRole('button', { name: 'Liste anzeigen' }).click();
    await page.waitForURL(/sortierung=name/);
    const names = await page.locator('[data-parking-list] h3').allTextContents();
    expect(names[0]).toBe('Parkhaus Am Hauptbahnhof');
    await page.getByRole('link', { name: 'Tiefgarage Neues Rathaus' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tiefgarage Neues Rathaus' }).waitFor();
    await page.getByRole('table', { name: 'Erwartete freie Plätze' }).waitFor();
    await page.getByText('Geschätzt aus 2 vergleichbaren Tagen (Montage)').waitFor();
    expect(await page.locator('[data-parking-fav]').isHidden()).toBe(true);
    // Without a map the link hands the place to the phone's map app.
    expect(await page.getByRole('link', { name: /^In der Karten-App öffnen/ }).getAttribute('href')).toMatch(
      /^geo:52\.\d+,8\.\d+\?q=/,
    );
    await expectAccessible(page);
    expect(foreign).toEqual([]);
    await context.close();
  });

  it('map, detail and favourites in English with JavaScript', async () => {
    const { page, context, foreign } = await openPage(browser, server.url, { locale: 'en-GB' });
    await page.goto(url('/parken?lang=en'));
    await page.getByRole('heading', { level: 1, name: 'Parking' }).waitFor();
    await expect.poll(() => page.locator('.bs-parking-map .bs-map-marker__link').count()).toBe(21);
    const remember = page.getByRole('button', { name: 'Remember Parkhaus Am Zwinger' });
    await remember.click();
    const favourites = page.getByRole('region', { name: 'My car parks' });
    await favourites.getByRole('link', { name: 'Parkhaus Am Zwinger' }).waitFor();
    await expectAccessible(page);
    await page.locator('[data-parking-list]').getByRole('link', { name: 'Parkhaus Am Zwinger' }).click();
    await page.getByRole('heading', { level: 1, name: 'Parkhaus Am Zwinger' }).waitFor();
    const forget = page.getByRole('button', { name: 'Forget Parkhaus Am Zwinger' });
    expect(await forget.getAttribute('aria-pressed')).toBe('true');
    await page.getByRole('img', { name: /Occupied spaces today/ }).waitFor();
    // The garage on a still map, its pin drawn.
    await page.getByRole('img', { name: 'Map: location of Parkhaus Am Zwinger' }).locator('.bs-map-pin').waitFor();
    await expectAccessible(page);
    await forget.click();
    await page.getByRole('button', { name: 'Remember Parkhaus Am Zwinger' }).waitFor();
    await page.goto(url('/parken'));
    await page.locator('[data-parking-fav]').first().waitFor({ state: 'visible' });
    expect(await page.locator('[data-parking-favourites]').isHidden()).toBe(true);
    expect(foreign).toEqual([]);
    await context.close();
  });
  it('the back office: facilities, form, import and fetching the sources now (German, without JavaScript)', async () => {
    const admin = await createStaff(server.t, { role: 'admin' });
    const { page, context, foreign } = await openPage(browser, server.url, { javaScript: false });
    await page.goto(url('/admin/login?next=%2Fadmin%2Fparken'));
    await page.getByLabel('E-Mail-Adresse').fill(admin.email);
    await page.getByLabel('Passwort', { exact: true }).fill(admin.password);
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.getByRole('heading', { level: 1, name: 'Parkhäuser' }).waitFor();
    await page.getByText('noch nicht abgerufen').waitFor();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Jetzt alle Quellen abrufen' }).click();
    await page.getByRole('alert').filter({ hasText: '1 Datenquelle abgerufen.' }).waitFor();
    await page.getByText('1 davon fehlgeschlagen (siehe unten).').waitFor();
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Tiefgarage Neues Rathaus' }).click();
    await page.getByRole('heading', { level: 1, name: /Tiefgarage Neues Rathaus/ }).waitFor();
    await expectAccessible(page);
    for (const path of ['/admin/parken/neu', '/admin/parken/import']) {
      await page.goto(url(path));
      await expectAccessible(page);
    }
    expect(foreign).toEqual([]);
    await context.close();
  }, 120_000);
});
