import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectAccessible,
  type LiveServer,
  languageAndScript,
  launchBrowser,
  openPage,
  startServer,
} from '../../test/browser.js';
import { createStaff } from '../../test/factories/users.js';
import { seedPlatformsDemo } from '../platforms/demo.js';
import { seedFaqDemo } from './demo/seed.js';

let browser: Browser;
let server: LiveServer;
let editor: { email: string; password: string };
beforeAll(async () => {
  [browser, server] = await Promise.all([launchBrowser(), startServer({ now: '2026-12-06T11:00:00Z' })]);
  await seedFaqDemo(server.t.deps);
  await seedPlatformsDemo(server.t.deps);
  editor = await createStaff(server.t, { role: 'editor' });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const texts = {
  de: {
    title: 'Oft nachgefragt',
    question: 'Wie melde ich Sperrmüll an?',
    yes: 'Ja',
    thanks: 'Danke für Ihre Rückmeldung.',
    platforms: 'Datenplattformen',
    council: 'Ratsinformationssystem',
  },
  en: {
    title: 'Frequently asked',
    question: 'How do I book a bulky waste collection?',
    yes: 'Yes',
    thanks: 'Thank you for your feedback.',
    platforms: 'Data platforms',
    council: 'Council information system',
  },
} as const;

async function signIn(page: Page, lang: 'de' | 'en') {
  await page.goto(`${server.url}/admin/login?lang=${lang}`);
  await page.locator('#email').fill(editor.email);
  await page.locator('#password').fill(editor.password);
  await page.locator('form[action="/admin/login"] button[type="submit"]').click();
  await page.waitForURL((u) => !u.pathname.startsWith('/admin/login'));
}

describe('FAQ and data platforms in the browser', () => {
  for (const [lang, javaScript] of languageAndScript) {
    it(`${lang}, ${javaScript ? 'with' : 'without'} JavaScript: list, question, vote, platforms`, async () => {
      const x = texts[lang];
      const { page, context, foreign } = await openPage(browser, server.url, { javaScript });
      await page.goto(`${server.url}/oft-nachgefragt?lang=${lang}`);
      expect(await page.locator('h1').textContent()).toBe(x.title);
      await expectAccessible(page);

      await page.getByRole('link', { name: x.question }).click();
      await page.waitForURL((u) => u.pathname === '/oft-nachgefragt/wie-melde-ich-sperrmuell-an');
      expect(await page.locator('h1').textContent()).toBe(x.question);
      await expectAccessible(page);

      await page.getByRole('button', { name: x.yes, exact: true }).click();
      await page.waitForURL((u) => u.searchParams.get('danke') === 'ja');
      await expect.poll(() => page.locator('.kern-alert--success .kern-title').textContent()).toBe(x.thanks);
      expect(await page.getByRole('button', { name: x.yes, exact: true }).count()).toBe(0);
      await expectAccessible(page);

      await page.goto(`${server.url}/datenplattformen`);
      expect(await page.locator('h1').textContent()).toBe(x.platforms);
      expect(await page.locator('h2').allTextContents()).toContain(x.council);
      await expectAccessible(page);
      expect(foreign).toEqual([]);
      await context.close();
    }, 120_000);
  }

  for (const [lang, javaScript] of languageAndScript) {
    it(`${lang}, ${javaScript ? 'with' : 'without'} JavaScript: the editors' pages are accessible and reordering works`, async () => {
      const { page, context } = await openPage(browser, server.url, { javaScript });
      await signIn(page, lang);
      for (const path of [
        '/admin/oft-nachgefragt',
        '/admin/oft-nachgefragt/neu',
        '/admin/oft-nachgefragt/1',
        '/admin/oft-nachgefragt/themen',
        '/admin/oft-nachgefragt/themen/1',
        '/admin/datenplattformen',
        '/admin/datenplattformen/1',
      ]) {
        await page.goto(`${server.url}${path}`);
        expect(await page.locator('h1').count()).toBe(1);
        await expectAccessible(page);
      }
      await page.goto(`${server.url}/admin/oft-nachgefragt/reihenfolge`);
      const second = page.locator('section').first().locator('li').nth(1);
      const name = await second.locator('a').first().textContent();
      await second.locator('form[action$="/hoch"] button').click();
      await page.waitForURL((u) => u.searchParams.get('done') === 'moved');
      expect(await page.locator('section').first().locator('li').first().locator('a').first().textContent()).toBe(name);
      await expectAccessible(page);
      await context.close();
    }, 180_000);
  }
});
