import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { expectAccessible, type LiveServer, launchBrowser, openPage, startServer } from '../../../test/browser.js';
import { points, seedTestAddresses } from '../../../test/factories/addresses.js';
import { createCategory, createReport } from '../../../test/factories/reports.js';
import { createStaff, type TestStaff } from '../../../test/factories/users.js';

let browser: Browser;
let server: LiveServer;
let analyst: TestStaff;

beforeAll(async () => {
  [browser, server] = await Promise.all([launchBrowser(), startServer()]);
  const { t } = server;
  t.clock.now = new Date('2026-06-15T08:00:00Z');
  await seedTestAddresses(t.deps);
  const muell = await createCategory(t.deps, { code: 'wilder-muell', name: { de: 'Wilder Müll', en: 'Fly-tipping' } });
  const laub = await createCategory(t.deps, { code: 'laub', name: { de: 'Laub', en: 'Leaves' } });
  for (const [categoryId, createdAt, status, at] of [
    [muell, '2026-01-05T09:00:00Z', 'done', 'mitte'],
    [muell, '2026-02-10T09:00:00Z', 'received', 'schildesche'],
    [laub, '2026-03-02T09:00:00Z', 'done', 'mitte'],
    [laub, '2026-05-20T09:00:00Z', 'in_progress', 'outside'],
  ] as const) {
    const r = await createReport(t.deps, { categoryId, createdAt: new Date(createdAt), status, ...points[at] });
    if (status === 'done') {
      await t.db.query(`UPDATE reports SET closed_at = created_at + interval '4 days' WHERE id = $1`, [r.id]);
    }
  }
  analyst = await createStaff(t, { role: 'analyst' });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

for (const javaScript of [true, false]) {
  it(`the figures page is accessible in German and English and filters by period (JavaScript ${
    javaScript ? 'on' : 'off'
  })`, { timeout: 90_000 }, async () => {
    const { page, context, foreign } = await openPage(browser, server.url, { javaScript });
    await page.goto(`${server.url}/admin/login`);
    await page.fill('#email', analyst.email);
    await page.fill('#password', analyst.password);
    await Promise.all([
      page.waitForURL((u) => !u.pathname.startsWith('/admin/login')),
      page.click('form.bs-form button'),
    ]);

    await page.click('nav.bs-admin-nav a[href="/admin/zahlen/meldungen"]');
    await page.waitForURL(/\/admin\/zahlen\/meldungen/);
    expect(await page.textContent('h1')).toBe('Zahlen zum Mängelmelder');
    await expectAccessible(page);

    await page.fill('#from', '2026-01');
    await page.fill('#to', '2026-03');
    await Promise.all([page.waitForURL(/from=2026-01&to=2026-03/), page.click('form.bs-filter button[type=submit]')]);
    const months = await page.locator('#by-month tbody th').allTextContents();
    expect(months).toEqual(['Januar 2026', 'Februar 2026', 'März 2026']);
    const counts = await page.locator('#by-month tbody td:nth-child(2)').allTextContents();
    expect(counts.map((c) => c.trim())).toEqual(['1', '1', '1']);
    expect(await page.textContent('#summary')).toContain('3');
    await expectAccessible(page);

    await page.goto(`${server.url}/admin/zahlen/meldungen?from=2026-01&to=2026-06&lang=en`);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.locator('#by-category caption').textContent()).toBe('Reports per category');
    expect(await page.locator('#by-district tbody th').allTextContents()).toContain('No district');
    await expectAccessible(page);

    // A reversed period: the message beside the field and in the summary, focusable by its link.
    await page.fill('#from', '2026-05');
    await page.fill('#to', '2026-01');
    await Promise.all([page.waitForURL(/from=2026-05/), page.click('form.bs-filter button[type=submit]')]);
    expect(await page.textContent('#to-error')).toContain('The “to” month must not be before the “from” month.');
    expect(await page.locator('.bs-error-summary a[href="#to"]').count()).toBe(1);
    await expectAccessible(page);

    expect(foreign).toEqual([]);
    await context.close();
  });
}
