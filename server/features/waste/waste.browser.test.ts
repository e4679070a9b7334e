import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, type LiveServer, launchBrowser, openPage, startServer } from '../../test/browser.js';
import { seedWasteCalendar } from '../../test/factories/waste.js';
import { seedWasteInfoDemo } from './info/service.js';

// Tuesday 8 December 2026, 10:00 in Bielefeld; the demo calendar covers every test address.
let browser: Browser;
let server: LiveServer;
beforeAll(async () => {
  [browser, server] = await Promise.all([launchBrowser(), startServer({ now: '2026-12-08T09:00:00Z' })]);
  await seedWasteCalendar(server.t.deps);
  await seedWasteInfoDemo(server.t.deps);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** No horizontal scrolling: the page fits its viewport. */
async function expectNoOverflow(page: Page) {
  const [scroll, client] = await page.evaluate(() => [
    document.documentElement.scrollWidth,
    document.documentElement.clientWidth,
  ]);
  expect(scroll).toBeLessThanOrEqual(client);
}

/** The next-collection list as text lines. */
const nextLines = (page: Page) => page.locator('.bs-waste-next li').allInnerTexts();

/** Opens the feed and the PDF the page links to, as the browser would, and checks what comes back. */
async function expectFeedAndPdf(page: Page) {
  // The link names the configured public URL; the test server listens elsewhere, so only its path is taken.
  const feed = new URL((await page.locator('a.bs-waste-url').getAttribute('href')) ?? '');
  const ics = await page.request.get(new URL(`${feed.pathname}${feed.search}`, server.url).href);
  expect(ics.headers()['content-type']).toBe('text/calendar; charset=utf-8');
  expect(await ics.text()).toContain('BEGIN:VEVENT');
  const pdfHref = await page.locator('a[href*="kalender.pdf"]').first().getAttribute('href');
  const pdf = await page.request.get(new URL(pdfHref ?? '', page.url()).href);
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
}

async function saveAddress(page: Page) {
  await Promise.all([page.waitForURL(/\/abfall\/adresse\/\d+$/), page.click('.bs-waste-save button')]);
  expect(await page.locator('.bs-waste-save').textContent()).toContain('Diese Adresse ist gemerkt.');
}

for (const javaScript of [true, false]) {
  describe(`Abfallkalender ${javaScript ? 'with' : 'without'} JavaScript`, () => {
    it('finds an address, shows its dates, switches language, saves two addresses, opens iCal and PDF', async () => {
      const { page, context, foreign } = await openPage(browser, server.url, { javaScript });
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(`${server.url}/abfall`);
      await expectAccessible(page);
      await page.fill('#q', 'Herforder Straße 5');
      if (javaScript) {
        // The autocomplete takes the first suggestion with Enter; the form then goes straight to the calendar.
        await page.locator('[role="option"]').first().waitFor();
        await page.keyboard.press('ArrowDown');
        await page.keyboard.press('Enter');
      }
      await Promise.all([page.waitForURL(/\/abfall\/adresse\/\d+/), page.click('form[action="/abfall"] button')]);
      expect(await page.locator('h1').textContent()).toContain('Herforder Straße 5');
      const lines = await nextLines(page);
      expect(lines.length).toBeGreaterThanOrEqual(4);
      expect(lines.join('\n')).toMatch(/Restabfall/);
      expect(await page.locator('table.bs-waste-month caption').textContent()).toBe('Abfuhrtermine im Dezember 2026');
      await expectNoOverflow(page);
      await expectAccessible(page);

      await page.click('a[hreflang="en"]');
      await page.waitForURL(/lang=en/);
      expect(await page.locator('h1').textContent()).toContain('Collection dates');
      expect((await nextLines(page)).join('\n')).toMatch(/Residual waste/);
      await expectAccessible(page);
      await page.goto(`${server.url}/abfall/adresse/${page.url().match(/adresse\/(\d+)/)?.[1]}?lang=de`);

      await Promise.all([page.waitForURL(/monat=2027-01/), page.click('a[rel="next"]')]);
      expect(await page.locator('table.bs-waste-month caption').textContent()).toBe('Abfuhrtermine im Januar 2027');

      await saveAddress(page);
      await expectFeedAndPdf(page);
      await page.goto(`${server.url}/abfall?q=${encodeURIComponent('Jöllenbecker Straße 11')}`);
      await page.waitForURL(/\/abfall\/adresse\/\d+/);
      await saveAddress(page);

      await page.goto(`${server.url}/abfall`);
      expect(await page.locator('.bs-waste-addresses').first().textContent()).toMatch(
        /Herforder Straße 5[\s\S]*Jöllenbecker Straße 11/,
      );
      await page.goto(server.url);
      const panel = page.locator('.bs-waste-start');
      expect(await panel.textContent()).toContain('Herforder Straße 5');
      await expectNoOverflow(page);
      await expectAccessible(page);
      expect(foreign).toEqual([]);
      await context.close();
    });
  });
}

/** Words of the page's main part that the browser split across two lines (each word should draw as one box). */
function splitWords(page: Page) {
  return page.evaluate(() => {
    const split: string[] = [];
    const walker = document.createTreeWalker(document.querySelector('main')!, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement!;
      // Hidden text, URLs and code may wrap anywhere: they are not words.
      if (!el.checkVisibility() || el.closest('a.bs-waste-url, code, pre, [aria-hidden="true"]')) continue;
      for (const m of (node.textContent ?? '').matchAll(/[\p{L}\p{N}]{4,}/gu)) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
        if (tops.size > 1) split.push(m[0]);
      }
    }
    return split;
  });
}

describe('the address page', () => {
  it('splits no word across lines on a phone, a tablet and a laptop, in German and English', async () => {
    const { page, context } = await openPage(browser, server.url, { javaScript: false });
    await page.goto(`${server.url}/abfall?q=${encodeURIComponent('Herforder Straße 5')}`);
    await page.waitForURL(/\/abfall\/adresse\/\d+/);
    const url = page.url().split('?')[0];
    for (const width of [320, 390, 650, 700, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      for (const lang of ['de', 'en']) {
        await page.goto(`${url}?lang=${lang}`);
        expect({ width, lang, split: await splitWords(page) }).toEqual({ width, lang, split: [] });
        await expectNoOverflow(page);
      }
    }
    await context.close();
  });
});

describe('Abfall-ABC, Wertstoffhöfe and Sperrmüll', () => {
  it('are accessible and fit a phone, with and without JavaScript', async () => {
    for (const javaScript of [true, false]) {
      const { page, context, foreign } = await openPage(browser, server.url, { javaScript });
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(`${server.url}/abfall/abc`);
      await page.fill('#q', 'Kühlschrnk');
      await Promise.all([page.waitForURL(/q=K/), page.click('form[action="/abfall/abc"] button')]);
      expect(await page.locator('.bs-waste-abc__item').first().textContent()).toContain('Wertstoffhof');
      await expectAccessible(page);
      await expectNoOverflow(page);
      await page.goto(`${server.url}/abfall/wertstoffhoefe`);
      expect(await page.locator('.bs-waste-open').count()).toBe(3);
      if (javaScript) await page.locator('.bs-map-marker__link').first().waitFor();
      await expectAccessible(page);
      await expectNoOverflow(page);
      await page.goto(`${server.url}/abfall/sperrmuell`);
      await expectAccessible(page);
      await expectNoOverflow(page);
      expect(foreign).toEqual([]);
      await context.close();
    }
  });
});
