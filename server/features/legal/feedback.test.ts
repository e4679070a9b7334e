import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.js';
import { type FormFields, mergeCookies, postForm } from '../../test/factories/users.js';
import { type SmtpStub, startSmtp } from '../../test/smtp.js';
import { purgeFeedbackJob, sendFeedbackJob } from './feedback-service.js';

const log = pino({ level: 'silent' });
const formPath = '/barrierefreiheit/rueckmeldung';

let smtp: SmtpStub;
let t: TestApp;
beforeAll(async () => {
  smtp = await startSmtp();
  t = await buildTestApp({ env: { SMTP_URL: smtp.url } });
});
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

let ip = 0;
/** Opens the form (CSRF cookie and token) and sends it from a fresh address. */
async function send(app: TestApp, fields: FormFields, options: { lang?: string; remoteAddress?: string } = {}) {
  const form = await app.app.inject({ url: `${formPath}${options.lang ? `?lang=${options.lang}` : ''}` });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(form.body)?.[1] ?? '';
  const session = { cookie: mergeCookies('', form.cookies), csrf };
  return postForm(app, session, formPath, fields, { remoteAddress: options.remoteAddress ?? `10.9.0.${++ip}` });
}

const rows = (app: TestApp) =>
  app.db
    .query<Record<string, unknown>>('SELECT * FROM accessibility_feedback WHERE municipality_id = $1 ORDER BY id', [
      app.config.municipality.id,
    ])
    .then((r) => r.rows);

describe('accessibility feedback form', () => {
  it('is linked from the statement, keeps e-mail and phone, and takes the page from ?seite=', async () => {
    const statement = await t.app.inject({ url: '/barrierefreiheit' });
    expect(statement.body).toContain('href="/barrierefreiheit/rueckmeldung"');
    expect(statement.body).toContain(`href="mailto:${t.config.municipality.accessibility.feedbackEmail}?subject=`);
    expect(statement.body).toContain('href="tel:');

    const res = await t.app.inject({ url: `${formPath}?seite=${encodeURIComponent('/melden <Karte>')}` });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Barriere melden</h1>');
    expect(res.body).toContain('value="/melden &lt;Karte>"');
    expect(res.body).toContain('name="_csrf"');
    expect(res.body).toContain('spätestens nach 6 Monaten');
    const en = await t.app.inject({ url: `${formPath}?lang=en` });
    expect(en.body).toContain('Report a barrier</h1>');
    expect(en.body).toContain('at the latest after 6 months');
  });

  it('refuses a POST without CSRF token', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: formPath,
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      payload: 'message=Hallo',
    });
    expect(res.statusCode).toBe(403);
    expect(await rows(t)).toHaveLength(0);
  });

  it('shows errors beside the fields and in a summary, keeping the input', async () => {
    const res = await send(t, {
      page: 'x'.repeat(501),
      message: '   ',
      name: 'Erika',
      email: 'erika@',
    });
    expect(res.statusCode).toBe(400);
    const body = res.body;
    expect(body).toContain('folgenden 4 Angaben');
    for (const field of ['page', 'message', 'email']) {
      expect(body).toContain(`href="#${field}"`);
      expect(body).toContain(`id="${field}-error"`);
      expect(body).toMatch(new RegExp(`id="${field}"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="${field}"`));
    }
    expect(body).toContain('Bitte beschreiben Sie die Barriere.');
    expect(body).toContain('Bitte geben Sie eine E-Mail-Adresse im Format name@beispiel.de ein.');
    expect(body).toContain('Bitte stimmen Sie zu');
    expect(body).toContain('value="Erika"');
    expect(await rows(t)).toHaveLength(0);

    // Consent is needed only with an e-mail address; messages are in the form's language.
    const en = await send(t, { message: 'Too long', email: 'a@example.org' }, { lang: 'en' });
    expect(en.statusCode).toBe(400);
    expect(en.body).toContain('Please agree so that we can answer you');
    expect(en.body).toContain('Too long</textarea>');
  });

  it('rejects spam caught by the honeypot without storing it', async () => {
    const res = await send(t, { message: 'Cheap pills', website: 'https://spam.example' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('als unerwünschte Werbung erkannt');
    expect(res.body).not.toContain('href="#website"');
    expect(await rows(t)).toHaveLength(0);
  });

  it('stores the feedback with its mail job, thanks with answer time and ombudsman, mails once', async () => {
    const res = await send(t, {
      page: '/melden',
      message: 'Die Karte lässt sich nicht mit der Tastatur bedienen.',
      name: 'Erika Muster',
      email: 'erika@example.org',
      consent: '1',
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/barrierefreiheit/rueckmeldung/danke');
    const [row] = await rows(t);
    expect(row).toMatchObject({
      page: '/melden',
      message: 'Die Karte lässt sich nicht mit der Tastatur bedienen.',
      name: 'Erika Muster',
      email: 'erika@example.org',
      language: 'de',
      sent_at: null,
    });
    const id = Number(row!.id);
    const { jobs } = await t.queue.listJobs({ name: sendFeedbackJob });
    expect(jobs.map((j) => j.payload)).toContainEqual({ id });

    const a = t.config.municipality.accessibility;
    const thanks = await t.app.inject({ url: res.headers.location as string });
    expect(thanks.statusCode).toBe(200);
    expect(thanks.body).toContain('Danke für Ihre Rückmeldung</h1>');
    expect(thanks.body).toContain(`innerhalb von ${a.responseWeeks.min} bis ${a.responseWeeks.max} Wochen`);
    expect(thanks.body).toContain(`href="${a.enforcementUrl}"`);
    expect(thanks.body).toContain(a.enforcementBody);

    const run = () => t.queue.runNow(sendFeedbackJob, { id }, { dryRun: false, log });
    expect(await run()).toEqual({ sent: 1, alreadySent: 0 });
    expect(await run()).toEqual({ sent: 0, alreadySent: 1 });
    const mail = await smtp.waitFor((m) => m.to.includes(a.feedbackEmail) && m.subject.includes(`Nr. ${id}`));
    expect(smtp.messages.filter((m) => m.subject.includes(`Nr. ${id})`))).toHaveLength(1);
    expect(mail.subject).toBe(`Rückmeldung zur Barrierefreiheit (Nr. ${id})`);
    expect(mail.parsed.replyTo?.text).toContain('erika@example.org');
    expect(mail.text).toContain('Die Karte lässt sich nicht mit der Tastatur bedienen.');
    expect(mail.text).toContain('Seite oder Inhalt: /melden');
    expect(mail.text).toContain('Name: Erika Muster');
    const [after] = await rows(t);
    expect(after!.sent_at).toBeInstanceOf(Date);
  });

  it('mails anonymous feedback without reply-to; stored in the form language', async () => {
    const res = await send(t, { message: 'Contrast of the footer is low.' }, { lang: 'en' });
    expect(res.statusCode).toBe(303);
    const row = (await rows(t)).find((r) => r.message === 'Contrast of the footer is low.')!;
    expect(row).toMatchObject({ language: 'en', email: null, name: null, page: null });
    const id = Number(row.id);
    expect(await t.queue.runNow(sendFeedbackJob, { id }, { dryRun: false, log })).toEqual({ sent: 1, alreadySent: 0 });
    const mail = await smtp.waitFor((m) => m.subject.includes(`Nr. ${id})`));
    expect(mail.parsed.replyTo).toBeUndefined();
    expect(mail.text).toContain('keine E-Mail-Adresse angegeben');
  });

  it('deletes feedback 180 days after sending; the dry run only counts', async () => {
    const app = await buildTestApp({ env: { SMTP_URL: smtp.url }, db: t.db });
    const insert = (sentDaysAgo: number | null, createdDaysAgo: number) =>
      app.db.query(
        `INSERT INTO accessibility_feedback (municipality_id, message, language, created_at, sent_at)
         VALUES ($1, 'x', 'de', $2, $3)`,
        [
          app.config.municipality.id,
          new Date(app.deps.now().getTime() - createdDaysAgo * 86_400_000),
          sentDaysAgo === null ? null : new Date(app.deps.now().getTime() - sentDaysAgo * 86_400_000),
        ],
      );
    await insert(181, 182); // due
    await insert(179, 200); // sent recently enough
    await insert(null, 10); // not sent yet
    await insert(null, 181); // never sent, too old
    const purge = (dryRun: boolean) => app.queue.runNow(purgeFeedbackJob, {}, { dryRun, log });
    expect(await purge(true)).toEqual({ deleted: 2, dryRun: true });
    expect(await rows(app)).toHaveLength(4);
    expect(await purge(false)).toEqual({ deleted: 2 });
    expect(await rows(app)).toHaveLength(2);
    // Other municipalities' feedback is untouched.
    expect((await rows(t)).length).toBeGreaterThan(0);
    await app.close();
  });

  it('limits sending per address', async () => {
    const app = await buildTestApp({ env: { RATE_LIMIT_PUBLIC_WRITES_PER_MINUTE: '2' }, db: t.db });
    const statuses = [];
    for (let i = 0; i < 3; i++) {
      statuses.push((await send(app, { message: '' }, { remoteAddress: '10.8.7.6' })).statusCode);
    }
    expect(statuses).toEqual([400, 400, 429]);
    await app.close();
  });
});
