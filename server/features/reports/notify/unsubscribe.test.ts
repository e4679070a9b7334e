import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { createReport } from '../../../test/factories/reports.js';
import { mergeCookies, postForm } from '../../../test/factories/users.js';
import { type ReceivedMail, type SmtpStub, startSmtp } from '../../../test/smtp.js';
import { appendEvent } from '../core/events.js';
import { statusTokenFor, statusTokenKey } from '../core/status-token.js';

const log = pino({ level: 'silent' });

let smtp: SmtpStub;
let t: TestApp;
beforeAll(async () => {
  smtp = await startSmtp();
  t = await buildTestApp({ env: { SMTP_URL: smtp.url, RATE_LIMIT_PUBLIC_WRITES_PER_MINUTE: '1000' } });
});
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

const run = (eventId: number) => t.queue.runNow('reports.notify-status', { eventId }, { dryRun: false, log });

/** A public status change as the workflow writes it; returns the event id. */
async function changeStatus(reportId: number, statusTo: string): Promise<number> {
  return t.db.transaction(async (tx) => {
    await tx.query('UPDATE reports SET status = $2 WHERE id = $1', [reportId, statusTo]);
    return appendEvent(tx, {
      municipalityId: t.config.municipality.id,
      reportId,
      kind: 'status',
      statusFrom: 'received',
      statusTo,
      public: true,
      at: t.deps.now(),
    });
  });
}

async function addSupporter(reportId: number, email: string): Promise<number> {
  const { rows } = await t.db.query<{ id: number }>(
    `INSERT INTO report_supporters (municipality_id, report_id, email, notify_email, language, email_confirmed_at)
     VALUES ((SELECT municipality_id FROM reports WHERE id = $1), $1, $2, true, 'de', now()) RETURNING id`,
    [reportId, email],
  );
  return Number(rows[0]!.id);
}

const mailsTo = (address: string) => smtp.messages.filter((m) => m.to.includes(address));
/** The raw header lines, unfolded (long headers are folded onto continuation lines). */
const headerBlock = (m: ReceivedMail) => m.raw.split('\r\n\r\n')[0]!.replace(/\r\n[ \t]+/g, ' ');

/** Opens a page as a browser would and keeps its CSRF cookie and token. */
async function open(url: string) {
  const res = await t.app.inject({ url, headers: { accept: 'text/html' } });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(res.body)?.[1] ?? '';
  return { res, session: { cookie: mergeCookies('', res.cookies), csrf } };
}

const notifyOf = async (reportId: number) =>
  (await t.db.query<{ n: boolean }>('SELECT notify_email AS n FROM reports WHERE id = $1', [reportId])).rows[0]!.n;
const supporterNotify = async (id: number) =>
  (await t.db.query<{ n: boolean }>('SELECT notify_email AS n FROM report_supporters WHERE id = $1', [id])).rows[0]!.n;

/** The supporter's unsubscribe page from a mail's text. */
function supporterLink(mail: ReceivedMail): string {
  const m = /E-Mails zu dieser Meldung abbestellen: (\S+)/.exec(mail.text);
  if (!m) throw new Error('mail without unsubscribe line');
  return m[1]!;
}

describe('unsubscribing from status mails', () => {
  it('the reporter stops mails on the status page, gets none for the next event, and turns them on again', async () => {
    const email = 'stop-me@example.org';
    const report = await createReport(t.deps, { reporterEmail: email });
    const statusPath = `/meldungen/status/${report.statusToken}`;

    const { res, session } = await open(statusPath);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Keine E-Mails mehr zu dieser Meldung');
    expect(res.body).toContain(`action="${statusPath}/email"`);

    const noCsrf = await postForm(t, session, `${statusPath}/email`, { _csrf: 'forged', notify: 'off' });
    expect(noCsrf.statusCode).toBe(403);
    expect(await notifyOf(report.id)).toBe(true);

    const off = await postForm(t, session, `${statusPath}/email`, { notify: 'off' });
    expect(off.statusCode).toBe(303);
    expect(off.headers.location).toBe(`${statusPath}?email=stopped`);
    expect(await notifyOf(report.id)).toBe(false);
    const after = await t.app.inject({ url: off.headers.location as string, headers: { accept: 'text/html' } });
    expect(after.body).toContain('Sie bekommen keine E-Mails mehr zu dieser Meldung.');
    expect(after.body).toContain('E-Mails wieder einschalten');

    const before = smtp.messages.length;
    expect(await run(await changeStatus(report.id, 'in_progress'))).toEqual({
      sent: 0,
      alreadySent: 0,
      refused: 0,
      capped: 0,
    });
    expect(smtp.messages.length).toBe(before);
    expect(mailsTo(email)).toEqual([]);

    const on = await postForm(t, session, `${statusPath}/email`, { notify: 'on' });
    expect(on.statusCode).toBe(303);
    expect(on.headers.location).toBe(`${statusPath}?email=resumed`);
    expect(await notifyOf(report.id)).toBe(true);
    expect(await run(await changeStatus(report.id, 'done'))).toMatchObject({ sent: 1 });
    await smtp.waitFor((m) => m.to.includes(email));
  });

  it('offers no way back on when no e-mail address is stored, and refuses to turn it on', async () => {
    const report = await createReport(t.deps, { reporterEmail: null, notifyEmail: false });
    const statusPath = `/meldungen/status/${report.statusToken}`;
    const { res } = await open(statusPath);
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('E-Mails wieder einschalten');
    expect(res.body).not.toContain(`${statusPath}/email`);
    const { session } = await open('/melden');
    const on = await postForm(t, session, `${statusPath}/email`, { notify: 'on' });
    expect(on.statusCode).toBe(404);
    expect(await notifyOf(report.id)).toBe(false);
  });

  it('mails carry the unsubscribe line and RFC 8058 headers; one-click POST stops the reporter’s mails', async () => {
    const email = 'one-click@example.org';
    const report = await createReport(t.deps, { reporterEmail: email });
    expect(await run(await changeStatus(report.id, 'accepted'))).toMatchObject({ sent: 1 });
    const mail = await smtp.waitFor((m) => m.to.includes(email));
    const statusUrl = `${t.config.publicUrl}/meldungen/status/${report.statusToken}`;
    const oneClick = `${t.config.publicUrl}/api/reports/unsubscribe/${report.statusToken}`;
    expect(mail.text.trimEnd().split('\n-- \n')[0]!.trimEnd().endsWith(`abbestellen: ${statusUrl}`)).toBe(true);
    expect(mail.html).toContain(`href="${statusUrl}"`);
    expect(headerBlock(mail)).toContain(`List-Unsubscribe: <${oneClick}>`);
    expect(headerBlock(mail)).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');

    // As a mail client sends it: no cookie, no CSRF token, a form body.
    const res = await t.app.inject({
      method: 'POST',
      url: new URL(oneClick).pathname,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ unsubscribed: true });
    expect(await notifyOf(report.id)).toBe(false);
    expect(await run(await changeStatus(report.id, 'done'))).toMatchObject({ sent: 0 });
    expect(mailsTo(email)).toHaveLength(1);

    // A client without one-click support opens the URL: it leads to the page, nothing changes.
    const get = await t.app.inject({ url: new URL(oneClick).pathname });
    expect(get.statusCode).toBe(303);
    expect(get.headers.location).toBe(`/meldungen/status/${report.statusToken}`);
  });

  it('supporters get their own link: GET changes nothing, POST unsubscribes, one-click works too', async () => {
    const report = await createReport(t.deps, { reporterEmail: null, notifyEmail: false });
    const fan = await addSupporter(report.id, 'fan-unsub@example.org');
    const other = await addSupporter(report.id, 'fan-oneclick@example.org');
    expect(await run(await changeStatus(report.id, 'accepted'))).toMatchObject({ sent: 2 });
    const mail = await smtp.waitFor((m) => m.to.includes('fan-unsub@example.org'));
    const mail2 = await smtp.waitFor((m) => m.to.includes('fan-oneclick@example.org'));

    const link = supporterLink(mail);
    expect(link).toMatch(new RegExp(`^${t.config.publicUrl}/meldungen/abbestellen/[A-Za-z0-9_-]{43}$`));
    expect(link).not.toBe(supporterLink(mail2));
    const token = link.slice(link.lastIndexOf('/') + 1);
    expect(mail.text).not.toContain(report.statusToken);
    expect(mail.html).toContain(`href="${link}"`);
    expect(headerBlock(mail)).toContain(`List-Unsubscribe: <${t.config.publicUrl}/api/reports/unsubscribe/${token}>`);
    expect(headerBlock(mail)).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    // The token is derived from the stored nonce like a status token; only its hash is stored.
    const { rows } = await t.db.query<{ nonce: string; hash: string }>(
      'SELECT unsubscribe_nonce AS nonce, unsubscribe_token_hash AS hash FROM report_supporters WHERE id = $1',
      [fan],
    );
    expect(statusTokenFor(statusTokenKey(t.config.sessionSecret), rows[0]!.nonce)).toBe(token);
    expect(rows[0]!.hash).not.toContain(token);

    const path = new URL(link).pathname;
    const { res, session } = await open(path);
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-robots-tag']).toBe('noindex, nofollow');
    expect(res.body).toContain('Keine E-Mails mehr zu dieser Meldung');
    expect(await supporterNotify(fan)).toBe(true);

    const posted = await postForm(t, session, path, {});
    expect(posted.statusCode).toBe(303);
    expect(posted.headers.location).toBe(path);
    expect(await supporterNotify(fan)).toBe(false);
    const done = await t.app.inject({ url: path, headers: { accept: 'text/html' } });
    expect(done.body).toContain(`Sie bekommen keine E-Mails mehr zur Meldung ${report.reference}.`);

    const token2 = supporterLink(mail2).split('/').pop()!;
    const oneClick = await t.app.inject({
      method: 'POST',
      url: `/api/reports/unsubscribe/${token2}`,
      headers: { 'content-type': 'multipart/form-data; boundary=x' },
      payload: '--x\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--x--\r\n',
    });
    expect(oneClick.statusCode).toBe(200);
    expect(await supporterNotify(other)).toBe(false);

    expect(await run(await changeStatus(report.id, 'done'))).toEqual({
      sent: 0,
      alreadySent: 0,
      refused: 0,
      capped: 0,
    });
    expect(mailsTo('fan-unsub@example.org')).toHaveLength(1);
    expect(mailsTo('fan-oneclick@example.org')).toHaveLength(1);
  });

  it('answers 404 to forged and malformed tokens, and to tokens whose address retention deleted', async () => {
    const forged = 'A'.repeat(43);
    for (const url of [`/meldungen/abbestellen/${forged}`, '/meldungen/abbestellen/kurz']) {
      expect((await t.app.inject({ url, headers: { accept: 'text/html' } })).statusCode).toBe(404);
    }
    const { session } = await open('/melden');
    expect((await postForm(t, session, `/meldungen/abbestellen/${forged}`, {})).statusCode).toBe(404);
    expect((await postForm(t, session, `/meldungen/status/${forged}/email`, { notify: 'off' })).statusCode).toBe(404);
    const oneClick = await t.app.inject({
      method: 'POST',
      url: `/api/reports/unsubscribe/${forged}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(oneClick.statusCode).toBe(404);
    expect(oneClick.headers['content-type']).toMatch(/^application\/problem\+json/);

    const report = await createReport(t.deps, { reporterEmail: null, notifyEmail: false });
    await addSupporter(report.id, 'fan-retention@example.org');
    expect(await run(await changeStatus(report.id, 'accepted'))).toMatchObject({ sent: 1 });
    const mail = await smtp.waitFor((m) => m.to.includes('fan-retention@example.org'));
    const path = new URL(supporterLink(mail)).pathname;
    expect((await t.app.inject({ url: path, headers: { accept: 'text/html' } })).statusCode).toBe(200);
    await t.db.query(
      `UPDATE report_supporters SET email = NULL, notify_email = false, unsubscribe_nonce = NULL,
              unsubscribe_token_hash = NULL WHERE report_id = $1`,
      [report.id],
    );
    expect((await t.app.inject({ url: path, headers: { accept: 'text/html' } })).statusCode).toBe(404);
  });
});
