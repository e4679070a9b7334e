import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, type LiveServer, launchBrowser, openPage, startServer } from '../../test/browser.js';
import { createStaff } from '../../test/factories/users.js';
import { seedNewsDemo } from './demo/seed.js';

// Aktuelles in a real browser: the list, a topic, an article (German and English, with and without JavaScript), the
// opt-in page, and an editor writing a news item with the plain form; axe-core on every page.

let browser: Browser;
let server: LiveServer;

beforeAll(async () => {
  [browser, server] = await Promise.all([launchBrowser(), startServer({ now: '2026-12-05T12:00:00Z' })]);
  await seedNewsDemo(server.t.deps);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const url = (path: string) => `${server.url}${path}`;

describe('Aktuelles', () => {
  for (const javaScript of [true, false]) {
    it(`list, topic and article in German and English (${javaScript ? 'with' : 'without'} JavaScript)`, async () => {
      const { page, context, foreign } = await openPage(browser, server.url, { javaScript });
      await page.goto(url('/aktuelles'));
      await page.getByRole('heading', { level: 1, name: 'Aktuelles' }).waitFor();
      await expectAccessible(page);
      await page.getByRole('navigation', { name: 'Themen' }).getByRole('link', { name: 'Verkehr' }).click();
      await page.getByRole('heading', { level: 1, name: 'Aktuelles: Verkehr' }).waitFor();
      await expectAccessible(page);
      await page.getByRole('link', { name: 'Jahnplatz: Umleitung der Stadtbahnlinien am Wochenende' }).click();
      await page
        .getByRole('heading', { level: 1, name: 'Jahnplatz: Umleitung der Stadtbahnlinien am Wochenende' })
        .waitFor();
      await page.getByText('Zuletzt aktualisiert').waitFor();
      await page.getByText('Dies ist eine Demo-Nachricht').waitFor();
      await expectAccessible(page);

      await page.getByRole('link', { name: 'English' }).click();
      await page
        .getByRole('heading', { level: 1, name: 'Jahnplatz: light rail lines diverted at the weekend' })
        .waitFor();
      await expectAccessible(page);
      // An item without English text: German, with a visible note.
      await page.goto(url('/aktuelles?thema=roadworks&lang=en'));
      await page.getByRole('heading', { level: 1, name: 'News: Roadworks' }).waitFor();
      await expectAccessible(page);
      await page.getByRole('link', { name: /^Herforder Straße/ }).click();
      await page.getByText('This news item is only available in German.').waitFor();
      await expectAccessible(page);
      expect(foreign).toEqual([]);
      await context.close();
    });
  }

  it('the opt-in page explains push without JavaScript and offers the RSS feeds (de, en)', async () => {
    const { page, context } = await openPage(browser, server.url, { javaScript: false });
    await page.goto(url('/aktuelles/benachrichtigungen'));
    await page.getByText('Push-Benachrichtigungen brauchen JavaScript').waitFor();
    expect(await page.locator('form[data-push-form]').isHidden()).toBe(true);
    await page.getByRole('link', { name: 'Verkehr (RSS)' }).waitFor();
    await expectAccessible(page);
    await page.goto(url('/aktuelles/benachrichtigungen?lang=en'));
    await page.getByRole('heading', { level: 1, name: 'News notifications' }).waitFor();
    await expectAccessible(page);
    await context.close();
  });

  it('an editor writes a news item with the plain form; it appears on the list (de, en)', async () => {
    const editor = await createStaff(server.t, { role: 'editor' });
    const { page, context } = await openPage(browser, server.url, { javaScript: false });
    await page.goto(url('/admin/login'));
    await page.getByLabel('E-Mail-Adresse').fill(editor.email);
    await page.getByLabel('Passwort', { exact: true }).fill(editor.password);
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.goto(url('/admin/news'));
    await page.getByRole('heading', { level: 1, name: 'Aktuelles verwalten' }).waitFor();
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Nachricht schreiben' }).click();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Nachricht schreiben' }).click();
    await page.locator('#titleDe-error').waitFor();
    await expectAccessible(page);
    await page.getByLabel('Titel (Deutsch)').fill('Rathaus am Montag geschlossen');
    await page
      .getByLabel('Text (Deutsch)')
      .fill('Wegen einer Betriebsversammlung bleibt das **Neue Rathaus** geschlossen.');
    await page.getByRole('button', { name: 'Nachricht schreiben' }).click();
    await page.getByText('Die Nachricht wurde angelegt.').waitFor();
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Push senden' }).click();
    await page.getByRole('heading', { level: 1, name: 'Push senden' }).waitFor();
    await expectAccessible(page);
    await page.goto(url('/admin/news/feeds'));
    await page.getByRole('heading', { level: 1, name: 'Feeds der Stadt-Website' }).waitFor();
    await expectAccessible(page);
    await page.goto(url('/admin/news?lang=en'));
    await page.getByRole('heading', { level: 1, name: 'Manage news' }).waitFor();
    await expectAccessible(page);
    await page.goto(url('/aktuelles'));
    await page.getByRole('link', { name: 'Rathaus am Montag geschlossen' }).waitFor();
    await context.close();
  });
});
