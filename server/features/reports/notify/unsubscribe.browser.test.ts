import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, type LiveServer, launchBrowser, openPage, startServer } from '../../../test/browser.js';
import { createReport } from '../../../test/factories/reports.js';
import { supporterUnsubscribeToken } from '../core/subscriptions.js';

let browser: Browser;
let server: LiveServer;
beforeAll(async () => {
  [browser, server] = await Promise.all([
    launchBrowser(),
    startServer({ env: { RATE_LIMIT_PUBLIC_WRITES_PER_MINUTE: '1000' } }),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const notify = async (sql: string, id: number) => (await server.t.db.query<{ n: boolean }>(sql, [id])).rows[0]!.n;

describe('unsubscribing without JavaScript', () => {
  it('the reporter turns status mails off and on again on the status page', async () => {
    const report = await createReport(server.t.deps, { reporterEmail: 'browser-reporter@example.org' });
    const { page, context, foreign } = await openPage(browser, server.url, { javaScript: false });
    await page.goto(`${server.url}/meldungen/status/${report.statusToken}`);
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Keine E-Mails mehr zu dieser Meldung' }).click();
    await page.getByRole('status').filter({ hasText: 'Sie bekommen keine E-Mails mehr' }).waitFor();
    expect(await notify('SELECT notify_email AS n FROM reports WHERE id = $1', report.id)).toBe(false);
    await expectAccessible(page);
    await page.getByRole('button', { name: 'E-Mails wieder einschalten' }).click();
    await page.getByRole('status').filter({ hasText: 'Sie bekommen wieder E-Mails' }).waitFor();
    expect(await notify('SELECT notify_email AS n FROM reports WHERE id = $1', report.id)).toBe(true);
    expect(foreign).toEqual([]);
    await context.close();
  });

  it('a supporter confirms on the page behind the mail’s link', async () => {
    const report = await createReport(server.t.deps, { reporterEmail: null, notifyEmail: false });
    const { rows } = await server.t.db.query<{ id: number }>(
      `INSERT INTO report_supporters (municipality_id, report_id, email, notify_email, email_confirmed_at)
       VALUES ((SELECT municipality_id FROM reports WHERE id = $1), $1, 'browser-fan@example.org', true, now())
       RETURNING id`,
      [report.id],
    );
    const supporterId = Number(rows[0]!.id);
    const token = await supporterUnsubscribeToken(server.t.deps, supporterId);
    const { page, context } = await openPage(browser, server.url, { javaScript: false });
    await page.goto(`${server.url}/meldungen/abbestellen/${token}`);
    await expectAccessible(page);
    expect(await notify('SELECT notify_email AS n FROM report_supporters WHERE id = $1', supporterId)).toBe(true);
    await page.getByRole('button', { name: 'Keine E-Mails mehr zu dieser Meldung' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `keine E-Mails mehr zur Meldung ${report.reference}` })
      .waitFor();
    expect(await notify('SELECT notify_email AS n FROM report_supporters WHERE id = $1', supporterId)).toBe(false);
    await expectAccessible(page);
    await context.close();
  });
});
