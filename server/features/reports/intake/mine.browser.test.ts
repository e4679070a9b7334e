import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, type LiveServer, launchBrowser, openPage, startServer } from '../../../test/browser.js';
import { seedTestAddresses } from '../../../test/factories/addresses.js';
import { seedFormCategories } from '../../../test/factories/report-form.js';

// "Meine Meldungen" in a real Chromium: two reports sent from this browser are listed with their status, one is
// removed. With JavaScript the links live in localStorage (the cookies are even cleared before the list is opened);
// without it, in the cookie only the list's pages receive.

const shots = process.env.SCREENSHOT_DIR;
let browser: Browser;
let server: LiveServer;
let jpeg: Buffer;

beforeAll(async () => {
  [browser, server] = await Promise.all([
    launchBrowser(),
    startServer({ now: '2026-12-07T09:00:00Z', env: { RATE_LIMIT_PUBLIC_WRITES_PER_MINUTE: '1000' } }),
  ]);
  await seedTestAddresses(server.t.deps);
  await seedFormCategories(server.t.deps);
  jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#8a5' } })
    .jpeg()
    .toBuffer();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const url = (path: string) => `${server.url}${path}`;

/**
 * Sends a report as the form does (multipart POST with the form's CSRF token, in this browser's cookie jar) and
 * opens the receipt it leads to in the page. Returns the reference the receipt shows.
 */
async function sendReport(context: BrowserContext, page: Page, description: string): Promise<string> {
  const form = await context.request.get(url('/melden'));
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
  const sent = await context.request.post(url('/melden'), {
    multipart: {
      _csrf: csrf,
      category: 'laub',
      address: 'Herforder Straße 22',
      description,
      duplicatesShown: '1',
      photos: { name: 'foto.jpg', mimeType: 'image/jpeg', buffer: jpeg },
    },
    maxRedirects: 0,
  });
  expect(sent.status()).toBe(303);
  await page.goto(url('/meldungen/eingang'));
  const note = page.locator('[data-my-reports-note]');
  await note.waitFor();
  expect(await note.getByRole('link').getAttribute('href')).toBe('/meldungen/meine');
  return ((await page.locator('[data-slot="reference"]').textContent()) ?? '').trim();
}

const kept = (page: Page) =>
  page.evaluate(() =>
    (JSON.parse(localStorage.getItem('bs-my-reports') ?? '[]') as { reference: string }[]).map((k) => k.reference),
  );

describe('Meine Meldungen', () => {
  for (const javaScript of [true, false]) {
    it(`lists two reports sent from this browser and removes one, ${javaScript ? 'with' : 'without'} JavaScript`, async () => {
      const { page, context, foreign } = await openPage(browser, server.url, { javaScript });
      await page.setViewportSize({ width: 390, height: 844 });
      const first = await sendReport(context, page, 'Laub verstopft den Gully vor Nummer 22.');
      await expectAccessible(page);
      if (shots)
        await page.screenshot({ path: `${shots}/receipt-${javaScript ? 'js' : 'nojs'}-phone.png`, fullPage: true });
      const second = await sendReport(context, page, 'Nasses Laub auf dem Radweg, Rutschgefahr.');
      expect(first).not.toBe(second);
      if (javaScript) {
        await expect.poll(() => kept(page)).toEqual([second, first]);
        // Nothing but localStorage is left: the list comes from the browser's store and the JSON list.
        await context.clearCookies();
      }

      await page.goto(url('/meldungen/meine'));
      const items = page.locator('[data-my-reports-list] > li');
      await expect.poll(() => items.count()).toBe(2);
      const texts = await items.allTextContents();
      expect(texts[0]).toContain(second);
      expect(texts[1]).toContain(first);
      for (const text of texts) expect(text).toContain('Eingegangen');
      expect(await page.locator('[data-my-reports-empty]').isVisible()).toBe(false);
      // Status push per report where the browser can receive it; without JavaScript the page says what it needs.
      expect(await page.locator('[data-my-reports-list] form[data-push-form]:visible').count()).toBe(
        javaScript ? 2 : 0,
      );
      expect(await page.locator('[data-my-reports-nojs]').isVisible()).toBe(!javaScript);
      await expectAccessible(page);
      if (shots)
        await page.screenshot({ path: `${shots}/mine-${javaScript ? 'js' : 'nojs'}-phone.png`, fullPage: true });

      // Each item links to its private status page.
      const link = items.nth(1).getByRole('link', { name: new RegExp(first) });
      expect(await link.getAttribute('href')).toMatch(/^\/meldungen\/status\/[\w-]{43}$/);

      await items.filter({ hasText: first }).getByRole('button', { name: 'Aus der Liste entfernen' }).click();
      await page.waitForURL((u) => u.searchParams.get('erledigt') === 'entfernt');
      await page.getByText('Die Meldung wurde aus Ihrer Liste entfernt.').waitFor();
      await expect.poll(() => items.count()).toBe(1);
      expect(await items.first().textContent()).toContain(second);
      if (javaScript) expect(await kept(page)).toEqual([second]);
      await expectAccessible(page);

      // The same list in English.
      await page.goto(url('/meldungen/meine?lang=en'));
      await page.getByRole('heading', { name: 'My reports', level: 1 }).waitFor();
      await expect.poll(() => items.count()).toBe(1);
      expect(await items.first().textContent()).toContain('Received');
      await page.setViewportSize({ width: 1366, height: 900 });
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth),
      ).toBe(true);
      if (shots)
        await page.screenshot({ path: `${shots}/mine-${javaScript ? 'js' : 'nojs'}-en-laptop.png`, fullPage: true });
      expect(foreign).toEqual([]);
      await context.close();
    });
  }

  it('keeps the link of a receipt the report form puts in place after sending with JavaScript', async () => {
    const { page, context, foreign } = await openPage(browser, server.url);
    await page.goto(url('/melden'));
    const token = 'T'.repeat(43);
    // What client/report-receipt.ts does with the server's template once the report is sent.
    await page.evaluate((path) => {
      const region = document.querySelector('[data-report-page]');
      const template = document.querySelector<HTMLTemplateElement>('#receipt-template');
      if (!region || !template) throw new Error('form page without receipt template');
      const content = template.content.cloneNode(true) as DocumentFragment;
      const reference = content.querySelector('[data-slot="reference"]');
      if (reference) reference.textContent = 'BI-2026-999999';
      content.querySelector('[data-slot="status-link"]')?.setAttribute('href', path);
      region.replaceChildren(content);
    }, `/meldungen/status/${token}`);
    await expect.poll(() => kept(page)).toEqual(['BI-2026-999999']);
    expect(foreign).toEqual([]);
    await context.close();
  });
});
