import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, type LiveServer, launchBrowser, openPage, startServer } from '../../test/browser.js';
import { createStaff, type TestStaff } from '../../test/factories/users.js';

let browser: Browser;
let server: LiveServer;
let admin: TestStaff;
let departmentId: number;

beforeAll(async () => {
  [browser, server] = await Promise.all([launchBrowser(), startServer()]);
  admin = await createStaff(server.t, { role: 'admin', displayName: 'Katrin Albers' });
  const { rows } = await server.t.db.query<{ id: number }>(
    `INSERT INTO departments (municipality_id, slug, name, email) VALUES ($1, 'umweltbetrieb', 'Umweltbetrieb',
     'umweltbetrieb@example.org') RETURNING id`,
    [server.t.config.municipality.id],
  );
  departmentId = Number(rows[0]!.id);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const url = (path: string) => `${server.url}${path}`;

async function signIn(
  page: Page,
  user: { email: string; password: string },
  text: { email: string; password: string; submit: string },
) {
  await page.getByLabel(text.email).fill(user.email);
  await page.getByLabel(text.password, { exact: true }).fill(user.password);
  await page.getByRole('button', { name: text.submit }).click();
}

async function createAgent(page: Page, email: string) {
  await page.getByRole('navigation', { name: 'Back-Office' }).getByRole('link', { name: 'Benutzerkonten' }).click();
  await page.getByRole('link', { name: 'Konto anlegen' }).click();
  await page.getByLabel('Name', { exact: true }).fill('Murat Yıldız');
  await page.getByLabel('E-Mail-Adresse').fill(email);
  await page.getByLabel('BürgerServiceCenter').check();
  await page.getByRole('button', { name: 'Konto anlegen' }).click();
  await page.locator('h1', { hasText: 'Konto angelegt' }).waitFor();
  expect(await page.locator('#one-time-password').textContent()).toMatch(/^[A-Za-z2-9]{5}(-[A-Za-z2-9]{5}){3}$/);
}

async function seeInAuditLog(page: Page, email: string) {
  await page.getByRole('navigation', { name: 'Back-Office' }).getByRole('link', { name: 'Protokoll' }).click();
  await page.getByLabel('Aktion').selectOption('user.create');
  await page.getByRole('button', { name: 'Filtern' }).click();
  const row = page.locator('tbody tr', { hasText: email });
  await page.waitForURL((u) => u.searchParams.get('action') === 'user.create');
  expect(await row.count()).toBe(1);
  expect(await row.textContent()).toContain('Katrin Albers');
  expect(await row.textContent()).toContain('Konto angelegt');
  expect(await row.locator('time').getAttribute('datetime')).toMatch(/^\d{4}-\d{2}-\d{2}T/);
}

const de = { email: 'E-Mail-Adresse', password: 'Passwort', submit: 'Anmelden' };

describe('back office in the browser', () => {
  it('an admin signs in, creates a BSC agent and sees it in the audit log (accessible, no foreign requests)', async () => {
    const { page, foreign, context } = await openPage(browser, server.url);
    await page.goto(url('/admin'));
    expect(new URL(page.url()).pathname).toBe('/admin/login');
    expect(await page.getAttribute('html', 'lang')).toBe('de');
    await expectAccessible(page);

    await signIn(page, { email: admin.email, password: 'falsches Passwort' }, de);
    await page.locator('.bs-error-summary').waitFor();
    await expectAccessible(page);
    await signIn(page, admin, de);
    await page.waitForURL(url('/admin'));
    expect(await page.locator('h1').textContent()).toBe('Guten Tag, Katrin Albers');
    await expectAccessible(page);

    await page.getByRole('navigation', { name: 'Back-Office' }).getByRole('link', { name: 'Benutzerkonten' }).click();
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Konto anlegen' }).click();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Konto anlegen' }).click();
    await page.locator('.bs-error-summary').waitFor();
    await expectAccessible(page);

    await createAgent(page, 'murat.yildiz@example.org');
    await expectAccessible(page);
    await page.goto(url('/admin/users'));
    expect(await page.locator('tbody').textContent()).toContain('murat.yildiz@example.org');

    await seeInAuditLog(page, 'murat.yildiz@example.org');
    await expectAccessible(page);

    for (const path of [
      '/admin/departments',
      '/admin/departments/new',
      `/admin/departments/${departmentId}`,
      '/admin/account',
    ]) {
      await page.goto(url(path));
      await expectAccessible(page);
    }
    expect(foreign).toEqual([]);
    await context.close();
  }, 180_000);

  it('every back-office page is accessible in English', async () => {
    const { page, foreign, context } = await openPage(browser, server.url, { locale: 'en-GB' });
    await page.goto(url('/admin/login?lang=en'));
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.locator('h1').textContent()).toBe('Sign in');
    await expectAccessible(page);
    await signIn(page, admin, { email: 'E-mail address', password: 'Password', submit: 'Sign in' });
    await page.waitForURL(url('/admin'));
    expect(await page.locator('h1').textContent()).toBe('Hello, Katrin Albers');
    const pages = [
      '/admin',
      '/admin/users',
      '/admin/users/new',
      `/admin/users/${admin.id}`,
      '/admin/departments',
      '/admin/departments/new',
      `/admin/departments/${departmentId}`,
      '/admin/audit',
      '/admin/audit?from=2026-01-32',
      '/admin/account',
    ];
    for (const path of pages) {
      await page.goto(url(path));
      expect(await page.getAttribute('html', 'lang'), path).toBe('en');
      await expectAccessible(page);
    }
    await page.goto(url('/admin/users/new'));
    await page.getByRole('button', { name: 'Create account' }).click();
    expect(await page.locator('.bs-error-summary').textContent()).toContain('Please enter a name.');
    await expectAccessible(page);
    expect(foreign).toEqual([]);
    await context.close();
  }, 180_000);

  it('works the same with JavaScript disabled', async () => {
    const { page, foreign, context } = await openPage(browser, server.url, { javaScript: false });
    await page.goto(url('/admin/users'));
    expect(new URL(page.url()).searchParams.get('next')).toBe('/admin/users');
    await signIn(page, admin, de);
    await page.waitForURL(url('/admin/users'));
    await createAgent(page, 'ohne.javascript@example.org');
    await seeInAuditLog(page, 'ohne.javascript@example.org');
    await page.getByRole('button', { name: 'Abmelden' }).click();
    await page.waitForURL(url('/admin/login?loggedOut=1'));
    expect(await page.getByRole('status').textContent()).toContain('Sie haben sich abgemeldet.');
    await page.goto(url('/admin'));
    expect(new URL(page.url()).pathname).toBe('/admin/login');
    expect(foreign).toEqual([]);
    await context.close();
  }, 180_000);
});
