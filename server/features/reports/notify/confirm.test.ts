import { isDeepStrictEqual } from 'node:util';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { takeRecipientQuota } from '../../../platform/mail/index.js';
import type { TestApp } from '../../../test/app.js';
import { points } from '../../../test/factories/addresses.js';
import { openForm, postForm } from '../../../test/factories/report-form.js';
import { createReport } from '../../../test/factories/reports.js';
import { buildReportsApp, solveAltcha } from '../../../test/factories/reports-core.js';
import { mergeCookies, postForm as postPageForm } from '../../../test/factories/users.js';
import { type SmtpStub, startSmtp } from '../../../test/smtp.js';

// Double opt-in (issue 7 §2): POST /api/reports without proof of work sent a receipt to any address. No mail but
// one confirmation goes to an address before its owner confirms it, unless the report passed the proof of work.

const log = pino({ level: 'silent' });
let smtp: SmtpStub;
let t: TestApp;
beforeAll(async () => {
  smtp = await startSmtp();
  t = await buildReportsApp({ SMTP_URL: smtp.url, RATE_LIMIT_PUBLIC_WRITES_PER_MINUTE: '1000' });
});
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

const mailsTo = (address: string) => smtp.messages.filter((m) => m.to.includes(address));

async function submit(email: string, extra: Record<string, string> = {}) {
  const form = new FormData();
  const fields: Record<string, string> = {
    category: 'wilder-muell',
    description: 'Drei Matratzen am Straßenrand.',
    'answers[abfallart]': 'sperrmuell',
    locationMethod: 'map',
    lat: String(points.mitte.lat),
    lon: String(points.mitte.lon),
    language: 'de',
    source: 'web',
    email,
    notifyEmail: 'true',
    consent: 'true',
    ...extra,
  };
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  const request = new Request('http://local/', { method: 'POST', body: form });
  return t.app.inject({
    method: 'POST',
    url: '/api/reports',
    payload: Buffer.from(await request.arrayBuffer()),
    headers: { 'content-type': request.headers.get('content-type') ?? '' },
  });
}

async function jobsOf(name: string): Promise<unknown[]> {
  const { jobs } = await t.queue.listJobs({ name, limit: 1000 });
  return jobs.map((j) => j.payload);
}

/** How many confirmation-mail jobs were queued for a reporter's address. */
async function confirmationJobsFor(reportId: number): Promise<number> {
  const payloads = await jobsOf('reports.confirm-email');
  return payloads.filter((p) => isDeepStrictEqual(p, { kind: 'reporter', id: reportId })).length;
}

async function reportIdOf(reference: string): Promise<number> {
  const { rows } = await t.db.query<{ id: number }>('SELECT id FROM reports WHERE reference = $1', [reference]);
  return Number(rows[0]!.id);
}

async function createdEventOf(reportId: number): Promise<number> {
  const { rows } = await t.db.query<{ id: number }>(
    `SELECT id FROM report_events WHERE report_id = $1 AND kind = 'created'`,
    [reportId],
  );
  return Number(rows[0]!.id);
}

const linkIn = (text: string) => /https?:\/\/\S+\/meldungen\/bestaetigen\/[A-Za-z0-9_-]+/.exec(text)?.[0];

describe('double opt-in for mails to citizens', () => {
  it('a web report without proof of work gets one confirmation mail; the receipt follows only after confirming', async () => {
    const email = 'unbestaetigt@example.org';
    const res = await submit(email);
    expect(res.statusCode).toBe(201);
    expect(res.json().emailConfirmation).toBe('pending');
    const id = await reportIdOf(res.json().reference);
    const eventId = await createdEventOf(id);
    expect(await jobsOf('reports.notify-status')).not.toContainEqual({ eventId });
    expect(await jobsOf('reports.confirm-email')).toContainEqual({ kind: 'reporter', id });

    // Even if a receipt job ran, nothing goes to the unconfirmed address.
    expect(await t.queue.runNow('reports.notify-status', { eventId }, { dryRun: false, log })).toMatchObject({
      sent: 0,
    });
    const payload = { kind: 'reporter', id };
    expect(await t.queue.runNow('reports.confirm-email', payload, { dryRun: false, log })).toEqual({ outcome: 'sent' });
    expect(await t.queue.runNow('reports.confirm-email', payload, { dryRun: false, log })).toEqual({
      outcome: 'skipped',
    });
    const mail = await smtp.waitFor((m) => m.to.includes(email));
    expect(mailsTo(email)).toHaveLength(1);
    expect(mail.subject).toContain('Bitte bestätigen Sie Ihre E-Mail-Adresse');
    const link = linkIn(mail.text);
    expect(link).toBeDefined();
    const path = new URL(link as string).pathname;

    // A tampered link confirms nothing; GET only shows the button (mail scanners follow links).
    const bad = await t.app.inject({ url: `${path.slice(0, -2)}xx`, headers: { accept: 'text/html' } });
    expect(bad.statusCode).toBe(404);
    const page = await t.app.inject({ url: path, headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Adresse bestätigen');
    const { rows: before } = await t.db.query('SELECT email_confirmed_at FROM reports WHERE id = $1', [id]);
    expect(before[0]).toEqual({ email_confirmed_at: null });

    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] as string;
    const confirmed = await t.app.inject({
      method: 'POST',
      url: path,
      payload: { _csrf: csrf },
      headers: { cookie: mergeCookies('', page.cookies), accept: 'text/html' },
    });
    expect(confirmed.statusCode).toBe(303);
    expect(await jobsOf('reports.notify-status')).toContainEqual({ eventId });
    expect(await t.queue.runNow('reports.notify-status', { eventId }, { dryRun: false, log })).toMatchObject({
      sent: 1,
    });
    await smtp.waitFor((m) => m.to.includes(email) && m.subject.includes('angekommen'));
    const done = await t.app.inject({ url: path, headers: { accept: 'text/html' } });
    expect(done.body).toContain('ist bestätigt');
  });

  it('a report with a solved proof of work is confirmed at once and its receipt is queued', async () => {
    const res = await submit('mit-pow@example.org', { altcha: await solveAltcha(t.deps) });
    expect(res.json().emailConfirmation).toBe('confirmed');
    const id = await reportIdOf(res.json().reference);
    expect(await jobsOf('reports.notify-status')).toContainEqual({ eventId: await createdEventOf(id) });
    expect(await jobsOf('reports.confirm-email')).not.toContainEqual({ kind: 'reporter', id });
  });

  it('a supporter without proof of work gets status mails only after confirming', async () => {
    const report = await createReport(t.deps, {});
    const s = await openForm(t);
    const res = await postForm(t, s, '/melden/unterstuetzen', {
      supportReference: report.reference,
      email: 'fan@example.org',
      notifyEmail: '1',
    });
    expect(res.headers.location).toBe(`/melden/unterstuetzt?meldung=${report.reference}&mail=bestaetigen`);
    const thanks = await t.app.inject({ url: res.headers.location as string, headers: { accept: 'text/html' } });
    expect(thanks.body).toContain('Bitte bestätigen Sie darin Ihre Adresse');
    const { rows } = await t.db.query<{ id: number }>('SELECT id FROM report_supporters WHERE report_id = $1', [
      report.id,
    ]);
    const supporterId = Number(rows[0]!.id);
    expect(await jobsOf('reports.confirm-email')).toContainEqual({ kind: 'supporter', id: supporterId });
    const { rows: unconfirmed } = await t.db.query('SELECT email_confirmed_at FROM report_supporters WHERE id = $1', [
      supporterId,
    ]);
    expect(unconfirmed[0]).toEqual({ email_confirmed_at: null });
  });

  it('turning mails on from the status page sends an unconfirmed address its confirmation mail, once, within the cap', async () => {
    // Sent without JavaScript and without mails: no confirmation mail was ever queued for this address.
    const email = 'spaeter@example.org';
    const report = await createReport(t.deps, { reporterEmail: email, notifyEmail: false, emailConfirmed: false });
    const statusPath = `/meldungen/status/${report.statusToken}`;
    const payload = { kind: 'reporter', id: report.id };
    expect(await jobsOf('reports.confirm-email')).not.toContainEqual(payload);

    const page = await t.app.inject({ url: statusPath, headers: { accept: 'text/html' } });
    const session = {
      cookie: mergeCookies('', page.cookies),
      csrf: /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '',
    };
    const on = await postPageForm(t, session, `${statusPath}/email`, { notify: 'on' });
    expect(on.statusCode).toBe(303);
    expect(on.headers.location).toBe(`${statusPath}?email=confirm`);
    const shown = await t.app.inject({ url: on.headers.location as string, headers: { accept: 'text/html' } });
    expect(shown.body).toContain('Wir haben Ihnen einen Link geschickt, mit dem Sie Ihre E-Mail-Adresse bestätigen.');
    expect(shown.body).toContain('Sobald Sie Ihre E-Mail-Adresse mit dem Link aus unserer E-Mail bestätigt haben');
    expect(await confirmationJobsFor(report.id)).toBe(1);
    expect(await t.queue.runNow('reports.confirm-email', payload, { dryRun: false, log })).toEqual({ outcome: 'sent' });
    const mail = await smtp.waitFor((m) => m.to.includes(email));
    expect(mail.subject).toContain('Bitte bestätigen Sie Ihre E-Mail-Adresse');

    // Off and on again: the mail was sent, so no second one is queued.
    await postPageForm(t, session, `${statusPath}/email`, { notify: 'off' });
    const again = await postPageForm(t, session, `${statusPath}/email`, { notify: 'on' });
    expect(again.headers.location).toBe(`${statusPath}?email=confirm`);
    expect(await confirmationJobsFor(report.id)).toBe(1);
    expect(mailsTo(email)).toHaveLength(1);

    // An address that has had its mails for the day gets no confirmation mail from the status page either.
    const full = 'voll@example.org';
    const capped = await createReport(t.deps, { reporterEmail: full, notifyEmail: false, emailConfirmed: false });
    for (let i = 0; i < t.config.mail.maxPerRecipientPerDay; i++) {
      expect(await takeRecipientQuota(t.db, t.config, full, t.deps.now())).toBe(true);
    }
    const cappedPath = `/meldungen/status/${capped.statusToken}`;
    const res = await postPageForm(t, session, `${cappedPath}/email`, { notify: 'on' });
    expect(res.headers.location).toBe(`${cappedPath}?email=confirm`);
    const cappedJob = { kind: 'reporter', id: capped.id };
    expect(await jobsOf('reports.confirm-email')).toContainEqual(cappedJob);
    expect(await t.queue.runNow('reports.confirm-email', cappedJob, { dryRun: false, log })).toEqual({
      outcome: 'capped',
    });
    expect(mailsTo(full)).toEqual([]);
  });
});
