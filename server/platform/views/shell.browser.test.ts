import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, type LiveServer, launchBrowser, openPage, startServer } from '../../test/browser.js';

let browser: Browser;
let server: LiveServer;
beforeAll(async () => {
  [browser, server] = await Promise.all([launchBrowser(), startServer()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('citizen shell in the browser', () => {
  it('renders the start page in German without foreign requests', async () => {
    const { page, foreign, context } = await openPage(browser, server.url);
    await page.goto(`${server.url}/`);
    expect(await page.getAttribute('html', 'lang')).toBe('de');
    await expectAccessible(page);
    expect(foreign).toEqual([]);
    await context.close();
  });
});
