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
import { createStaff, type TestStaff } from '../../test/factories/users.js';
import { seedServicesDemo } from './import.js';

// Thursday 3 December 2026, 10:30 in Bielefeld: the Ausländerbehörde (Einbürgerung) is open.
let browser: Browser;
let server: LiveServer;
let editor: TestStaff;
beforeAll(async () => {
  [browser, server] = await Promise.all([launchBrowser(), startServer({ now: '2026-12-03T09:30:00Z' })]);
  await seedServicesDemo(server.t.deps);
  editor = await createStaff(server.t, { role: 'editor', displayName: 'Lena Brinkmann' });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const texts = {
  de: {
    title: 'Wo erledige ich was?',
    nameLabel: 'Leistung suchen',
    submit: 'Anzeigen',
    service: 'Einbürgerung beantragen',
    channels: ['Online', 'Persönlich vorbeikommen', 'Telefon', 'Post und E-Mail', 'Termin vereinbaren'],
    online: 'Einbürgerungsantrag NRW auf Kommunalportal.NRW',
    thursday: 'Donnerstag: 08:00–12:00, 14:00–17:00 Uhr',
    open: 'Jetzt geöffnet',
  },
  en: {
    title: 'Where do I get what done?',
    nameLabel: 'Find a service',
    submit: 'Show',
    service: 'Applying for naturalisation (German citizenship)',
    channels: ['Online', 'Visit in person', 'Phone', 'Post and e-mail', 'Make an appointment'],
    online: 'NRW naturalisation application on Kommunalportal.NRW',
    thursday: 'Thursday: 08:00–12:00, 14:00–17:00',
    open: 'Open now',
  },
} as const;

/** No horizontal scrolling: the page fits its viewport. */
async function expectNoOverflow(page: Page) {
  const [scroll, client] = await page.evaluate(() => [
    document.documentElement.scrollWidth,
    document.documentElement.clientWidth,
  ]);
  expect(scroll).toBeLessThanOrEqual(client);
}

describe('services A–Z in the browser', () => {
  for (const [lang, javaScript] of languageAndScript) {
    it(`${lang}, ${javaScript ? 'with' : 'without'} JavaScript: find a service, see its online and analog channels and the office's hours`, async () => {
      const x = texts[lang];
      const { page, context, foreign } = await openPage(browser, server.url, { javaScript });
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(`${server.url}/leistungen?lang=${lang}`);
      expect(await page.locator('h1').textContent()).toBe(x.title);
      expect(await page.locator('.bs-waste-abc__item').count()).toBeGreaterThanOrEqual(80);
      await expectAccessible(page);
      await expectNoOverflow(page);

      // The name filter is a plain GET form.
      await page.getByLabel(x.nameLabel).fill('staatsangeh');
      await page.getByRole('button', { name: x.submit }).click();
      await page.waitForURL((u) => u.searchParams.get('q') === 'staatsangeh');
      await page.getByRole('link', { name: x.service }).click();
      await page.waitForURL((u) => u.pathname === '/leistungen/einbuergerung');
      expect(await page.locator('h1').textContent()).toBe(x.service);

      const headings = await page.locator('#channels-heading ~ ul h3').allTextContents();
      expect(headings).toEqual(x.channels);
      const online = page.getByRole('link', { name: x.online });
      expect(await online.getAttribute('href')).toBe(
        `https://www.kommunalportal.nrw/einbuergerung?ars=${server.t.config.municipality.ars}`,
      );
      const visit = page.locator('#vor-ort');
      expect(await visit.locator('li', { hasText: x.thursday.split(':')[0] as string }).textContent()).toBe(x.thursday);
      expect(await visit.textContent()).toContain(x.open);
      expect(await page.locator('#telefon a').getAttribute('href')).toBe('tel:+49521510');
      await expectAccessible(page);
      await expectNoOverflow(page);
      expect(foreign).toEqual([]);
      await context.close();
    }, 120_000);
  }
});

const backOffice = {
  de: {
    login: { email: 'E-Mail-Adresse', password: 'Passwort', submit: 'Anmelden' },
    title: 'Leistungen A–Z',
    service: 'Personalausweis beantragen',
    save: 'Speichern',
    summary: /Bitte korrigieren Sie die folgende/,
    newOffice: 'Neue Stelle',
    import: 'Importieren (CSV oder JSON)',
    importTitle: 'Leistungen importieren',
  },
  en: {
    login: { email: 'E-mail address', password: 'Password', submit: 'Sign in' },
    title: 'Services A–Z',
    service: 'Personalausweis beantragen',
    save: 'Save',
    summary: /Please correct the following/,
    newOffice: 'New office',
    import: 'Import (CSV or JSON)',
    importTitle: 'Import services',
  },
} as const;

describe('services back office in the browser', () => {
  for (const [lang, javaScript] of languageAndScript) {
    it(`${lang}, ${javaScript ? 'with' : 'without'} JavaScript: list, service form with errors, office form, import`, async () => {
      const x = backOffice[lang];
      const { page, context, foreign } = await openPage(browser, server.url, { javaScript });
      await page.goto(`${server.url}/admin/login?lang=${lang}&next=%2Fadmin%2Fleistungen`);
      await page.getByLabel(x.login.email).fill(editor.email);
      await page.getByLabel(x.login.password, { exact: true }).fill(editor.password);
      await page.getByRole('button', { name: x.login.submit }).click();
      await page.waitForURL((u) => u.pathname === '/admin/leistungen');
      expect(await page.locator('h1').textContent()).toBe(x.title);
      await expectAccessible(page);

      await page.getByRole('link', { name: x.service, exact: true }).click();
      await page.waitForURL((u) => /^\/admin\/leistungen\/\d+$/.test(u.pathname));
      await expectAccessible(page);
      await page.locator('#name_de').fill('');
      await page.getByRole('button', { name: x.save }).click();
      await page.locator('.bs-error-summary').waitFor();
      expect(await page.locator('#error-summary-title').textContent()).toMatch(x.summary);
      expect(await page.locator('#name_de').getAttribute('aria-invalid')).toBe('true');
      await expectAccessible(page);

      await page.goto(`${server.url}/admin/leistungen`);
      await page.getByRole('link', { name: x.newOffice }).click();
      await page.waitForURL((u) => u.pathname === '/admin/leistungen/stellen/neu');
      await expectAccessible(page);

      await page.goto(`${server.url}/admin/leistungen`);
      await page.getByRole('link', { name: x.import }).click();
      await page.waitForURL((u) => u.pathname === '/admin/leistungen/import');
      expect(await page.locator('h1').textContent()).toBe(x.importTitle);
      await page.locator('#file').setInputFiles({
        name: 'kaputt.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from('slug;name_de;summary_de;office\nx;;Ohne Namen;bsc\n'),
      });
      await page.locator('form[enctype] button[type="submit"]').click();
      await page.locator('#import-problems').waitFor();
      await expectAccessible(page);
      expect(foreign).toEqual([]);
      await context.close();
    }, 240_000);
  }
});
