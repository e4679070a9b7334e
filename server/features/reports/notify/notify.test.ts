import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { createReport } from '../../../test/factories/reports.js';
import { closedPort, type SmtpStub, startSmtp } from '../../../test/smtp.js';
import { waitForJob } from '../../../test/wait.js';
import { appendEvent, notifyStatusJobName } from '../core/events.js';

const log = pino({ level: 'silent' });

let smtp: SmtpStub;
let t: TestApp;
beforeAll(async () => {
  smtp = await startSmtp({ reject: (address) => address.startsWith('gone@') });
  t = await buildTestApp({ env: { SMTP_URL: smtp.url } });
});
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

const run = (app: TestApp, eventId: number) =>
  app.queue.runNow('reports.notify-status', { eventId }, { dryRun: false, log });

async function eventOf(app: TestApp, reportId: number, kind: string): Promise<number> {
  const { rows } = await app.db.query<{ id: number }>(
    'SELECT id FROM report_events WHERE report_id = $1 AND kind = $2 ORDER BY id DESC LIMIT 1',
    [reportId, kind],
  );
  return Number(rows[0]!.id);
}

/** A public status change as the workflow writes it. */
async function changeStatus(app: TestApp, reportId: number, statusTo: string, publicNote?: string, isPublic = true) {
  return app.db.transaction(async (tx) => {
    await tx.query('UPDATE reports SET status = $2 WHERE id = $1', [reportId, statusTo]);
    return appendEvent(tx, {
      municipalityId: app.config.municipality.id,
      reportId,
      kind: 'status',
      statusFrom: 'received',
      statusTo,
      public: isPublic,
      ...(publicNote ? { publicNote } : {}),
      internalNote: 'Nur intern: Kollege Meier fragen',
      at: app.deps.now(),
    });
  });
}

async function addSupporter(app: TestApp, reportId: number, email: string | null, notify: boolean, language = 'de') {
  const { rows } = await app.db.query<{ id: number }>(
    `INSERT INTO report_supporters (municipality_id, report_id, email, notify_email, language, email_confirmed_at)
     VALUES ((SELECT municipality_id FROM reports WHERE id = $1), $1, $2, $3, $4, now()) RETURNING id`,
    [reportId, email, notify, language],
  );
  return Number(rows[0]!.id);
}

const mailsTo = (address: string) => smtp.messages.filter((m) => m.to.includes(address));

describe('reports.notify-status', () => {
  it('mails the reporter a receipt with the status link and the BSC phone, once even when run twice', async () => {
    const email = 'receipt@example.org';
    const report = await createReport(t.deps, { reporterEmail: email });
    const eventId = await eventOf(t, report.id, 'created');

    expect(await run(t, eventId)).toEqual({ sent: 1, alreadySent: 0, refused: 0, capped: 0 });
    expect(await run(t, eventId)).toEqual({ sent: 0, alreadySent: 1, refused: 0, capped: 0 });
    const mail = await smtp.waitFor((m) => m.to.includes(email));
    expect(mailsTo(email)).toHaveLength(1);
    expect(mail.subject).toBe(`Ihre Meldung ${report.reference} ist bei uns angekommen`);
    expect(mail.text).toContain(`${t.config.publicUrl}/meldungen/status/${report.statusToken}`);
    expect(mail.text).toContain(t.config.municipality.bscPhone);
    expect(mail.text).toContain('Wilder Müll');
    expect(mail.html).toContain(`href="${t.config.publicUrl}/meldungen/status/${report.statusToken}"`);
    expect(mail.parsed.headers.get('content-language')).toBe('de');

    const { rows } = await t.db.query(
      'SELECT event_id, recipient_kind, supporter_id, outcome, at FROM report_notifications WHERE event_id = $1',
      [eventId],
    );
    expect(rows).toEqual([
      { event_id: eventId, recipient_kind: 'reporter', supporter_id: 0, outcome: 'sent', at: expect.any(Date) },
    ]);
  });

  it('mails a status change with the public note in the reporter’s language, and supporters the public page', async () => {
    const reporter = 'reporter-en@example.org';
    const report = await createReport(t.deps, { reporterEmail: reporter, language: 'en' });
    await addSupporter(t, report.id, 'fan@example.org', true, 'de');
    await addSupporter(t, report.id, 'quiet@example.org', false);
    await addSupporter(t, report.id, null, false);
    const eventId = await changeStatus(t, report.id, 'done', 'Der Müll wurde abgeholt.\nDanke für den Hinweis!');

    expect(await run(t, eventId)).toEqual({ sent: 2, alreadySent: 0, refused: 0, capped: 0 });
    const toReporter = await smtp.waitFor((m) => m.to.includes(reporter));
    expect(toReporter.subject).toBe(`New status of your report ${report.reference}: Done`);
    expect(toReporter.text).toContain('Der Müll wurde abgeholt.');
    expect(toReporter.text).toContain(`/meldungen/status/${report.statusToken}`);
    expect(toReporter.text).not.toContain('Kollege Meier');
    expect(toReporter.parsed.headers.get('content-language')).toBe('en');

    const toFan = await smtp.waitFor((m) => m.to.includes('fan@example.org'));
    expect(toFan.subject).toBe(`Neuer Stand zur Meldung ${report.reference}: Erledigt`);
    expect(toFan.text).toContain(`${t.config.publicUrl}/meldungen/${report.reference}`);
    expect(toFan.text).not.toContain(report.statusToken);
    expect(toFan.text).not.toContain('Kollege Meier');
    expect(mailsTo('quiet@example.org')).toEqual([]);

    expect(await run(t, eventId)).toEqual({ sent: 0, alreadySent: 2, refused: 0, capped: 0 });
    expect(mailsTo(reporter)).toHaveLength(1);
    expect(mailsTo('fan@example.org')).toHaveLength(1);
  });

  it('sends nothing for internal events, reporters who did not ask, and anonymised reports', async () => {
    const before = smtp.messages.length;
    const internal = await createReport(t.deps, { reporterEmail: 'internal@example.org' });
    expect(await run(t, await changeStatus(t, internal.id, 'accepted', undefined, false))).toEqual({
      sent: 0,
      alreadySent: 0,
      refused: 0,
      capped: 0,
    });
    const noUpdates = await createReport(t.deps, { reporterEmail: 'no-updates@example.org', notifyEmail: false });
    expect(await run(t, await changeStatus(t, noUpdates.id, 'in_progress'))).toMatchObject({ sent: 0 });
    const anonymised = await createReport(t.deps, { reporterEmail: 'old@example.org' });
    await t.db.query('UPDATE reports SET anonymised_at = now() WHERE id = $1', [anonymised.id]);
    expect(await run(t, await changeStatus(t, anonymised.id, 'done'))).toMatchObject({ sent: 0 });
    expect(smtp.messages.length).toBe(before);
  });

  it('records an address the mail server refuses for good and does not retry it', async () => {
    const report = await createReport(t.deps, { reporterEmail: 'gone@example.org' });
    const eventId = await eventOf(t, report.id, 'created');
    expect(await run(t, eventId)).toEqual({ sent: 0, alreadySent: 0, refused: 1, capped: 0 });
    expect(await run(t, eventId)).toEqual({ sent: 0, alreadySent: 1, refused: 0, capped: 0 });
    const { rows } = await t.db.query<{ outcome: string }>(
      'SELECT outcome FROM report_notifications WHERE event_id = $1',
      [eventId],
    );
    expect(rows).toEqual([{ outcome: 'refused' }]);
  });

  it('leaves a mail another run is sending to that run, and takes over a claim whose run died', async () => {
    const email = 'claimed@example.org';
    const report = await createReport(t.deps, { reporterEmail: email });
    const eventId = await eventOf(t, report.id, 'created');
    const claim = (at: Date) =>
      t.db.query(
        `INSERT INTO report_notifications (municipality_id, event_id, recipient_kind, supporter_id, outcome, at)
         VALUES ((SELECT municipality_id FROM report_events WHERE id = $1), $1, 'reporter', 0, 'sending', $2)
         ON CONFLICT (event_id, recipient_kind, supporter_id) DO UPDATE SET at = EXCLUDED.at`,
        [eventId, at],
      );
    await claim(t.deps.now());
    expect(await run(t, eventId)).toEqual({ sent: 0, alreadySent: 1, refused: 0, capped: 0 });
    expect(mailsTo(email)).toEqual([]);
    await claim(new Date(t.deps.now().getTime() - 20 * 60_000));
    expect(await run(t, eventId)).toEqual({ sent: 1, alreadySent: 0, refused: 0, capped: 0 });
    await smtp.waitFor((m) => m.to.includes(email));
  });

  it('fails a missing event for good (not found)', async () => {
    await expect(run(t, 999_999_999)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('fails while the SMTP server is down and delivers once it is back (pg-boss retry)', {
    timeout: 60_000,
  }, async () => {
    const port = await closedPort();
    const down = await buildTestApp({ env: { SMTP_URL: `smtp://127.0.0.1:${port}`, JOBS_POLL_SECONDS: '0.5' } });
    let back: SmtpStub | undefined;
    try {
      const email = 'patient@example.org';
      const report = await createReport(down.deps, { reporterEmail: email });
      const eventId = await eventOf(down, report.id, 'created');
      const jobId = (await down.queue.enqueue(notifyStatusJobName, { eventId })) as string;
      await down.queue.startWorker(log);

      const failed = await waitForJob(down.queue, jobId, ['retry']);
      expect(failed.error).toMatch(/ECONNREFUSED|connect/i);
      expect(await down.db.query('SELECT 1 FROM report_notifications WHERE event_id = $1', [eventId])).toMatchObject({
        rowCount: 0,
      });

      back = await startSmtp({ port });
      // The backoff waits a minute before the first retry; bring that retry forward instead of waiting.
      await down.db.query('UPDATE pgboss.job SET start_after = now() WHERE id = $1', [jobId]);
      const done = await waitForJob(down.queue, jobId, ['completed', 'failed']);
      expect(done.state).toBe('completed');
      expect(done.attempts).toBe(2);
      expect(done.result).toEqual({ sent: 1, alreadySent: 0, refused: 0, capped: 0 });
      const mail = await back.waitFor((m) => m.to.includes(email));
      expect(mail.subject).toContain(report.reference);
      expect(back.messages).toHaveLength(1);
    } finally {
      await down.close();
      await back?.close();
    }
  });
});
