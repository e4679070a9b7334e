import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { createReport } from '../../../test/factories/reports.js';
import { type SmtpStub, startSmtp } from '../../../test/smtp.js';

// A cap of mails per citizen address and local day (issue 7 §2), counted in the database where every mail to a
// citizen is sent, so no flood of reports or supports reaches one inbox.

const log = pino({ level: 'silent' });
let smtp: SmtpStub;
let t: TestApp;
beforeAll(async () => {
  smtp = await startSmtp();
  t = await buildTestApp({ env: { SMTP_URL: smtp.url, MAIL_MAX_PER_RECIPIENT_PER_DAY: '3' } });
  // 10:00 in Bielefeld: the whole test stays on one local day.
  t.clock.now = new Date('2026-06-10T08:00:00Z');
});
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

async function receiptOf(email: string) {
  const report = await createReport(t.deps, { reporterEmail: email });
  const { rows } = await t.db.query<{ id: number }>(
    `SELECT id FROM report_events WHERE report_id = $1 AND kind = 'created'`,
    [report.id],
  );
  return t.queue.runNow('reports.notify-status', { eventId: Number(rows[0]!.id) }, { dryRun: false, log });
}

const mailsTo = (address: string) =>
  smtp.messages.filter((m) => m.to.some((to) => to.trim().toLowerCase() === address));

describe('mails per citizen address and day', () => {
  it('sends at most the cap to one address a day (any spelling), records the rest as capped, and again the next day', async () => {
    const results: { sent: number; capped: number }[] = [];
    for (const email of ['flood@example.org', 'FLOOD@example.org', ' flood@example.org', 'flood@example.org']) {
      results.push((await receiptOf(email)) as { sent: number; capped: number });
    }
    results.push((await receiptOf('flood@example.org')) as { sent: number; capped: number });
    expect(results.map((r) => r.sent)).toEqual([1, 1, 1, 0, 0]);
    expect(results.map((r) => r.capped)).toEqual([0, 0, 0, 1, 1]);
    await smtp.waitFor(() => mailsTo('flood@example.org').length >= 3);
    expect(mailsTo('flood@example.org')).toHaveLength(3);
    const { rows } = await t.db.query<{ outcome: string; n: number }>(
      `SELECT outcome, count(*)::int AS n FROM report_notifications n
         JOIN report_events e ON e.id = n.event_id JOIN reports r ON r.id = e.report_id
        WHERE lower(btrim(r.reporter_email)) = 'flood@example.org' GROUP BY outcome ORDER BY outcome`,
    );
    expect(rows).toEqual([
      { outcome: 'capped', n: 2 },
      { outcome: 'sent', n: 3 },
    ]);
    // Another address is not held back.
    expect(await receiptOf('other@example.org')).toMatchObject({ sent: 1 });
    // The table keeps no address.
    const stored = await t.db.query('SELECT address_hash FROM mail_recipient_days');
    expect(JSON.stringify(stored.rows)).not.toContain('example.org');

    t.clock.advance(24 * 60 * 60 * 1000);
    expect(await receiptOf('flood@example.org')).toMatchObject({ sent: 1 });
    const cleaned = await t.queue.runNow('mail.delete-old-counts', {}, { dryRun: false, log });
    expect(cleaned).toEqual({ deleted: 0 });
    t.clock.advance(2 * 24 * 60 * 60 * 1000);
    const later = await t.queue.runNow('mail.delete-old-counts', {}, { dryRun: false, log });
    expect((later as { deleted: number }).deleted).toBeGreaterThanOrEqual(3);
  });
});
