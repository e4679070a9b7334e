import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectAccessible,
  type LiveServer,
  languageAndScript,
  launchBrowser,
  openPage,
  startServer,
} from '../../test/browser.js';

let browser: Browser;
let server: LiveServer;
beforeAll(async () => {
  [browser, server] = await Promise.all([launchBrowser(), startServer()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const texts = {
  de: {
    statementLink: 'Barriere melden (Formular)',
    heading: 'Barriere melden',
    message: 'Was ist die Barriere?',
    email: 'Ihre E-Mail-Adresse',
    consent: /Ich bin einverstanden/,
    send: 'Rückmeldung senden',
    summary: 'Bitte korrigieren Sie die folgenden 2 Angaben:',
    thanks: 'Danke für Ihre Rückmeldung',
  },
  en: {
    statementLink: 'Report a barrier (form)',
    heading: 'Report a barrier',
    message: 'What is the barrier?',
    email: 'Your e-mail address',
    consent: /I agree/,
    send: 'Send feedback',
    summary: 'Please correct the following 2 entries:',
    thanks: 'Thank you for your feedback',
  },
} as const;

describe('accessibility feedback form in the browser', () => {
  for (const [lang, javaScript] of languageAndScript) {
    it(`${lang}, ${javaScript ? 'with' : 'without'} JavaScript: form, errors, thank-you page are accessible`, async () => {
      const x = texts[lang];
      const { page, context, foreign } = await openPage(browser, server.url, { javaScript });
      await page.goto(`${server.url}/barrierefreiheit?lang=${lang}`);
      await page.getByRole('link', { name: x.statementLink }).click();
      await page.waitForURL((u) => u.pathname === '/barrierefreiheit/rueckmeldung');
      expect(await page.locator('h1').textContent()).toBe(x.heading);
      await expectAccessible(page);

      // An e-mail address without consent and no description: errors beside the fields and a summary.
      await page.getByLabel(x.email).fill('someone@example.org');
      await page.getByRole('button', { name: x.send }).click();
      await page.waitForLoadState();
      await expect.poll(() => page.locator('#error-summary-title').textContent()).toBe(x.summary);
      expect(await page.locator('#message').getAttribute('aria-invalid')).toBe('true');
      expect(await page.locator('#consent').getAttribute('aria-invalid')).toBe('true');
      expect(await page.getByLabel(x.email).inputValue()).toBe('someone@example.org');
      await expectAccessible(page);

      // The summary link moves to the field.
      await page.locator('.bs-error-summary a').first().click();
      await page.getByLabel(x.message).fill('The map cannot be used with a keyboard.');
      await page.getByLabel(x.consent).check();
      await page.getByRole('button', { name: x.send }).click();
      await page.waitForURL((u) => u.pathname === '/barrierefreiheit/rueckmeldung/danke');
      expect(await page.locator('h1').textContent()).toBe(x.thanks);
      await expectAccessible(page);
      expect(foreign).toEqual([]);
      await context.close();
    }, 60_000);
  }

  it('stores each sent feedback', async () => {
    const { rows } = await server.t.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM accessibility_feedback WHERE municipality_id = $1',
      [server.t.config.municipality.id],
    );
    expect(rows[0]?.n).toBe(languageAndScript.length);
  });
});
