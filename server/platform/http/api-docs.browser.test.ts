import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
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

for (const javaScript of [true, false]) {
  it(`API docs are accessible and the try-it form works (JavaScript ${javaScript ? 'on' : 'off'})`, async () => {
    const { page, context, foreign } = await openPage(browser, server.url, { javaScript });
    for (const lang of ['de', 'en']) {
      await page.goto(`${server.url}/api/docs?lang=${lang}`);
      expect(await page.getAttribute('html', 'lang')).toBe(lang);
      await expectAccessible(page);
    }
    await page.locator('form[action="/api/docs/try"]:has(input[value="GET /health"]) button').click();
    await page.waitForURL(`${server.url}/health`);
    expect(await page.textContent('body')).toContain('"status":"ok"');
    expect(foreign).toEqual([]);
    await context.close();
  });
}
