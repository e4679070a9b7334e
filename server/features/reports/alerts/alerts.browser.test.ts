import pino from 'pino';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverPending } from '../../../platform/push/index.js';
import { expectAccessible, type LiveServer, launchBrowser, openPage, startServer } from '../../../test/browser.js';
import { seedTestAddresses } from '../../../test/factories/addresses.js';
import { createReport } from '../../../test/factories/reports.js';
import { type LocalPushService, startPushService } from '../../../test/push-service.js';
import { type ReceivedMail, type SmtpStub, startSmtp } from '../../../test/smtp.js';

// The area alert by e-mail, as a citizen without JavaScript meets it: from the public list to the subscribe form,
// the confirmation mail (the real job worker, a real SMTP server in this process), the confirm button, a new public
// report, the digest job (pinned clock), the digest mail, and unsubscribing in one click; then nothing more.

const log = pino({ level: 'silent' });
const day = 24 * 3600 * 1000;

let browser: Browser;
let server: LiveServer;
let smtp: SmtpStub;
let push: LocalPushService;

beforeAll(async () => {
  [smtp, push] = await Promise.all([startSmtp(), startPushService({ protocol: 'http' })]);
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
  await push?.close();
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

  it('with JavaScript: subscribes this browser by push, and a new public report arrives there', async () => {
    // Headless Chromium reaches no real push service: PushManager.subscribe hands back a subscription of the local
    // push service instead; permission, service worker, VAPID key, the POST and the delivery are real.
    const { page, context, foreign } = await openPage(browser, server.url, { locale: 'en-GB' });
    await context.grantPermissions(['notifications'], { origin: server.url });
    const receiver = push.subscribe();
    await context.addInitScript(
      (sub) => {
        PushManager.prototype.getSubscription = async () => null;
        PushManager.prototype.subscribe = async () =>
          ({ endpoint: sub.endpoint, toJSON: () => ({ ...sub, expirationTime: null }) }) as unknown as PushSubscription;
      },
      { endpoint: receiver.endpoint, keys: receiver.keys },
    );
    await page.goto(url('/meldungen/benachrichtigungen?lang=en'));
    const byPush = page.getByRole('region', { name: 'By push on this device' });
    const form = byPush.locator('form[data-push-form]');
    await form.waitFor({ state: 'visible' });
    expect(await page.getByText('Push messages need JavaScript').isVisible()).toBe(false);
    await expectAccessible(page);

    await byPush.getByLabel('The area around an address').check();
    await byPush.getByRole('combobox', { name: 'Address' }).fill('Herforder Straße 1');
    await byPush.getByRole('combobox', { name: 'Distance' }).selectOption({ label: '250 m' });
    await form.getByRole('button', { name: 'Notify me by push' }).click();
    await byPush.locator('[data-push-status]').getByText('This device now gets new reports by push.').waitFor();
    await expectAccessible(page);

    const t = server.t;
    const near = await createReport(t.deps, { lat: 52.0205, lon: 8.535 });
    await createReport(t.deps, { lat: 52.045, lon: 8.53 });
    expect(await t.queue.runNow('reports.alert-push', {}, { dryRun: false, log })).toEqual({ queued: 1 });
    await deliverPending(t.deps);
    const arrived = push.received.filter((m) => m.subscriptionId === receiver.id).map((m) => JSON.parse(m.payload));
    expect(arrived).toEqual([
      expect.objectContaining({
        title: 'New report: 250 m around Herforder Straße 1',
        url: `${t.config.publicUrl}/meldungen/${near.reference}`,
      }),
    ]);
    expect(foreign).toEqual([]);
    await context.close();
  });
});
