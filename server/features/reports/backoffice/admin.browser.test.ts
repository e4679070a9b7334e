import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, type LiveServer, launchBrowser, openPage, startServer } from '../../../test/browser.js';
import { seedTestAddresses } from '../../../test/factories/addresses.js';
import {
  createCategory,
  createExternalBody,
  createReport,
  createTestDepartment,
  type TestReport,
} from '../../../test/factories/reports.js';
import { createStaff, type TestStaff } from '../../../test/factories/users.js';

let browser: Browser;
let server: LiveServer;
let admin: TestStaff;
let agent: TestStaff;
let clerk: TestStaff;
let deptA: number;
let categoryId: number;
let templateId: number;

beforeAll(async () => {
  [browser, server] = await Promise.all([launchBrowser(), startServer()]);
  const deps = server.t.deps;
  await seedTestAddresses(deps);
  deptA = await createTestDepartment(deps, 'Umweltbetrieb');
  await createTestDepartment(deps, 'Amt für Verkehr');
  await createExternalBody(deps, 'Deutsche Bahn');
  categoryId = await createCategory(deps, { code: 'wilder-muell', name: { de: 'Wilder Müll', en: 'Fly-tipping' } });
  admin = await createStaff(server.t, { role: 'admin', displayName: 'Katrin Albers' });
  agent = await createStaff(server.t, { role: 'bsc_agent', displayName: 'Murat Yıldız' });
  clerk = await createStaff(server.t, { role: 'department_staff', departmentIds: [deptA], displayName: 'Jonas Berg' });
  const { rows } = await server.t.db.query<{ id: number }>(
    `INSERT INTO report_note_templates (municipality_id, status, title, body) VALUES ($1, 'done', 'Müll beseitigt',
     $2) RETURNING id`,
    [
      server.t.config.municipality.id,
      JSON.stringify({ de: 'Der Müll wurde beseitigt. Danke!', en: 'The rubbish was removed. Thank you!' }),
    ],
  );
  templateId = rows[0]!.id;
  // An overdue one, so the list shows the words for it.
  await createReport(deps, { categoryId, createdAt: new Date(deps.now().getTime() - 40 * 86_400_000) });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const url = (path: string) => `${server.url}${path}`;

/** Opens an action's panel on the report page (a <details>; clicking an open one's summary would close it). */
async function openAction(page: Page, action: string) {
  if ((await page.locator(`#aktion-${action}`).getAttribute('open')) === null) {
    await page.locator(`#aktion-${action} summary`).click();
  }
}

async function signIn(page: Page, user: TestStaff, path: string, lang: 'de' | 'en' = 'de') {
  await page.goto(url(`/admin/login?lang=${lang}&next=${encodeURIComponent(path)}`));
  await page.getByLabel(lang === 'de' ? 'E-Mail-Adresse' : 'E-mail address').fill(user.email);
  await page.getByLabel(lang === 'de' ? 'Passwort' : 'Password', { exact: true }).fill(user.password);
  await page.getByRole('button', { name: lang === 'de' ? 'Anmelden' : 'Sign in' }).click();
  await page.waitForURL((u) => u.pathname === path.split('?')[0]);
}

const newReport = (o: Parameters<typeof createReport>[1] = {}): Promise<TestReport> =>
  createReport(server.t.deps, { categoryId, suggestedDepartmentId: deptA, photos: 1, ...o });

async function status(id: number): Promise<string> {
  const { rows } = await server.t.db.query<{ status: string }>('SELECT status FROM reports WHERE id = $1', [id]);
  return rows[0]!.status;
}

describe('report back office in the browser', () => {
  it('the BSC forwards, the department returns, accepts and closes with a template (German, JavaScript)', async () => {
    const report = await newReport({ description: 'Sperrmüll neben dem Glascontainer' });
    const { page, foreign, context } = await openPage(browser, server.url);
    await signIn(page, agent, '/admin/meldungen');
    expect(await page.locator('h1').textContent()).toBe('Meldungen');
    expect(await page.locator('tbody').textContent()).toContain('Überfällig');
    // The map loads the inbox's reports as links.
    await page.locator('.bs-map-marker__link').first().waitFor();
    await expectAccessible(page);

    await page.getByText('Filtern und sortieren').click();
    await page.getByRole('group', { name: 'Nur anzeigen' }).getByLabel('Überfällige Meldungen').check();
    await page.getByRole('button', { name: 'Filtern' }).click();
    await page.waitForURL((u) => u.searchParams.get('overdue') === '1');
    expect(await page.locator('tbody').textContent()).not.toContain(report.reference);
    await expectAccessible(page);
    await page.goto(url('/admin/meldungen/ueberfaellig'));
    await expectAccessible(page);

    await page.goto(url('/admin/meldungen'));
    await page.getByRole('link', { name: report.reference, exact: true }).click();
    await page.locator('h1', { hasText: report.reference }).waitFor();
    await expectAccessible(page);
    await page.getByLabel('Dienststelle', { exact: true }).selectOption('');
    await page.getByRole('button', { name: 'Weiterleiten' }).click();
    await page.locator('.bs-error-summary').waitFor();
    expect(await page.locator('#forward-departmentId-error').textContent()).toContain('Bitte wählen Sie');
    await expectAccessible(page);
    // The suggestion is preselected again once the form is reloaded.
    await page.goto(url(`/admin/meldungen/${report.id}`));
    expect(await page.getByLabel('Dienststelle', { exact: true }).inputValue()).toBe(String(deptA));
    await page.getByRole('button', { name: 'Weiterleiten' }).click();
    await page.getByRole('status').filter({ hasText: 'Die Meldung wurde weitergeleitet.' }).waitFor();
    expect(await status(report.id)).toBe('forwarded');
    await page.getByRole('button', { name: 'Foto freigeben' }).click();
    await page.getByRole('status').filter({ hasText: 'Die Prüfung des Fotos wurde gespeichert.' }).waitFor();
    await expectAccessible(page);
    await context.close();

    const dept = await openPage(browser, server.url);
    await signIn(dept.page, clerk, `/admin/meldungen/${report.id}`);
    await expectAccessible(dept.page);
    // Only the first action's form is open; the others open from their summary.
    expect(await dept.page.getByRole('button', { name: 'Zurückgeben' }).isVisible()).toBe(false);
    await openAction(dept.page, 'return');
    await dept.page.getByRole('button', { name: 'Zurückgeben' }).click();
    expect(await dept.page.locator('#return-reason-error').textContent()).toContain('Bitte geben Sie einen Text ein.');
    await expectAccessible(dept.page);
    await dept.page.getByLabel('Begründung', { exact: true }).fill('Das ist Sache des Amts für Verkehr.');
    await dept.page.getByRole('button', { name: 'Zurückgeben' }).click();
    // Back with the BSC: the department lands in its inbox, where the report is no longer listed.
    await dept.page.getByRole('status').filter({ hasText: 'an das BürgerServiceCenter zurückgegeben' }).waitFor();
    expect(new URL(dept.page.url()).pathname).toBe('/admin/meldungen');
    expect(await dept.page.locator('main').textContent()).not.toContain(report.reference);
    await expectAccessible(dept.page);
    expect(await status(report.id)).toBe('received');

    const bsc = await openPage(browser, server.url);
    await signIn(bsc.page, agent, `/admin/meldungen?q=${report.reference}`);
    expect(await bsc.page.locator('tbody').textContent()).toContain('Das ist Sache des Amts für Verkehr.');
    await bsc.page.goto(url(`/admin/meldungen/${report.id}`));
    await bsc.page.getByRole('button', { name: 'Weiterleiten' }).click();
    await bsc.page.getByRole('status').filter({ hasText: 'weitergeleitet' }).waitFor();
    await bsc.context.close();

    await dept.page.goto(url(`/admin/meldungen/${report.id}`));
    await dept.page.getByRole('button', { name: 'Annehmen' }).click();
    await dept.page.getByRole('status').filter({ hasText: 'Die Meldung wurde angenommen.' }).waitFor();
    // Inserting a template adds to what is typed, in place: no page load (a marker on the window survives).
    await openAction(dept.page, 'done');
    await dept.page.locator('#done-note').fill('Guten Tag,');
    await dept.page.evaluate(() => Object.assign(window, { notReloaded: true }));
    await dept.page.locator('#done-template').selectOption(String(templateId));
    await dept.page.locator('#aktion-done').getByRole('button', { name: 'Vorlage einsetzen' }).click();
    await dept.page.waitForFunction(
      () => (document.getElementById('done-note') as HTMLTextAreaElement).value !== 'Guten Tag,',
    );
    expect(await dept.page.locator('#done-note').inputValue()).toBe('Guten Tag,\n\nDer Müll wurde beseitigt. Danke!');
    expect(await dept.page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    await dept.page.locator('#done-note').fill('Der Müll wurde heute beseitigt. Danke!');
    await dept.page.getByRole('button', { name: 'Als erledigt abschließen' }).click();
    await dept.page.getByRole('status').filter({ hasText: 'als erledigt abgeschlossen' }).waitFor();
    expect(await status(report.id)).toBe('done');
    expect(await dept.page.locator('#history-heading + .bs-table-scroll').textContent()).toContain(
      'Der Müll wurde heute beseitigt. Danke!',
    );
    await expectAccessible(dept.page);
    expect([...foreign, ...dept.foreign]).toEqual([]);
    await dept.context.close();
  }, 240_000);

  it('every back-office report page and its form errors are accessible in English', async () => {
    const report = await newReport({ language: 'en', needsScreening: true });
    const { page, foreign, context } = await openPage(browser, server.url, { locale: 'en-GB' });
    await signIn(page, admin, '/admin/meldungen', 'en');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    const pages = [
      '/admin/meldungen',
      '/admin/meldungen?status=all&sort=due',
      '/admin/meldungen/ueberfaellig',
      `/admin/meldungen/${report.id}`,
      `/admin/meldungen/${report.id}?vorlage=${templateId}`,
      '/admin/meldungen/regeln',
      '/admin/meldungen/regeln/neu',
      '/admin/meldungen/vorlagen',
      '/admin/meldungen/vorlagen/neu',
      `/admin/meldungen/vorlagen/${templateId}`,
      '/admin/meldungen/externe-stellen',
      '/admin/meldungen/externe-stellen/neu',
    ];
    for (const path of pages) {
      await page.goto(url(path));
      expect(await page.getAttribute('html', 'lang'), path).toBe('en');
      await expectAccessible(page);
    }
    await page.goto(url(`/admin/meldungen/${report.id}`));
    await openAction(page, 'external');
    await page.getByRole('button', { name: 'Hand over' }).click();
    expect(await page.locator('.bs-error-summary').textContent()).toContain('Please choose an external body.');
    await expectAccessible(page);
    await page.goto(url('/admin/meldungen/regeln/neu'));
    await page.getByRole('button', { name: 'Create rule' }).click();
    expect(await page.locator('.bs-error-summary').textContent()).toContain('Please choose a category.');
    await expectAccessible(page);
    await page.goto(url('/admin/meldungen/vorlagen/neu'));
    await page.getByRole('button', { name: 'Create template' }).click();
    expect(await page.locator('.bs-error-summary').textContent()).toContain('Please enter a title.');
    await expectAccessible(page);
    await page.goto(url('/admin/meldungen/externe-stellen/neu'));
    await page.getByLabel('E-mail address').fill('broken');
    await page.getByRole('button', { name: 'Create external body' }).click();
    expect(await page.locator('.bs-error-summary').textContent()).toContain('Please enter a name.');
    await expectAccessible(page);
    expect(foreign).toEqual([]);
    await context.close();
  }, 240_000);

  it('inbox, start page and report page fit 1366×900 without horizontal scrolling, the due column in view', async () => {
    const report = await newReport({
      description: 'Straßenbeleuchtungsreparaturauftrag: Die Laterne vor dem Haus flackert seit Tagen.',
      needsScreening: true,
    });
    for (const javaScript of [true, false]) {
      const { page, foreign, context } = await openPage(browser, server.url, { javaScript });
      await page.setViewportSize({ width: 1366, height: 900 });
      await signIn(page, agent, '/admin/meldungen');
      for (const path of [
        '/admin',
        '/admin/meldungen',
        '/admin/meldungen?status=open',
        `/admin/meldungen/${report.id}`,
      ]) {
        await page.goto(url(path));
        const fits = await page.evaluate(
          () => document.documentElement.scrollWidth <= document.documentElement.clientWidth,
        );
        expect(fits, `${path} (JavaScript ${javaScript})`).toBe(true);
        await expectAccessible(page);
      }
      await page.goto(url('/admin/meldungen?status=open'));
      const due = page.locator('thead th', { hasText: 'Fällig' });
      const box = await due.boundingBox();
      expect(box && box.x + box.width <= 1366).toBe(true);
      const scroll = page.locator('.bs-table-scroll').first();
      expect(await scroll.evaluate((e) => e.scrollWidth <= e.clientWidth)).toBe(true);
      // The report page: the report first, the actions beside it, one status badge, "Prüfung nötig" explained.
      await page.goto(url(`/admin/meldungen/${report.id}`));
      expect(await page.locator('.bs-report-status .kern-badge--info').count()).toBe(1);
      expect(await page.locator('main').textContent()).toContain('ohne Spamschutz-Prüfung gesendet');
      const main = await page.locator('.bs-report-layout__main').boundingBox();
      const aside = await page.locator('.bs-report-layout__aside').boundingBox();
      expect(main && aside && aside.x > main.x && aside.y - main.y < 50).toBe(true);
      expect(await page.locator('details.bs-report-action[open]').count()).toBe(1);
      expect(foreign).toEqual([]);
      await context.close();
    }
  }, 240_000);

  it('works the same without JavaScript: filter, forward, notes, template, rules', async () => {
    const report = await newReport({ description: 'Altreifen am Waldrand' });
    const { page, foreign, context } = await openPage(browser, server.url, { javaScript: false });
    await signIn(page, agent, '/admin/meldungen');
    expect(await page.locator('[data-reports-map] .bs-report-map__fallback').isVisible()).toBe(true);
    await page.getByText('Filtern und sortieren').click();
    await page.getByLabel('Suche').fill('Altreifen');
    await page.getByRole('button', { name: 'Filtern' }).click();
    await page.waitForURL((u) => u.searchParams.get('q') === 'Altreifen');
    expect(await page.locator('tbody tr').count()).toBe(1);
    await expectAccessible(page);
    await page.getByRole('link', { name: report.reference, exact: true }).click();
    await openAction(page, 'note');
    await page.getByRole('button', { name: 'Notiz speichern' }).click();
    expect(await page.locator('#note-note-error').textContent()).toContain('Bitte geben Sie einen Text ein.');
    await expectAccessible(page);
    await page.locator('#note-note').fill('Ortstermin am Montag.');
    await page.getByRole('button', { name: 'Notiz speichern' }).click();
    await page.getByRole('status').filter({ hasText: 'Die interne Notiz wurde gespeichert.' }).waitFor();
    // Without JavaScript "insert template" goes to the server, which shows the page again with both texts.
    await openAction(page, 'done');
    await page.locator('#done-note').fill('Guten Tag,');
    await page.locator('#done-template').selectOption(String(templateId));
    await page.locator('#aktion-done').getByRole('button', { name: 'Vorlage einsetzen' }).click();
    await page.waitForURL((u) => u.pathname.endsWith('/vorlage'));
    expect(await page.locator('#done-note').inputValue()).toBe('Guten Tag,\n\nDer Müll wurde beseitigt. Danke!');
    expect(await status(report.id)).toBe('received');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Als erledigt abschließen' }).click();
    await page.getByRole('status').filter({ hasText: 'als erledigt abgeschlossen' }).waitFor();
    expect(await status(report.id)).toBe('done');
    await expectAccessible(page);
    await context.close();

    const adminPage = await openPage(browser, server.url, { javaScript: false });
    await signIn(adminPage.page, admin, '/admin/meldungen/regeln/neu');
    await adminPage.page.getByLabel('Kategorie').selectOption(String(categoryId));
    await adminPage.page.getByLabel('Zuständige Dienststelle').selectOption(String(deptA));
    await adminPage.page.getByLabel('Beim Eingang automatisch weiterleiten').check();
    await adminPage.page.getByRole('button', { name: 'Regel anlegen' }).click();
    await adminPage.page.getByRole('status').filter({ hasText: 'Die Regel wurde angelegt.' }).waitFor();
    expect(await adminPage.page.locator('tbody').textContent()).toContain('automatisch weiterleiten');
    await expectAccessible(adminPage.page);
    expect([...foreign, ...adminPage.foreign]).toEqual([]);
    await adminPage.context.close();
  }, 240_000);
});
