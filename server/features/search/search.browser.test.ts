import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, type LiveServer, launchBrowser, openPage, startServer } from '../../test/browser.js';
import { replaceDocuments, searchKinds } from './documents.js';
import { reindexSearch } from './reindex.js';
import { testSearchDocuments } from './test-documents.js';

let browser: Browser;
let server: LiveServer;
beforeAll(async () => {
  [browser, server] = await Promise.all([launchBrowser(), startServer()]);
  const { t } = server;
  await reindexSearch(t.deps);
  await t.db.transaction(async (tx) => {
    for (const kind of searchKinds.filter((k) => k !== 'page' && k !== 'waste-item')) {
      const docs = testSearchDocuments.filter((d) => d.kind === kind);
      await replaceDocuments(tx, t.config.municipality.id, kind, docs);
    }
  });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const url = (path: string) => `${server.url}${path}`;
const firstHit = (page: Page) => page.locator('.bs-search-hit h3 a').first();

describe('search in the browser', () => {
  it.each([
    ['perso', '/leistungen/personalausweis', 'Personalausweis beantragen'],
    ['sperrmüll', '/leistungen/sperrmuell', 'Sperrmüll anmelden'],
    ['einbürgerung', '/leistungen/einbuergerung', 'Einbürgerung beantragen'],
    ['personalausweiß', '/leistungen/personalausweis', 'Personalausweis beantragen'],
    ['sperrmül', '/leistungen/sperrmuell', 'Sperrmüll anmelden'],
  ])(
    '"%s" finds %s first',
    async (q, href, title) => {
      const { page, context } = await openPage(browser, server.url);
      await page.goto(url(`/suche?q=${encodeURIComponent(q)}`));
      await expect.poll(() => firstHit(page).getAttribute('href')).toBe(href);
      expect(await firstHit(page).textContent()).toBe(title);
      await context.close();
    },
    60_000,
  );

  it.each(['/suche', '/suche?q=perso', '/suche?q=x', '/'])(
    '%s is accessible in German and English',
    async (path) => {
      const { page, foreign, context } = await openPage(browser, server.url);
      for (const lang of ['de', 'en']) {
        await page.goto(url(`${path}${path.includes('?') ? '&' : '?'}lang=${lang}`));
        expect(await page.getAttribute('html', 'lang')).toBe(lang);
        await expectAccessible(page);
      }
      expect(foreign).toEqual([]);
      await context.close();
    },
    90_000,
  );

  it('searches from the header on a phone, and the menu opens, without JavaScript', async () => {
    const { page, foreign, context } = await openPage(browser, server.url, { javaScript: false });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(url('/impressum'));
    const nav = page.getByRole('navigation', { name: 'Hauptnavigation' });
    // On a phone the module links are behind the menu button.
    await expect.poll(() => nav.getByRole('link', { name: 'Abfallkalender' }).isVisible()).toBe(false);
    await nav.getByText('Menü').click();
    await expect.poll(() => nav.getByRole('link', { name: 'Abfallkalender' }).isVisible()).toBe(true);
    await expectAccessible(page);

    const field = page.getByRole('searchbox', { name: 'Suche' });
    await field.fill('perso');
    await field.press('Enter');
    await page.waitForURL((u) => u.pathname === '/suche' && u.searchParams.get('q') === 'perso');
    expect(await firstHit(page).getAttribute('href')).toBe('/leistungen/personalausweis');
    expect(await page.locator('#search-results').textContent()).toMatch(/^\d+ Treffer für „perso“$/);
    expect(await page.locator('.bs-search-hit mark').first().textContent()).toBe('Personalausweis');

    // The filter by kind, still without JavaScript.
    await page.getByLabel('Bereich').selectOption('faq');
    await page.getByRole('button', { name: 'Suchen' }).last().click();
    await page.waitForURL((u) => u.searchParams.get('kind') === 'faq');
    expect(await firstHit(page).getAttribute('href')).toBe('/oft-nachgefragt#perso-gueltig');
    expect(foreign).toEqual([]);
    await context.close();
  }, 90_000);

  it('shows every module on a wide screen and reflows to 320 CSS pixels', async () => {
    const { page, context } = await openPage(browser, server.url);
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(url('/'));
    const nav = page.getByRole('navigation', { name: 'Hauptnavigation' });
    await expect.poll(() => nav.getByRole('link', { name: 'Abfallkalender' }).isVisible()).toBe(true);
    expect(await nav.getByText('Menü').isVisible()).toBe(false);
    await page.setViewportSize({ width: 320, height: 640 });
    for (const path of ['/', '/suche?q=einb%C3%BCrgerung', '/impressum']) {
      await page.goto(url(path));
      expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(320);
    }
    await context.close();
  }, 60_000);
});
