import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { deliverPending } from '../../../platform/push/index.js';
import { buildTestApp, countRows, type TestApp } from '../../../test/app.js';
import { seedTestAddresses } from '../../../test/factories/addresses.js';
import { createReport } from '../../../test/factories/reports.js';
import { mergeCookies, postForm } from '../../../test/factories/users.js';
import { type LocalPushService, startPushService } from '../../../test/push-service.js';
import { type ReceivedMail, type SmtpStub, startSmtp } from '../../../test/smtp.js';

// Area alerts through HTTP and their jobs: the subscribe form, double opt-in, district and radius matching, the
// one public-visibility rule, the daily digest (at most one a day, pinned clock), one-click unsubscribe, the daily
// mail cap, push delivered through the local push service, and the purge.

const log = pino({ level: 'silent' });
const hour = 3600 * 1000;
const day = 24 * hour;

let smtp: SmtpStub;
let service: LocalPushService;
let t: TestApp;
let mitte: number;
let schildesche: number;
/** Herforder Straße 1 (Mitte). */
const home = { lat: 52.02, lon: 8.535 };
/** Degrees of latitude per metre. */
const perMetre = 1 / 111_195;

beforeAll(async () => {
  [smtp, service] = await Promise.all([
    startSmtp({ reject: (address) => address.startsWith('gone@') }),
    startPushService({ protocol: 'http' }),
  ]);
  t = await buildTestApp({
    // A Monday morning in Bielefeld.
    now: '2026-03-02T06:00:00Z',
    env: { SMTP_URL: smtp.url, RATE_LIMIT_PUBLIC_WRITES_PER_MINUTE: '1000', MAIL_MAX_PER_RECIPIENT_PER_DAY: '3' },
  });
  await seedTestAddresses(t.deps);
  const { rows } = await t.db.query<{ id: number; key: string }>(
    'SELECT id::int AS id, key FROM districts WHERE municipality_id = $1',
    [t.config.municipality.id],
  );
  mitte = rows.find((r) => r.key === 'mitte')!.id;
  schildesche = rows.find((r) => r.key === 'schildesche')!.id;
});
afterEach(async () => {
  // Each test's alerts end with it, so the next test's digests see only their own.
  await t.db.query('UPDATE report_alerts SET ended_at = $2 WHERE municipality_id = $1 AND ended_at IS NULL', [
    t.config.municipality.id,
    t.deps.now(),
  ]);
});
afterAll(async () => {
  await t?.close();
  await Promise.all([smtp?.close(), service?.close()]);
});

const run = (name: string, payload: object = {}) => t.queue.runNow(name, payload, { dryRun: false, log });
const mailsTo = (address: string) => smtp.messages.filter((m) => m.to.includes(address));
const manageLinkIn = (text: string) =>
  /https?:\/\/\S+?(\/meldungen\/benachrichtigungen\/[A-Za-z0-9_-]{43})/.exec(text)?.[1];

async function open(url: string) {
  const res = await t.app.inject({ url, headers: { accept: 'text/html' } });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(res.body)?.[1] ?? '';
  return { res, session: { cookie: mergeCookies('', res.cookies), csrf } };
}

/** Subscribes by the e-mail form (no JavaScript), sends the confirmation mail and confirms; returns the manage path. */
async function subscribeByMail(email: string, fields: Record<string, string>): Promise<string> {
  const { session } = await open('/meldungen/benachrichtigungen');
  const res = await postForm(t, session, '/meldungen/benachrichtigungen', { email, ...fields });
  expect(res.statusCode).toBe(303);
  expect(res.headers.location).toBe('/meldungen/benachrichtigungen/gesendet');
  const { rows } = await t.db.query<{ id: number }>(
    'SELECT id::int AS id FROM report_alerts WHERE email = $1 ORDER BY id DESC LIMIT 1',
    [email],
  );
  const seen = smtp.messages.length;
  expect(await run('reports.alert-confirm', { alertId: rows[0]!.id })).toEqual({ outcome: 'sent' });
  const mail = await smtp.waitFor(
    (m) => smtp.messages.indexOf(m) >= seen && m.to.includes(email) && /bestätigen/.test(m.subject),
  );
  const path = manageLinkIn(mail.text)!;
  expect(path).toBeDefined();
  const page = await open(path);
  expect(page.res.body).toContain('Ja, benachrichtigen Sie mich');
  const confirmed = await postForm(t, page.session, `${path}/bestaetigen`);
  expect(confirmed.headers.location).toBe(`${path}?bestaetigt`);
  return path;
}

const digest = () => run('reports.alert-digest');
const isDigest = (m: ReceivedMail) => /^\d+ neue Meldung/.test(m.subject);
/** The URL of the RFC 8058 one-click header (folded lines joined). */
const oneClickOf = (m: ReceivedMail) =>
  /^List-Unsubscribe: <([^>]+)>$/m.exec(m.raw.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, ' '))?.[1];
const pushRun = () => run('reports.alert-push');

describe('subscribing by e-mail (no JavaScript)', () => {
  it('refuses bad input beside the fields and stores nothing', async () => {
    const before = await countRows(t.db, 'SELECT count(*)::int AS n FROM report_alerts');
    const { session } = await open('/meldungen/benachrichtigungen');
    const res = await postForm(t, session, '/meldungen/benachrichtigungen', {
      area: 'radius',
      address: 'Nirgendwostraße 99',
      radius: '777',
      email: 'kein-at-zeichen',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Diese Adresse haben wir nicht gefunden');
    expect(res.body).toContain('Geben Sie eine E-Mail-Adresse im Format name@beispiel.de ein.');
    expect(res.body).toContain('value="Nirgendwostraße 99"');
    const district = await postForm(t, session, '/meldungen/benachrichtigungen', {
      area: 'district',
      districtId: '',
      email: 'ok@example.org',
    });
    expect(district.statusCode).toBe(400);
    expect(district.body).toContain('Wählen Sie einen Stadtbezirk.');
    expect(await countRows(t.db, 'SELECT count(*)::int AS n FROM report_alerts')).toBe(before);
  });

  it('double opt-in: one confirmation mail, nothing before confirming, an expired link confirms nothing', async () => {
    const email = 'pending@example.org';
    const { session } = await open('/meldungen/benachrichtigungen');
    await postForm(t, session, '/meldungen/benachrichtigungen', {
      area: 'district',
      districtId: String(mitte),
      email,
    });
    const { rows } = await t.db.query<{ id: number }>('SELECT id::int AS id FROM report_alerts WHERE email = $1', [
      email,
    ]);
    const alertId = rows[0]!.id;
    await createReport(t.deps, { lat: 52.015, lon: 8.53 });
    expect(await digest()).toMatchObject({ mails: 0 });
    expect(await run('reports.alert-confirm', { alertId })).toEqual({ outcome: 'sent' });
    expect(await run('reports.alert-confirm', { alertId })).toEqual({ outcome: 'skipped' });
    const mail = await smtp.waitFor((m) => m.to.includes(email));
    expect(mail.subject).toBe('Bitte bestätigen Sie Ihre Benachrichtigung über neue Meldungen');
    expect(mail.text).toContain('Stadtbezirk Mitte');
    expect(mailsTo(email)).toHaveLength(1);

    // 49 hours later the link has expired: the page says so and confirming changes nothing.
    await t.db.query("UPDATE report_alerts SET created_at = created_at - interval '49 hours' WHERE id = $1", [alertId]);
    const path = manageLinkIn(mail.text)!;
    const page = await open(path);
    expect(page.res.body).toContain('der Link ist abgelaufen');
    const res = await postForm(t, session, `${path}/bestaetigen`);
    expect(res.headers.location).toBe(path);
    expect(
      await countRows(t.db, 'SELECT count(*)::int AS n FROM report_alerts WHERE id = $1 AND confirmed_at IS NULL', [
        alertId,
      ]),
    ).toBe(1);
  });
});

describe('the daily digest', () => {
  it('district matching: lists new public reports of the district only; never non-public ones', async () => {
    const email = 'bezirk@example.org';
    await subscribeByMail(email, { area: 'district', districtId: String(mitte) });
    const inMitte = await createReport(t.deps, {
      lat: 52.015,
      lon: 8.53,
      addressLabel: 'Obernstraße 3, 33602 Bielefeld',
    });
    const inSchildesche = await createReport(t.deps, { lat: 52.045, lon: 8.53 });
    const screening = await createReport(t.deps, { lat: 52.015, lon: 8.531, needsScreening: true });
    const hidden = await createReport(t.deps, { lat: 52.016, lon: 8.53 });
    const abusive = await createReport(t.deps, { lat: 52.017, lon: 8.53 });
    await t.db.query('UPDATE reports SET hidden = true WHERE id = $1', [hidden.id]);
    await t.db.query('UPDATE reports SET abusive = true WHERE id = $1', [abusive.id]);

    expect(await digest()).toMatchObject({ mails: 1, reports: 1 });
    const mail = await smtp.waitFor((m) => m.to.includes(email) && isDigest(m));
    expect(mail.subject).toBe('1 neue Meldung in Ihrer Nähe');
    expect(mail.text).toContain(inMitte.reference);
    expect(mail.text).toContain(`${t.config.publicUrl}/meldungen/${inMitte.reference}`);
    expect(mail.text).toContain('Obernstraße, Mitte');
    expect(mail.text).not.toContain('Obernstraße 3');
    for (const r of [inSchildesche, screening, hidden, abusive]) expect(mail.text).not.toContain(r.reference);
    expect(mail.html).toContain(`href="${t.config.publicUrl}/meldungen/${inMitte.reference}"`);
    // RFC 8058 one-click headers.
    expect(oneClickOf(mail)).toMatch(/^https?:\/\/\S+\/api\/reports\/alerts\/unsubscribe\/[A-Za-z0-9_-]{43}$/);
    expect(mail.raw).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');

    // A report screened later comes in the next digest.
    await t.db.query('UPDATE reports SET needs_screening = false WHERE id = $1', [screening.id]);
    t.clock.advance(day);
    expect(await digest()).toMatchObject({ mails: 1, reports: 1 });
    expect(mailsTo(email).at(-1)!.text).toContain(screening.reference);
    expect(mailsTo(email).at(-1)!.text).not.toContain(inMitte.reference);
  });

  it('radius matching: reports within the radius of the address, none beyond it in the same district', async () => {
    const email = 'umkreis@example.org';
    await subscribeByMail(email, { area: 'radius', address: 'Herforder Straße 1', radius: '500' });
    const near = await createReport(t.deps, { lat: home.lat + 300 * perMetre, lon: home.lon });
    const far = await createReport(t.deps, { lat: home.lat + 700 * perMetre, lon: home.lon });
    const east = await createReport(t.deps, {
      lat: home.lat,
      lon: home.lon + (450 * perMetre) / Math.cos((52.02 * Math.PI) / 180),
    });
    const eastFar = await createReport(t.deps, {
      lat: home.lat,
      lon: home.lon + (600 * perMetre) / Math.cos((52.02 * Math.PI) / 180),
    });
    expect(await digest()).toMatchObject({ mails: 1, reports: 2 });
    const mail = mailsTo(email).at(-1)!;
    expect(mail.text).toContain('500 m um Herforder Straße 1');
    expect(mail.text).toContain(near.reference);
    expect(mail.text).toContain(east.reference);
    expect(mail.text).not.toContain(far.reference);
    expect(mail.text).not.toContain(eastFar.reference);
    expect(mail.subject).toBe('2 neue Meldungen in Ihrer Nähe');
  });

  it('at most one mail a day (run twice, pinned clock); nothing when nothing is new', async () => {
    const email = 'einmal@example.org';
    await subscribeByMail(email, { area: 'district', districtId: String(schildesche) });
    expect(await digest()).toMatchObject({ mails: 0, subscribers: 0 });
    const first = await createReport(t.deps, { lat: 52.045, lon: 8.53 });
    expect(await digest()).toMatchObject({ mails: 1 });
    const second = await createReport(t.deps, { lat: 52.046, lon: 8.53 });
    expect(await digest()).toMatchObject({ mails: 0 });
    expect(mailsTo(email).filter(isDigest)).toHaveLength(1);

    t.clock.advance(day);
    expect(await digest()).toMatchObject({ mails: 1 });
    const digests = mailsTo(email).filter(isDigest);
    expect(digests).toHaveLength(2);
    expect(digests[1]!.text).toContain(second.reference);
    expect(digests[1]!.text).not.toContain(first.reference);
    expect(await digest()).toMatchObject({ mails: 0 });
  });

  it('one mail per address for several alerts; one-click unsubscribe ends them all, the link leads to the page', async () => {
    const email = 'zwei@example.org';
    const byDistrict = await subscribeByMail(email, { area: 'district', districtId: String(schildesche) });
    await subscribeByMail(email, { area: 'radius', address: 'Herforder Straße 1', radius: '250' });
    const a = await createReport(t.deps, { lat: 52.045, lon: 8.53 });
    const b = await createReport(t.deps, { lat: home.lat, lon: home.lon });
    expect(await digest()).toMatchObject({ mails: 1, reports: 2 });
    const mail = mailsTo(email).at(-1)!;
    expect(mail.text).toContain(a.reference);
    expect(mail.text).toContain(b.reference);

    const oneClick = new URL(oneClickOf(mail)!);
    const get = await t.app.inject({ url: oneClick.pathname });
    expect(get.statusCode).toBe(303);
    expect(get.headers.location).toMatch(/^\/meldungen\/benachrichtigungen\/[A-Za-z0-9_-]{43}$/);
    expect(
      await countRows(t.db, 'SELECT count(*)::int AS n FROM report_alerts WHERE email = $1 AND ended_at IS NULL', [
        email,
      ]),
    ).toBe(2);
    const post = await t.app.inject({
      method: 'POST',
      url: oneClick.pathname,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(post.statusCode).toBe(200);
    expect(
      await countRows(t.db, 'SELECT count(*)::int AS n FROM report_alerts WHERE email = $1 AND ended_at IS NULL', [
        email,
      ]),
    ).toBe(0);
    expect((await open(byDistrict)).res.body).toContain('Beendet');

    t.clock.advance(day);
    await createReport(t.deps, { lat: 52.046, lon: 8.53 });
    const before = mailsTo(email).length;
    await digest();
    expect(mailsTo(email)).toHaveLength(before);
    const junk = await t.app.inject({ method: 'POST', url: '/api/reports/alerts/unsubscribe/nope' });
    expect(junk.statusCode).toBe(404);
  });

  it('respects the daily cap per address: a capped digest is dropped and its reports come the next day', async () => {
    const email = 'cap@example.org';
    await subscribeByMail(email, { area: 'district', districtId: String(mitte) });
    // The cap is 3 a day; other mails to this address (status mails, …) have used it up today.
    t.clock.advance(day);
    const { takeRecipientQuota } = await import('../../../platform/mail/index.js');
    for (let i = 0; i < 3; i++) await takeRecipientQuota(t.db, t.config, email, t.deps.now());
    const r = await createReport(t.deps, { lat: 52.015, lon: 8.53 });
    expect(await digest()).toMatchObject({ mails: 0, capped: 1 });
    t.clock.advance(day);
    expect(await digest()).toMatchObject({ mails: 1 });
    expect(mailsTo(email).at(-1)!.text).toContain(r.reference);
  });
});

describe('refused addresses', () => {
  it('ends the alerts of an address the mail server refuses for good', async () => {
    const email = 'gone@example.org';
    const { session } = await open('/meldungen/benachrichtigungen');
    await postForm(t, session, '/meldungen/benachrichtigungen', { area: 'district', districtId: String(mitte), email });
    // As if confirmed before the mailbox went away.
    await t.db.query('UPDATE report_alerts SET confirmed_at = created_at WHERE email = $1', [email]);
    await createReport(t.deps, { lat: 52.015, lon: 8.53 });
    expect(await digest()).toMatchObject({ mails: 0, refused: 1 });
    expect(
      await countRows(t.db, 'SELECT count(*)::int AS n FROM report_alerts WHERE email = $1 AND ended_at IS NULL', [
        email,
      ]),
    ).toBe(0);
  });
});

describe('push alerts', () => {
  it('one push per new public report through the local push service, without personal data, never twice', async () => {
    const receiver = service.subscribe();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/reports/alerts',
      headers: { 'content-type': 'application/json' },
      // As client/push-opt-in.ts posts the form: choices as strings, an id as a number.
      payload: {
        subscription: { endpoint: receiver.endpoint, expirationTime: null, keys: receiver.keys },
        area: 'district',
        districtId: mitte,
        address: '',
        addressId: '',
        radius: '500',
        language: 'en',
      },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().managePath).toMatch(/^\/meldungen\/benachrichtigungen\/[A-Za-z0-9_-]{43}$/);

    const secret = {
      reporterName: 'Geheim Person',
      reporterEmail: 'geheim@example.org',
      reporterPhone: '0521 999999',
      description: 'Vor meiner Haustür, ich wohne hier',
      addressLabel: 'Herforder Straße 7, 33602 Bielefeld',
    };
    const shown = await createReport(t.deps, { lat: 52.015, lon: 8.53, ...secret });
    const screening = await createReport(t.deps, { lat: 52.015, lon: 8.531, needsScreening: true });
    await createReport(t.deps, { lat: 52.045, lon: 8.53 });
    expect(await pushRun()).toEqual({ queued: 1 });
    expect(await pushRun()).toEqual({ queued: 0 });
    await deliverPending(t.deps);
    const arrived = service.received.filter((m) => m.subscriptionId === receiver.id).map((m) => JSON.parse(m.payload));
    expect(arrived).toEqual([
      {
        title: 'New report: District Mitte',
        body: `Fly-tipping, Herforder Straße, Mitte (${shown.reference})`,
        url: `${t.config.publicUrl}/meldungen/${shown.reference}`,
        tag: `report-alert-${shown.id}`,
      },
    ]);
    const text = JSON.stringify(arrived);
    for (const v of Object.values(secret)) expect(text).not.toContain(v);
    expect(text).not.toContain(screening.reference);

    // Ending the alert (the manage page, no JavaScript) stops further pushes and drops the engine's topic.
    const page = await open(res.json().managePath);
    expect(page.res.body).toContain('Eingeschaltet');
    const ended = await postForm(t, page.session, `${res.json().managePath}/abbestellen`);
    // The browser had nothing else with us: its subscription went with the topic, and the alert with it.
    expect(ended.headers.location).toBe('/meldungen/benachrichtigungen/beendet');
    expect((await open('/meldungen/benachrichtigungen/beendet')).res.body).toContain(
      'Die Benachrichtigung ist beendet.',
    );
    expect(
      await countRows(t.db, 'SELECT count(*)::int AS n FROM push_subscriptions WHERE endpoint = $1', [
        receiver.endpoint,
      ]),
    ).toBe(0);
    await createReport(t.deps, { lat: 52.016, lon: 8.53 });
    expect(await pushRun()).toEqual({ queued: 0 });
  });

  it('refuses a bad area with problem+json field errors in the asked language', async () => {
    const receiver = service.subscribe();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/reports/alerts',
      headers: { 'content-type': 'application/json' },
      payload: {
        subscription: { endpoint: receiver.endpoint, keys: receiver.keys },
        area: 'radius',
        address: 'Herforder Straße 1',
        radius: '3',
        language: 'en',
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().errors).toEqual([{ field: 'radius', message: 'Choose a distance from the list.' }]);
  });
});

describe('limits', () => {
  it('rate-limits subscribing per client address, like the other public writes', async () => {
    const limited = await buildTestApp({ env: { SMTP_URL: smtp.url, RATE_LIMIT_PUBLIC_WRITES_PER_MINUTE: '2' } });
    try {
      const res = await limited.app.inject({ url: '/meldungen/benachrichtigungen', headers: { accept: 'text/html' } });
      const session = {
        cookie: mergeCookies('', res.cookies),
        csrf: /name="_csrf" value="([^"]+)"/.exec(res.body)?.[1] ?? '',
      };
      const codes: number[] = [];
      for (let i = 0; i < 3; i++) {
        const r = await postForm(limited, session, '/meldungen/benachrichtigungen', { area: 'district', email: 'x' });
        codes.push(r.statusCode);
      }
      expect(codes).toEqual([400, 400, 429]);
      const junk = await limited.app.inject({ url: '/api/reports/alerts/unsubscribe/..%2F..%2Fadmin' });
      expect(junk.statusCode).toBe(404);
    } finally {
      await limited.close();
    }
  });
});

describe('retention', () => {
  it('deletes unconfirmed alerts after 48 hours and ended ones after 7 days', async () => {
    const m = t.config.municipality.id;
    const { session } = await open('/meldungen/benachrichtigungen');
    await postForm(t, session, '/meldungen/benachrichtigungen', {
      area: 'district',
      districtId: String(mitte),
      email: 'purge-pending@example.org',
    });
    await subscribeByMail('purge-ended@example.org', { area: 'district', districtId: String(mitte) });
    await t.db.query("UPDATE report_alerts SET ended_at = $1 WHERE email = 'purge-ended@example.org'", [
      new Date(t.deps.now().getTime() - 6 * day),
    ]);
    const dry = await t.queue.runNow('reports.alert-purge', {}, { dryRun: true, log });
    expect(dry).toMatchObject({ dryRun: true });
    const kept = () =>
      countRows(
        t.db,
        "SELECT count(*)::int AS n FROM report_alerts WHERE municipality_id = $1 AND email LIKE 'purge-%'",
        [m],
      );
    expect(await kept()).toBe(2);
    t.clock.advance(2 * day);
    await run('reports.alert-purge');
    expect(await kept()).toBe(0);
  });
});
