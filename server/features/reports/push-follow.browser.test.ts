import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, type LiveServer, launchBrowser, openPage, startServer } from '../../test/browser.js';
import { createReport } from '../../test/factories/reports.js';

// "Follow by push" on the private status page: shown with JavaScript where push works, explained without.

const shots = process.env.SCREENSHOT_DIR;
let browser: Browser;
let server: LiveServer;
beforeAll(async () => {
  [browser, server] = await Promise.all([launchBrowser(), startServer({ now: '2026-12-07T09:00:00Z' })]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('follow a report by push', () => {
  for (const javaScript of [true, false]) {
    it(`status page ${javaScript ? 'with' : 'without'} JavaScript`, async () => {
      const report = await createReport(server.t.deps, { status: 'received' });
      const { page, context, foreign } = await openPage(browser, server.url, { javaScript });
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(`${server.url}/meldungen/status/${report.statusToken}`);
      const section = page.locator('[data-push-opt-in]');
      expect(await section.getAttribute('data-push-opt-in')).toBe(`/api/reports/status/${report.statusToken}/push`);
      expect(await page.locator('form[data-push-form]').isVisible()).toBe(javaScript);
      expect(await page.locator('[data-push-nojs]').isVisible()).toBe(!javaScript);
      await expectAccessible(page);
      if (shots) await section.screenshot({ path: `${shots}/follow-${javaScript ? 'js' : 'nojs'}-phone.png` });
      expect(foreign).toEqual([]);
      await context.close();
    });
  }
});
