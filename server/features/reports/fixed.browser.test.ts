import pino from 'pino';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffPrincipal } from '../../platform/auth/types.js';
import { expectAccessible, type LiveServer, launchBrowser, openPage, startServer } from '../../test/browser.js';
import { createCategory, createReport, createTestDepartment } from '../../test/factories/reports.js';
import { createStaff, type TestStaff } from '../../test/factories/users.js';
import { type SmtpStub, startSmtp } from '../../test/smtp.js';
import { acceptReport, addPublicNote, completeReport } from './backoffice/workflow-service.js';

// The reporter's side after closing, in a real Chromium: the status page shows who handles the report, their own
// photos and every public note; closed as done, the status mail asks "Ist es behoben?", and "no" with a comment on
// the status page (with and without JavaScript, German and English) puts the report back into the BSC's inbox.

const shots = process.env.SCREENSHOT_DIR;
let browser: Browser;
let server: LiveServer;
let smtp: SmtpStub;
let agent: TestStaff;
let bsc: StaffPrincipal;
let dept: number;
let categoryId: number;

beforeAll(async () => {
  smtp = await startSmtp();
  [browser, server] = await Promise.all([
    launchBrowser(),
    startServer({
      now: '2026-12-07T09:00:00Z',
      env: { SMTP_URL: smtp.url, RATE_LIMIT_PUBLIC_WRITES_PER_MINUTE: '1000', JOBS_POLL_SECONDS: '0.5' },
    }),
  ]);
  const deps = server.t.deps;
  dept = await createTestDepartment(deps, 'Umweltbetrieb');
  categoryId = await createCategory(deps, { code: 'wilder-muell', name: { de: 'Wilder Müll', en: 'Fly-tipping' } });
  agent = await createStaff(server.t, { role: 'bsc_agent', displayName: 'Murat Yıldız' });
  bsc = {
    id: agent.id,
    municipalityId: deps.config.municipality.id,
    email: agent.email,
    displayName: 'Murat Yıldız',
    role: 'bsc_agent',
    departmentIds: [],
  };
  await server.t.queue.startWorker(pino({ level: 'silent' }));
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await smtp?.close();
});

const url = (path: string) => `${server.url}${path}`;

describe('the private status page', () => {
  it('shows the department, all of the reporter’s own photos and every public note', async () => {
    const report = await createReport(server.t.deps, {
      categoryId,
      status: 'forwarded',
      departmentId: dept,
      photos: 2,
      photoReview: 'pending',
    });
    await acceptReport(server.t.deps, bsc, report.id, { note: 'Wir kümmern uns diese Woche darum.' });
    await addPublicNote(server.t.deps, bsc, report.id, { note: 'Der Bauhof ist für Donnerstag eingeplant.' });
    const { page, context, foreign } = await openPage(browser, server.url);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(url(`/meldungen/status/${report.statusToken}`));
    await expect.poll(() => page.locator('[data-handler]').textContent()).toBe('Umweltbetrieb');
    const photos = page.locator('[data-own-photos] img');
    expect(await photos.count()).toBe(2);
    // Photos still awaiting review are the reporter's own: they load through the status link.
    await expect
      .poll(() => photos.evaluateAll((imgs) => imgs.map((i) => (i as HTMLImageElement).naturalWidth > 0)))
      .toEqual([true, true]);
    const history = await page.locator('.bs-timeline').textContent();
    expect(history).toContain('Wir kümmern uns diese Woche darum.');
    expect(history).toContain('Der Bauhof ist für Donnerstag eingeplant.');
    expect(await page.locator('#behoben').count()).toBe(0);
    await expectAccessible(page);
    if (shots) await page.screenshot({ path: `${shots}/status-page-phone.png`, fullPage: true });
    expect(foreign).toEqual([]);
    await context.close();
  });
});

describe('"Ist es behoben?" → no → back in the BSC inbox', () => {
  for (const [javaScript, lang] of [
    [true, 'de'],
    [false, 'en'],
  ] as const) {
    it(`${javaScript ? 'with' : 'without'} JavaScript, in ${lang === 'de' ? 'German' : 'English'}`, async () => {
      const email = `fixed-${lang}@example.org`;
      const report = await createReport(server.t.deps, {
        categoryId,
        status: 'accepted',
        departmentId: dept,
        reporterEmail: email,
        language: lang,
      });
      await completeReport(server.t.deps, bsc, report.id, { note: 'Der Müll wurde abgeholt.' });

      // The status mail (real job worker, SMTP in this process) asks and links to the question.
      const mail = await smtp.waitFor((m) => m.to.includes(email) && m.text.includes('#behoben'));
      const link = /(https?:\/\/\S+#behoben)/.exec(mail.text)?.[1] ?? '';
      expect(link).toContain(`/meldungen/status/${report.statusToken}`);
      expect(mail.text).toContain(lang === 'de' ? 'Ist es behoben?' : 'Is it fixed?');

      const { page, context, foreign } = await openPage(browser, server.url, {
        javaScript,
        locale: lang === 'de' ? 'de-DE' : 'en-GB',
      });
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(url(`${new URL(link).pathname}?lang=${lang}#behoben`));
      const t =
        lang === 'de'
          ? { no: 'Nein, es ist nicht behoben', comment: 'Was ist noch nicht in Ordnung?', send: 'Antwort senden' }
          : { no: 'No, it is not fixed', comment: 'What is still wrong?', send: 'Send answer' };
      await page.getByRole('heading', { name: lang === 'de' ? 'Ist es behoben?' : 'Is it fixed?' }).waitFor();
      await expectAccessible(page);
      if (shots) await page.screenshot({ path: `${shots}/fixed-question-${lang}-phone.png`, fullPage: true });

      // "No" without a comment: the message beside the field, nothing changed.
      await page.getByLabel(t.no).check();
      await page.getByRole('button', { name: t.send }).click();
      await page.locator('#comment-error').waitFor();
      expect(await page.locator('#comment-error').textContent()).toContain(
        lang === 'de' ? 'Bitte beschreiben Sie kurz' : 'Please describe briefly',
      );
      await expectAccessible(page);
      expect((await server.t.db.query('SELECT status FROM reports WHERE id = $1', [report.id])).rows[0]).toEqual({
        status: 'done',
      });

      await page.getByLabel(t.comment).fill('Hinter dem Container liegen noch drei Säcke.');
      await page.getByRole('button', { name: t.send }).click();
      await page.waitForURL((u) => u.searchParams.get('behoben') === 'nein');
      await page.getByText(lang === 'de' ? 'Ihre Meldung ist wieder geöffnet' : 'Your report is open again').waitFor();
      await expectAccessible(page);
      if (shots) await page.screenshot({ path: `${shots}/fixed-${lang}-${javaScript ? 'js' : 'nojs'}-phone.png` });
      expect(foreign).toEqual([]);
      await context.close();

      // The BSC sees it in the inbox again, marked as not fixed, with the reporter's comment.
      const staff = await openPage(browser, server.url);
      await staff.page.setViewportSize({ width: 1366, height: 900 });
      await staff.page.goto(url('/admin/login?next=%2Fadmin%2Fmeldungen'));
      await staff.page.getByLabel('E-Mail-Adresse').fill(agent.email);
      await staff.page.getByLabel('Passwort', { exact: true }).fill(agent.password);
      await staff.page.getByRole('button', { name: 'Anmelden' }).click();
      await staff.page.waitForURL((u) => u.pathname === '/admin/meldungen');
      const row = staff.page.locator('tr', { has: staff.page.getByRole('link', { name: report.reference }) });
      await row.waitFor();
      const text = await row.textContent();
      expect(text).toContain('Nicht behoben (Rückmeldung)');
      expect(text).toContain('Hinter dem Container liegen noch drei Säcke.');
      expect(text).toContain('Eingegangen');
      await expectAccessible(staff.page);
      expect(staff.foreign).toEqual([]);
      await staff.context.close();
    });
  }
});
