import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, type LiveServer, launchBrowser, openPage, startServer } from '../../test/browser.js';

let browser: Browser;
let server: LiveServer;
beforeAll(async () => {
  [browser, server] = await Promise.all([launchBrowser(), startServer({ env: { DEMO_DATA: 'true' } })]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

// Every citizen page of the shell, with its German and English main heading.
const pages = [
  { path: '/', de: 'Bürgerservice Bielefeld', en: 'Citizen services Bielefeld' },
  { path: '/impressum', de: 'Impressum', en: 'Legal notice' },
  { path: '/datenschutz', de: 'Datenschutzerklärung', en: 'Privacy statement' },
  { path: '/barrierefreiheit', de: 'Erklärung zur Barrierefreiheit', en: 'Accessibility statement' },
  { path: '/leichte-sprache', de: 'Informationen in Leichter Sprache', en: 'Information in Easy Read' },
  { path: '/gebaerdensprache', de: 'Deutscher Gebärdensprache (DGS)', en: 'German Sign Language (DGS)' },
  { path: '/offline', de: 'Keine Internetverbindung', en: 'No internet connection' },
  { path: '/gibt-es-nicht', de: 'Seite nicht gefunden', en: 'Page not found', status: 404 },
];

const url = (path: string) => `${server.url}${path}`;
const lang = (page: Page) => page.getAttribute('html', 'lang');
const heading = (page: Page) => page.locator('h1').first().textContent();

describe('citizen pages in the browser', () => {
  for (const p of pages) {
    it(`${p.path}: German, English by the switch and by ?lang=, accessible, no foreign requests`, async () => {
      const { page, foreign, context } = await openPage(browser, server.url);
      const res = await page.goto(url(p.path));
      expect(res?.status()).toBe(p.status ?? 200);
      expect(await lang(page)).toBe('de');
      expect(await heading(page)).toContain(p.de);
      await expectAccessible(page);

      // The switch keeps the page and remembers the choice.
      await page.getByRole('navigation', { name: 'Sprache wählen' }).getByRole('link', { name: 'English' }).click();
      await page.waitForURL((u) => u.searchParams.get('lang') === 'en');
      expect(new URL(page.url()).pathname).toBe(p.path);
      expect(await lang(page)).toBe('en');
      expect(await heading(page)).toContain(p.en);
      await expectAccessible(page);
      await page.goto(url(p.path));
      expect(await lang(page)).toBe('en');
      expect(foreign).toEqual([]);
      await context.close();

      const fresh = await openPage(browser, server.url);
      await fresh.page.goto(url(`${p.path}?lang=en`));
      expect(await lang(fresh.page)).toBe('en');
      expect(await heading(fresh.page)).toContain(p.en);
      // The same English page axe-core checked after the switch: not checked twice.
      expect(fresh.foreign).toEqual([]);
      await fresh.context.close();
    }, 60_000);
  }

  it('stays accessible in dark mode', async () => {
    const { page, context } = await openPage(browser, server.url);
    await page.emulateMedia({ colorScheme: 'dark' });
    for (const path of ['/', '/barrierefreiheit', '/gibt-es-nicht']) {
      await page.goto(url(path));
      await expectAccessible(page);
    }
    await context.close();
  });

  it('reflows to 320 CSS pixels (400 % zoom) without horizontal scrolling', async () => {
    const { page, context } = await openPage(browser, server.url);
    await page.setViewportSize({ width: 320, height: 640 });
    for (const p of pages) {
      await page.goto(url(p.path));
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width, p.path).toBeLessThanOrEqual(320);
    }
    await context.close();
  });

  it('shows the skip link first in the tab order, with a visible focus, and it moves to the content', async () => {
    const { page, context } = await openPage(browser, server.url);
    await page.goto(url('/'));
    await page.keyboard.press('Tab');
    const skip = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const box = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      return {
        cls: el.className,
        top: box.top,
        bottom: box.bottom,
        outline: style.outlineStyle,
        width: style.outlineWidth,
      };
    });
    expect(skip.cls).toBe('bs-skip-link');
    expect(skip.top).toBeGreaterThanOrEqual(0);
    expect(skip.bottom).toBeGreaterThan(skip.top);
    expect(skip.outline).toBe('solid');
    expect(skip.width).toBe('4px');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    await page.keyboard.press('Tab');
    const next = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      // Tiles draw the focus ring on their ::after, which covers the whole tile.
      const outlines = [getComputedStyle(el).outlineStyle, getComputedStyle(el, '::after').outlineStyle];
      return { inMain: !!el.closest('main'), outlined: outlines.includes('solid') };
    });
    expect(next).toEqual({ inMain: true, outlined: true });
    await context.close();
  });
});

describe('without JavaScript', () => {
  it('shows every page with its content, and every same-origin link leads somewhere', async () => {
    const { page, foreign, context } = await openPage(browser, server.url, { javaScript: false });
    const links = new Set<string>();
    for (const p of pages) {
      const res = await page.goto(url(p.path));
      expect(res?.status()).toBe(p.status ?? 200);
      expect(await heading(page)).toContain(p.de);
      const hrefs = await page.$$eval('a[href]', (as) => as.map((a) => (a as HTMLAnchorElement).href));
      for (const href of hrefs) {
        // The not-found page's own links (its language switch) lead to the same missing page.
        if (href.startsWith(server.url) && p.status !== 404) links.add(href.split('#')[0]!);
      }
    }
    expect(links.size).toBeGreaterThan(pages.length);
    for (const link of links) {
      const res = await page.goto(link);
      expect(res?.status(), link).toBeLessThan(400);
    }
    expect(foreign).toEqual([]);
    await context.close();
  }, 120_000);

  it('switches the language by the link alone', async () => {
    const { page, context } = await openPage(browser, server.url, { javaScript: false });
    await page.goto(url('/barrierefreiheit'));
    await page.getByRole('link', { name: 'English' }).click();
    expect(await lang(page)).toBe('en');
    expect(new URL(page.url()).pathname).toBe('/barrierefreiheit');
    await page.getByRole('link', { name: 'Deutsch' }).click();
    expect(await lang(page)).toBe('de');
    await context.close();
  });
});

describe('progressive web app', () => {
  it('registers the service worker and serves the offline page when the network is gone', async () => {
    const { page, foreign, context } = await openPage(browser, server.url);
    await page.goto(url('/?lang=en'));
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      if (!navigator.serviceWorker.controller) {
        await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve));
      }
    });
    // One page seen online in English: the worker remembers the language for its offline page.
    await page.goto(url('/impressum'));
    await context.setOffline(true);

    await page.goto(url('/datenschutz'));
    expect(await heading(page)).toBe('No internet connection');
    expect(await lang(page)).toBe('en');
    // The cached stylesheet applies offline too (the skip link is positioned off-screen by it).
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('.bs-skip-link')!).position)).toBe(
      'absolute',
    );
    await expectAccessible(page);
    await page.goto(url('/leichte-sprache?lang=de'));
    expect(await heading(page)).toBe('Keine Internetverbindung');

    // The back office is never answered by the worker.
    await expect(page.goto(url('/admin'))).rejects.toThrow();

    await context.setOffline(false);
    await page.goto(url('/datenschutz'));
    expect(await heading(page)).toBe('Privacy statement');
    expect(foreign).toEqual([]);
    await context.close();
  });

  it('prints the start page’s transfer size on first load', async () => {
    const { page, context } = await openPage(browser, server.url);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    const urls = new Map<string, string>();
    const sizes = new Map<string, number>();
    cdp.on('Network.requestWillBeSent', (e) => {
      if (!e.request.url.startsWith('data:')) urls.set(e.requestId, e.request.url.replace(server.url, ''));
    });
    cdp.on('Network.loadingFinished', (e) => {
      if (urls.has(e.requestId)) sizes.set(e.requestId, e.encodedDataLength);
    });
    await page.goto(url('/'), { waitUntil: 'networkidle' });
    const rows = [...sizes].map(([id, bytes]) => ({ url: urls.get(id)!, bytes }));
    const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
    const total = rows.reduce((sum, r) => sum + r.bytes, 0);
    const critical = rows.filter((r) => r.url === '/' || r.url.endsWith('.css')).reduce((sum, r) => sum + r.bytes, 0);
    console.log(
      [
        `start page, first load (compressed, headers included): ${kb(total)} in ${rows.length} requests;`,
        `HTML + CSS ${kb(critical)}`,
        ...rows.map((r) => `  ${kb(r.bytes).padStart(8)}  ${r.url}`),
      ].join('\n'),
    );
    expect(rows.length).toBeGreaterThan(0);
    await context.close();
  });
});
