import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { expectAccessible, type LiveServer, launchBrowser, openPage, startServer } from '../../test/browser.js';
import { createStaff, type TestStaff } from '../../test/factories/users.js';

let browser: Browser;
let server: LiveServer;
let admin: TestStaff;

beforeAll(async () => {
  [browser, server] = await Promise.all([launchBrowser(), startServer()]);
  admin = await createStaff(server.t, { role: 'admin', displayName: 'Ada Admin' });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

for (const javaScript of [true, false]) {
  it(`an admin creates and revokes an Open311 key; every page is accessible (JavaScript ${javaScript ? 'on' : 'off'})`, {
    timeout: 90_000,
  }, async () => {
    const { page, context, foreign } = await openPage(browser, server.url, { javaScript });
    await page.goto(`${server.url}/admin/login`);
    await page.fill('#email', admin.email);
    await page.fill('#password', admin.password);
    await Promise.all([
      page.waitForURL((u) => !u.pathname.startsWith('/admin/login')),
      page.click('form.bs-form button'),
    ]);

    for (const lang of ['de', 'en']) {
      await page.goto(`${server.url}/admin/open311?lang=${lang}`);
      expect(await page.getAttribute('html', 'lang')).toBe(lang);
      await expectAccessible(page);
    }

    // A form without a name comes back with the message beside the field.
    await page.goto(`${server.url}/admin/open311?lang=de`);
    await page.click('form[action="/admin/open311"] button[type=submit]');
    await page.waitForSelector('#name-error');
    expect(await page.textContent('#name-error')).toContain('Bitte geben Sie einen Namen an.');
    await expectAccessible(page);

    const name = `Partner-App ${javaScript ? 'A' : 'B'}`;
    await page.fill('#name', name);
    await Promise.all([
      page.waitForSelector('#api-key'),
      page.click('form[action="/admin/open311"] button[type=submit]'),
    ]);
    expect(await page.textContent('#api-key')).toMatch(/^o311_[A-Za-z0-9_-]{32}$/);
    await expectAccessible(page);

    await page.click('text=Zurück zur Open311-Schnittstelle');
    const row = page.locator('#open311-clients tbody tr', { hasText: name });
    await Promise.all([page.waitForURL(/done=revoked/), row.locator('button').click()]);
    expect(await page.textContent('.kern-alert')).toContain('Der Schlüssel wurde widerrufen.');
    expect(await row.textContent()).toContain('Widerrufen am');
    await expectAccessible(page);
    expect(foreign).toEqual([]);
    await context.close();
  });
}
