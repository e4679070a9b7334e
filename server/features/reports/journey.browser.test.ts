import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, type LiveServer, launchBrowser, openPage, startServer } from '../../test/browser.js';
import { seedTestAddresses } from '../../test/factories/addresses.js';
import { createCategory, createTestDepartment } from '../../test/factories/reports.js';
import { createStaff, type TestStaff } from '../../test/factories/users.js';
import { type SmtpStub, startSmtp } from '../../test/smtp.js';

/**
 * The acceptance journey across every part of the Mängelmelder, in one browser: a citizen reports with a photo; a
 * second citizen nearby is offered the first report and supports it instead; the BSC forwards; the department
 * returns it once, then accepts it and closes it with a public note; the reporter gets the mail (the real job
 * worker, a real SMTP server in this process) and sees the history behind the status link. axe-core checks the
 * one page only this journey reaches (the status page with the whole history); every other page on the way is
 * checked in the same state by the intake and back-office browser tests (citizen.browser, admin.browser), so it
 * is not checked twice here.
 */

let browser: Browser;
let server: LiveServer;
let smtp: SmtpStub;
let photo: string;
let agent: TestStaff;
let clerk: TestStaff;
let deptId: number;

beforeAll(async () => {
  smtp = await startSmtp();
  [browser, server] = await Promise.all([
    launchBrowser(),
    startServer({
      env: { SMTP_URL: smtp.url, RATE_LIMIT_PUBLIC_WRITES_PER_MINUTE: '1000', JOBS_POLL_SECONDS: '0.5' },
    }),
  ]);
  const deps = server.t.deps;
  await seedTestAddresses(deps);
  deptId = await createTestDepartment(deps, 'Umweltbetrieb');
  await createTestDepartment(deps, 'Amt für Verkehr');
  const category = await createCategory(deps, { code: 'wilder-muell', name: { de: 'Wilder Müll', en: 'Fly-tipping' } });
  // The routing rule makes the Umweltbetrieb the suggestion for the BSC.
  await deps.db.query(
    `INSERT INTO report_routing_rules (municipality_id, category_id, department_id) VALUES ($1, $2, $3)`,
    [deps.config.municipality.id, category, deptId],
  );
  agent = await createStaff(server.t, { role: 'bsc_agent', displayName: 'Murat Yıldız' });
  clerk = await createStaff(server.t, { role: 'department_staff', departmentIds: [deptId], displayName: 'Jonas Berg' });
  photo = join(mkdtempSync(join(tmpdir(), 'bs-journey-')), 'muell.jpg');
  writeFileSync(
    photo,
    await sharp({ create: { width: 800, height: 600, channels: 3, background: '#6a5' } })
      .jpeg()
      .toBuffer(),
  );
  await server.t.queue.startWorker(pino({ level: 'silent' }));
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await smtp?.close();
});

const url = (path: string) => `${server.url}${path}`;

/** Category, a pin in the middle of the map (by keyboard), e-mail updates and consent. */
async function startReport(page: Page, email: string) {
  await page.goto(url('/melden'));
  await page.getByLabel('Wilder Müll').check();
  const map = page.getByRole('region', { name: 'Karte: Ort des Mangels wählen' });
  await map.focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => page.locator('input[name="lat"]').inputValue()).not.toBe('');
  await page.getByLabel('E-Mail-Adresse').fill(email);
  await page.getByLabel('Über Statusänderungen per E-Mail informieren').check();
  await page.getByLabel('Ich bin einverstanden, dass meine Kontaktdaten dafür gespeichert werden.').check();
  await expect.poll(() => page.locator('input[name="altcha"]').inputValue(), { timeout: 60_000 }).not.toBe('');
}

async function signIn(page: Page, user: TestStaff, path: string) {
  await page.goto(url(`/admin/login?next=${encodeURIComponent(path)}`));
  await page.getByLabel('E-Mail-Adresse').fill(user.email);
  await page.getByLabel('Passwort', { exact: true }).fill(user.password);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await page.waitForURL((u) => u.pathname === path);
}

async function reportRow(reference: string) {
  const { rows } = await server.t.db.query<{ id: number; status: string; supporter_count: number }>(
    'SELECT id, status, supporter_count FROM reports WHERE reference = $1',
    [reference],
  );
  return rows[0]!;
}

describe('the Mängelmelder from report to answer', () => {
  it('report, duplicate as supporter, forward, return, accept, done, mail, status link', async () => {
    // 1. A citizen reports with a photo.
    const citizen = await openPage(browser, server.url);
    const reporter = 'erika@example.org';
    await startReport(citizen.page, reporter);
    await citizen.page.getByLabel('Was ist los?').fill('Drei Säcke Müll und ein alter Fernseher am Straßenrand.');
    await citizen.page.getByLabel('Fotos').setInputFiles(photo);
    await citizen.page.getByRole('button', { name: 'Meldung absenden' }).click();
    await citizen.page.getByRole('heading', { level: 1, name: 'Vielen Dank für Ihre Meldung' }).waitFor();
    const reference = (await citizen.page.locator('[data-slot="reference"]').textContent()) ?? '';
    expect(reference).toMatch(/^BI-\d{4}-\d{6}$/);
    const statusPath =
      (await citizen.page.getByRole('link', { name: 'Bearbeitungsstand ansehen' }).getAttribute('href')) ?? '';
    const report = await reportRow(reference);

    // 2. A second citizen at the same place is offered that report and supports it instead of reporting again.
    const neighbour = await openPage(browser, server.url);
    await startReport(neighbour.page, 'nachbar@example.org');
    const duplicate = neighbour.page.locator('.bs-duplicate', { hasText: reference });
    await duplicate.waitFor();
    await duplicate.getByRole('button', { name: 'Das ist auch mein Anliegen' }).click();
    await neighbour.page.getByText(`Sie unterstützen jetzt die Meldung ${reference}.`).waitFor();
    expect(await reportRow(reference)).toMatchObject({ supporter_count: 1, status: 'received' });
    await neighbour.context.close();

    // 3. The BSC forwards it to the suggested department.
    const bsc = await openPage(browser, server.url);
    await signIn(bsc.page, agent, '/admin/meldungen');
    await bsc.page.getByRole('link', { name: reference, exact: true }).click();
    await bsc.page.locator('h1', { hasText: reference }).waitFor();
    expect(await bsc.page.getByLabel('Dienststelle', { exact: true }).inputValue()).toBe(String(deptId));
    await bsc.page.getByRole('button', { name: 'Weiterleiten' }).click();
    await bsc.page.getByRole('status').filter({ hasText: 'Die Meldung wurde weitergeleitet.' }).waitFor();

    // 4. The department returns it once, with a reason …
    const dept = await openPage(browser, server.url);
    await signIn(dept.page, clerk, '/admin/meldungen');
    await dept.page.getByRole('link', { name: reference, exact: true }).click();
    // The report page opens one action (here: accept); returning is one click on its summary away.
    await dept.page.locator('#aktion-return summary').click();
    await dept.page
      .getByLabel('Begründung', { exact: true })
      .fill('Bitte erst die Zuständigkeit für Fernseher klären.');
    await dept.page.getByRole('button', { name: 'Zurückgeben' }).click();
    await dept.page.getByRole('status').filter({ hasText: 'zurückgegeben' }).waitFor();
    expect((await reportRow(reference)).status).toBe('received');

    // … the BSC sees why and forwards again …
    await bsc.page.goto(url(`/admin/meldungen/${report.id}`));
    expect(await bsc.page.locator('main').textContent()).toContain(
      'Bitte erst die Zuständigkeit für Fernseher klären.',
    );
    await bsc.page.getByRole('button', { name: 'Weiterleiten' }).click();
    await bsc.page.getByRole('status').filter({ hasText: 'Die Meldung wurde weitergeleitet.' }).waitFor();
    await bsc.context.close();

    // … then the department accepts it and closes it with a public note.
    await dept.page.goto(url(`/admin/meldungen/${report.id}`));
    await dept.page.getByRole('button', { name: 'Annehmen' }).click();
    await dept.page.getByRole('status').filter({ hasText: 'Die Meldung wurde angenommen.' }).waitFor();
    const answer = 'Der Müll und der Fernseher wurden heute abgeholt. Danke für Ihre Meldung!';
    await dept.page.locator('#done-note').fill(answer);
    await dept.page.getByRole('button', { name: 'Als erledigt abschließen' }).click();
    await dept.page.getByRole('status').filter({ hasText: 'als erledigt abgeschlossen' }).waitFor();
    expect((await reportRow(reference)).status).toBe('done');
    await dept.context.close();

    // 5. The reporter (and the supporter who asked) get the answer by mail, with the status link.
    const mail = await smtp.waitFor((m) => m.to.includes(reporter) && m.text.includes(answer), 30_000);
    expect(mail.text).toContain(reference);
    expect(mail.text).toContain(statusPath);
    await smtp.waitFor((m) => m.to.includes('nachbar@example.org') && m.text.includes(answer), 30_000);

    // 6. The status link shows the whole public history, but nothing internal.
    await citizen.page.goto(url(statusPath));
    await citizen.page.getByRole('heading', { level: 1, name: `Ihre Meldung ${reference}` }).waitFor();
    const history = (await citizen.page.locator('main').textContent()) ?? '';
    expect(history).toContain(answer);
    expect(history).toContain('Erledigt');
    expect(history).not.toContain('Fernseher klären');
    await expectAccessible(citizen.page);
    expect(citizen.foreign).toEqual([]);
    await citizen.context.close();
  }, 300_000);
});
