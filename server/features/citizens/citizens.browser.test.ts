import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.js';
import type { LiveServer } from '../../test/browser.js';
import {
  expectAccessible,
  freePort,
  languageAndScript,
  launchBrowser,
  openPage,
  startServer,
} from '../../test/browser.js';
import { type SamlIdp, startSamlIdp } from '../../test/saml-idp.js';
import { loginUrl } from './service.js';

let browser: Browser;
let idp: SamlIdp;
let t: TestApp;
let url: string;
let off: LiveServer;

beforeAll(async () => {
  [browser, idp, off] = await Promise.all([launchBrowser(), startSamlIdp(), startServer()]);
  const port = await freePort();
  // `localhost`, not the IdP's 127.0.0.1: another site, so the IdP's POST to the ACS is cross-site as in production
  // and carries no SameSite=Lax cookie; the login must complete through the redirected GET that does.
  url = `http://localhost:${port}`;
  t = await buildTestApp({ env: idp.env({ PUBLIC_URL: url }) });
  await t.app.listen({ port, host: '127.0.0.1' });
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
  await off?.close();
  await idp?.close();
});

const texts = {
  de: {
    signedIn: 'Angemeldet als',
    logout: 'Abmelden',
    loggedOut: 'Sie sind abgemeldet',
    refused: 'Anmeldung nicht möglich',
    off: 'Online-Anmeldung nicht verfügbar',
  },
  en: {
    signedIn: 'Logged in as',
    logout: 'Log out',
    loggedOut: 'You are logged out',
    refused: 'Login not possible',
    off: 'Online login not available',
  },
} as const;

describe('citizen login through the local BundID in Chromium', () => {
  for (const [lang, javaScript] of languageAndScript) {
    it(`${lang}, ${javaScript ? 'with' : 'without'} JavaScript: log in, see who, log out; pages accessible`, async () => {
      const x = texts[lang];
      const { page, context, foreign } = await openPage(browser, url, { javaScript, locale: lang });
      // The IdP and the server without login are the other origins this test may visit (later routes win).
      await context.route(`${idp.url}/**`, (route) => route.continue());
      await context.route(`${off.url}/**`, (route) => route.continue());
      await page.goto(`${url}/antraege/anmeldung?lang=${lang}`);
      await expectAccessible(page);
      await page.goto(`${url}${loginUrl('/antraege/anmeldung', 'substantial', ['givenName', 'familyName'])}`);
      await page.waitForURL((u) => u.href.startsWith(idp.url));
      await page.getByLabel('Max Mustermann').check();
      await page.getByLabel('substantial').check();
      await page.getByRole('button', { name: 'Anmelden' }).click();
      // Without JavaScript the IdP's page waits for its "Weiter" button; with it, it posts on its own.
      if (!javaScript) await page.getByRole('button', { name: 'Weiter' }).click();
      await page.waitForURL(`${url}/antraege/anmeldung`);
      await expect.poll(() => page.locator('.bs-citizen-bar').textContent()).toContain(x.signedIn);
      expect(await page.locator('.bs-citizen-bar').textContent()).toContain('Max Mustermann');
      await expectAccessible(page);
      await page.getByRole('button', { name: x.logout }).click();
      await page.waitForURL(`${url}/antraege/anmeldung?abgemeldet=1`);
      expect(await page.locator('main').textContent()).toContain(x.loggedOut);
      await page.goto(`${url}/antraege/anmelden?niveau=ultra`);
      expect(await page.locator('h1').textContent()).toBe(x.refused);
      await expectAccessible(page);
      await page.goto(`${off.url}/antraege/anmelden`);
      expect(await page.locator('h1').textContent()).toBe(x.off);
      await expectAccessible(page);
      expect(foreign).toEqual([]);
      await context.close();
    });
  }
});
