import pino from 'pino';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, type LiveServer, launchBrowser, openPage, startServer } from '../../../test/browser.js';
import { seedTestAddresses } from '../../../test/factories/addresses.js';
import { createReport } from '../../../test/factories/reports.js';
import { type ReceivedMail, type SmtpStub, startSmtp } from '../../../test/smtp.js';

// The area alert by e-mail, as a citizen without JavaScript meets it: from the public list to the subscribe form,
// the confirmation mail (the real job worker, a real SMTP server in this process), the confirm button, a new public
// report, the digest job (pinned clock), the digest mail, and unsubscribing in one click; then nothing more.

const log = pino({ level: 'silent' });
const day = 24 * 3600 * 1000;

let browser: Browser;
let server: LiveServer;
let smtp: SmtpStub;

beforeAll(async () => {
  smtp = await startSmtp();
  [browser, server] = await Promise.all([
    launchBrowser(),
    startServer({
      now: '2026-03-02T06:00:00Z',
      env: { SMTP_URL: smtp.url, RATE_LIMIT_PUBLIC_WRITES_PER_MINUTE: '1000', JOBS_POLL_SECONDS: '0.5' },
    }),
  ]);
  await seedTestAddresses(server.t.deps);
  await server.t.queue.startWorker(log);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await smtp?.close();
});

const url = (path: string) => `${server.url}${path}`;
/** The path of a link in a mail (links use the configured public URL; the browser goes to this server). */
const pathIn = (text: string, pattern: RegExp) => {
  const found = pattern.exec(text)?.[0];
  return found ? new URL(found).pathname : undefined;
};
const oneClickOf = (m: ReceivedMail) =>
  /^List-Unsubscribe: <([^>]+)>$/m.exec(m.raw.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, ' '))?.[1];

describe('area alert by e-mail without JavaScript', () => {
  it('subscribe → confirm → digest lists the new public report → one-click unsubscribe → no further mail', async () => {
    const email = 'nachbarin@example.org';
    const { page, context, foreign } = await openPage(browser, server.url, { javaScript: false });

    await page.goto(url('/meldungen'));
    await page.getByRole('link', { name: 'Über neue Meldungen in Ihrer Nähe benachrichtigt werden' }).click();
    await page.getByRole('heading', { level: 1, name: 'Benachrichtigung über neue Meldungen' }).waitFor();
    // Without JavaScript the push form stays hidden and the page says why.
    expect(await page.locator('form[data-push-form]').isHidden()).toBe(true);
    await page.getByText('Push-Nachrichten brauchen JavaScript').waitFor();
    await expectAccessible(page);

    // A mistake first: the message stands beside the field, the choice is kept.
    const byMail = page.getByRole('region', { name: 'Per E-Mail' });
    await byMail.getByLabel('Einen Stadtbezirk').check();
    await byMail.getByRole('combobox', { name: 'Stadtbezirk' }).selectOption({ label: 'Mitte' });
    await byMail.getByRole('textbox', { name: 'E-Mail-Adresse' }).fill('nachbarin-at-example.org');
    await byMail.getByRole('button', { name: 'Per E-Mail benachrichtigen' }).click();
    await page.locator('#email-error').filter({ hasText: 'name@beispiel.de' }).waitFor();
    await expectAccessible(page);
    expect(await byMail.getByRole('combobox', { name: 'Stadtbezirk' }).inputValue()).not.toBe('');
    await byMail.getByRole('textbox', { name: 'E-Mail-Adresse' }).fill(email);
    await byMail.getByRole('button', { name: 'Per E-Mail benachrichtigen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Bitte bestätigen Sie Ihre E-Mail-Adresse' }).waitFor();
    await expectAccessible(page);

    const confirmation = await smtp.waitFor((m) => m.to.includes(email), 60_000);
    expect(confirmation.subject).toBe('Bitte bestätigen Sie Ihre Benachrichtigung über neue Meldungen');
    const manage = pathIn(confirmation.text, /https?:\/\/\S+\/meldungen\/benachrichtigungen\/[A-Za-z0-9_-]{43}/)!;
    expect(manage).toBeDefined();
    await page.goto(url(manage));
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Ja, benachrichtigen Sie mich' }).click();
    await page.getByRole('status').filter({ hasText: 'Danke, die Benachrichtigung ist eingeschaltet.' }).waitFor();
    await expectAccessible(page);

    // A new public report in Mitte, one outside; the digest job runs on the pinned clock.
    const t = server.t;
    const report = await createReport(t.deps, { lat: 52.015, lon: 8.53 });
    const elsewhere = await createReport(t.deps, { lat: 52.045, lon: 8.53 });
    expect(await t.queue.runNow('reports.alert-digest', {}, { dryRun: false, log })).toMatchObject({ mails: 1 });
    const digest = await smtp.waitFor((m) => m.to.includes(email) && m.subject === '1 neue Meldung in Ihrer Nähe');
    expect(digest.text).toContain(report.reference);
    expect(digest.text).not.toContain(elsewhere.reference);
    const reportPath = pathIn(digest.text, /https?:\/\/\S+\/meldungen\/[A-Z]+-\d{4}-\d+/)!;
    expect(reportPath).toBe(`/meldungen/${report.reference}`);
    await page.goto(url(reportPath));
    await page.getByText(report.reference).first().waitFor();

    // The mail's own link leads to the alert's page with the end buttons.
    const mailManage = pathIn(digest.text, /https?:\/\/\S+\/meldungen\/benachrichtigungen\/[A-Za-z0-9_-]{43}/)!;
    expect(mailManage).toBe(manage);
    await page.goto(url(mailManage));
    await page.getByRole('button', { name: 'Diese Benachrichtigung beenden' }).waitFor();

    // One click in the mail client (RFC 8058): a POST to the header's URL.
    const oneClick = new URL(oneClickOf(digest)!);
    const answer = await fetch(url(oneClick.pathname), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(answer.status).toBe(200);
    await page.reload();
    await page.getByText('Beendet', { exact: true }).waitFor();
    expect(await page.getByRole('button', { name: 'Diese Benachrichtigung beenden' }).count()).toBe(0);
    await expectAccessible(page);

    // The next day: a new public report, the digest runs, nothing goes to this address.
    t.clock.advance(day);
    await createReport(t.deps, { lat: 52.016, lon: 8.53 });
    expect(await t.queue.runNow('reports.alert-digest', {}, { dryRun: false, log })).toMatchObject({ mails: 0 });
    expect(smtp.messages.filter((m) => m.to.includes(email))).toHaveLength(2);
    expect(foreign).toEqual([]);
    await context.close();
  });

  it('with JavaScript the page offers push where the browser can receive it, and stays accessible', async () => {
    const { page, context, foreign } = await openPage(browser, server.url, { locale: 'en-GB' });
    await page.goto(url('/meldungen/benachrichtigungen?lang=en'));
    await page.getByRole('heading', { level: 1, name: 'Notifications about new reports' }).waitFor();
    await expect
      .poll(
        async () =>
          (await page.locator('form[data-push-form]').isVisible()) ||
          (await page.getByText('This browser cannot receive push messages').isVisible()),
      )
      .toBe(true);
    expect(await page.getByText('Push messages need JavaScript').isVisible()).toBe(false);
    await expectAccessible(page);
    expect(foreign).toEqual([]);
    await context.close();
  });
});
