import { compactDecrypt, exportJWK, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverPending } from '../../../platform/push/index.js';
import { buildTestApp, countRows, type TestApp } from '../../../test/app.js';
import { loginCitizen, testSamlIdp } from '../../../test/citizen-login.js';
import { type FilePart, postMultipart } from '../../../test/factories/multipart.js';
import type { Browserish } from '../../../test/factories/report-form.js';
import { createTestDepartment } from '../../../test/factories/reports.js';
import { createStaff, login, mergeCookies, postForm } from '../../../test/factories/users.js';
import { type LocalPushService, startPushService } from '../../../test/push-service.js';
import { type SmtpStub, startSmtp } from '../../../test/smtp.js';
import { seedServicesDemo } from '../../services/import.js';
import { importDefinitions, readDemoDefinitions } from '../core/catalogue.js';
import type { ApplicationDocument } from '../core/document.js';

// A logged-in citizen (local BundID stand-in) applies for a residents' parking permit, pre-filled from the login;
// the office stores its key, changes the status and writes; the citizen's mailbox shows both. Another citizen sees
// nothing of it.

let t: TestApp;
let smtp: SmtpStub;
let push: LocalPushService;
let privateKey: CryptoKey;
let publicJwk: string;
const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

beforeAll(async () => {
  [smtp, push] = await Promise.all([startSmtp(), startPushService({ protocol: 'http' })]);
  t = await buildTestApp({ now: '2026-12-03T09:30:00Z', env: (await testSamlIdp()).env({ SMTP_URL: smtp.url }) });
  await seedServicesDemo(t.deps);
  await importDefinitions(t.deps, t.config.municipality.id, readDemoDefinitions());
  const pair = await generateKeyPair('RSA-OAEP-256', { modulusLength: 4096, extractable: true });
  privateKey = pair.privateKey;
  publicJwk = JSON.stringify({
    ...(await exportJWK(pair.publicKey)),
    kid: 'ordnungsamt-1',
    alg: 'RSA-OAEP-256',
    use: 'enc',
  });
}, 120_000);
afterAll(async () => {
  await t.close();
  await smtp?.close();
  await push?.close();
});

function send(session: Browserish, url: string, fields: Record<string, string>, files: FilePart[] = []) {
  return postMultipart(t, session, url, fields, files);
}

async function citizenSession(attributes: Record<string, string>, pseudonym: string): Promise<Browserish> {
  const cookie = await loginCitizen(t.app, { level: 'substantial', attributes, pseudonym });
  const page = await t.app.inject({ url: '/antraege/anwohnerparkausweis', headers: { accept: 'text/html', cookie } });
  expect(page.body).toContain('Angemeldet als');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
  return { cookie: mergeCookies(cookie, page.cookies), csrf };
}

describe('online applications with login, office inbox and mailbox', () => {
  it('takes the office key, then a logged-in application pre-filled from BundID, and answers in the mailbox', async () => {
    const admin = await login(t, await createStaff(t, { role: 'admin' }));
    // Without a key the office takes nothing online; a private key or a short key is refused beside the field.
    const keysPage = await t.app.inject({
      url: '/admin/antraege/schluessel',
      headers: { cookie: admin.cookie, accept: 'text/html' },
    });
    expect(keysPage.body).toContain('Kein Schlüssel');
    const weak = await generateKeyPair('RSA-OAEP-256', { modulusLength: 2048, extractable: true });
    const refused = await postForm(t, admin, '/admin/antraege/schluessel', {
      office: 'ordnungsamt',
      jwk: JSON.stringify({ ...(await exportJWK(weak.privateKey)), kid: 'x' }),
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('id="jwk-error"');
    const stored = await postForm(t, admin, '/admin/antraege/schluessel', { office: 'ordnungsamt', jwk: publicJwk });
    expect(stored.headers.location).toBe('/admin/antraege/schluessel?done=key');

    // Anonymous: the start page asks for a BundID login at the service's level.
    const anonymous = await t.app.inject({ url: '/antraege/anwohnerparkausweis', headers: { accept: 'text/html' } });
    expect(anonymous.body).toMatch(/href="\/antraege\/anmelden\?[^"]*niveau=basic/);

    const erika = await citizenSession(
      { givenName: 'Erika', familyName: 'Mustermann', street: 'Siegfriedplatz 1', postalCode: '33615' },
      'bpk2-erika',
    );
    const started = await send(erika, '/antraege/anwohnerparkausweis/start', {});
    expect(started.statusCode).toBe(303);
    const base = String(started.headers.location).replace(/\/1$/, '');
    const step1 = await t.app.inject({ url: `${base}/1`, headers: { accept: 'text/html', cookie: erika.cookie } });
    expect(step1.body).toContain('value="Erika"');
    expect(step1.body).toContain('value="Siegfriedplatz 1"');

    // Another citizen cannot open it, not even logged in at a higher level.
    const max = await citizenSession({ givenName: 'Max' }, 'bpk2-max');
    expect(
      (await t.app.inject({ url: `${base}/1`, headers: { accept: 'text/html', cookie: max.cookie } })).statusCode,
    ).toBe(404);

    expect(
      (
        await send(erika, `${base}/1`, {
          givenName: 'Erika',
          familyName: 'Mustermann',
          street: 'Siegfriedplatz 1',
          postalCode: '33615',
          email: '',
        })
      ).headers.location,
    ).toBe(`${base}/2`);
    expect(
      (
        await send(erika, `${base}/2`, { zone: 'c', plate: 'BI-EM 123', holder: 'self' }, [
          { field: 'registration', data: pdf, name: 'fahrzeugschein.pdf' },
        ])
      ).headers.location,
    ).toBe(`${base}/3`);
    expect((await send(erika, `${base}/3`, { truthful: 'yes' })).headers.location).toBe(`${base}/pruefen`);
    // A notification address that is no address is refused beside its field on the summary, and nothing is sent.
    const badMail = await send(erika, `${base}/senden`, { benachrichtigung: 'erika.at.example' });
    expect(badMail.statusCode).toBe(400);
    expect(badMail.body).toContain('id="benachrichtigung-error"');
    const sent = await send(erika, `${base}/senden`, { benachrichtigung: 'erika@example.org' });
    expect(sent.statusCode).toBe(303);
    // The status link's page lets this browser follow the application by push.
    const token = /\/antraege\/status\/([A-Za-z0-9_-]{43})/.exec(String(sent.headers.location))?.[1] ?? '';
    const receiver = push.subscribe();
    const follow = await t.app.inject({
      method: 'POST',
      url: `/api/applications/status/${token}/push`,
      headers: { 'content-type': 'application/json' },
      payload: {
        subscription: { endpoint: receiver.endpoint, expirationTime: null, keys: receiver.keys },
        language: 'de',
      },
    });
    expect(follow.statusCode).toBe(201);
    const unknown = await t.app.inject({
      method: 'POST',
      url: `/api/applications/status/${'x'.repeat(43)}/push`,
      headers: { 'content-type': 'application/json' },
      payload: { subscription: { endpoint: receiver.endpoint, expirationTime: null, keys: receiver.keys } },
    });
    expect(unknown.statusCode).toBe(404);

    const mailbox = await t.app.inject({
      url: '/antraege/postfach',
      headers: { accept: 'text/html', cookie: erika.cookie },
    });
    const id = /href="\/antraege\/postfach\/([0-9a-f-]{36})"/.exec(mailbox.body)?.[1];
    expect(id).toBeDefined();
    expect(mailbox.body).toContain('Eingegangen');
    expect(
      (await t.app.inject({ url: `/antraege/postfach/${id}`, headers: { accept: 'text/html', cookie: max.cookie } }))
        .statusCode,
    ).toBe(404);
    expect(
      (await t.app.inject({ url: '/antraege/postfach', headers: { accept: 'text/html', cookie: max.cookie } })).body,
    ).not.toContain(id);

    // The office: the inbox lists it to the Ordnungsamt's staff (set as responsible on the keys page), the page
    // carries only ciphertext, which the office's key opens. Staff of another department see none of it.
    const ordnungsamt = await createTestDepartment(t.deps, `Ordnungsamt ${Math.random()}`);
    const elsewhere = await createTestDepartment(t.deps, `Bauamt ${Math.random()}`);
    const assigned = await postForm(t, admin, '/admin/antraege/zustaendigkeit', {
      office: 'ordnungsamt',
      'departments-ordnungsamt': [String(ordnungsamt)],
    });
    expect(assigned.headers.location).toBe('/admin/antraege/schluessel?done=departments');
    const clerk = await login(t, await createStaff(t, { role: 'department_staff', departmentIds: [ordnungsamt] }));
    const stranger = await login(t, await createStaff(t, { role: 'department_staff', departmentIds: [elsewhere] }));
    const strangersInbox = await t.app.inject({
      url: '/admin/antraege',
      headers: { accept: 'text/html', cookie: stranger.cookie },
    });
    expect(strangersInbox.body).not.toContain(`/admin/antraege/${id}`);
    expect(
      (await t.app.inject({ url: `/admin/antraege/${id}`, headers: { accept: 'text/html', cookie: stranger.cookie } }))
        .statusCode,
    ).toBe(404);
    expect(
      (await postForm(t, stranger, `/admin/antraege/${id}/status`, { status: 'decided', message: 'x' })).statusCode,
    ).toBe(404);
    const inbox = await t.app.inject({
      url: '/admin/antraege',
      headers: { accept: 'text/html', cookie: clerk.cookie },
    });
    expect(inbox.body).toContain(`href="/admin/antraege/${id}"`);
    const item = await t.app.inject({
      url: `/admin/antraege/${id}`,
      headers: { accept: 'text/html', cookie: clerk.cookie },
    });
    expect(item.body).not.toContain('BI-EM 123');
    const jwe = /data-jwe="([^"]+)"/.exec(item.body)?.[1] ?? '';
    const doc = JSON.parse(
      new TextDecoder().decode((await compactDecrypt(jwe, privateKey)).plaintext),
    ) as ApplicationDocument;
    expect(doc.applicant).toEqual({ loggedIn: true, trustLevel: 'substantial' });
    expect(doc.answers.find((a) => a.key === 'plate')?.value).toBe('BI-EM 123');
    expect(doc.answers.find((a) => a.key === 'street')?.value).toBe('Siegfriedplatz 1');

    const empty = await postForm(t, clerk, `/admin/antraege/${id}/status`, { status: '', message: '' });
    expect(empty.statusCode).toBe(400);
    const changed = await postForm(t, clerk, `/admin/antraege/${id}/status`, {
      status: 'documents_requested',
      message: 'Bitte reichen Sie die Meldebescheinigung nach.',
    });
    expect(changed.statusCode).toBe(303);
    const detail = await t.app.inject({
      url: `/antraege/postfach/${id}`,
      headers: { accept: 'text/html', cookie: erika.cookie },
    });
    expect(detail.body).toContain('Unterlagen nachgefordert');
    expect(detail.body).toContain('Bitte reichen Sie die Meldebescheinigung nach.');
    expect(await countRows(t.db, `SELECT count(*)::int AS n FROM audit_log WHERE action = 'application.status'`)).toBe(
      1,
    );
    // Documents back: a disguised file is refused beside its field, a PDF reaches the applicant (and only them).
    const disguised = await send(clerk, `/admin/antraege/${id}/status`, { status: '', message: 'Ihr Bescheid' }, [
      { field: 'dokumente', data: Buffer.from('MZ not a pdf'), name: 'bescheid.pdf' },
    ]);
    expect(disguised.statusCode).toBe(400);
    expect(disguised.body).toContain('id="dokumente-error"');
    const decision = Buffer.concat([pdf, Buffer.from('% Bescheid\n%%EOF\n')]);
    const withDocument = await send(
      clerk,
      `/admin/antraege/${id}/status`,
      { status: 'decided', message: 'Ihr Bescheid liegt bei.' },
      [{ field: 'dokumente', data: decision, name: 'Bescheid A.pdf' }],
    );
    expect(withDocument.statusCode).toBe(303);
    const decided = await t.app.inject({
      url: `/antraege/postfach/${id}`,
      headers: { accept: 'text/html', cookie: erika.cookie },
    });
    const href = /href="(\/antraege\/postfach\/[^"]+\/dokumente\/[0-9a-f-]{36})"/.exec(decided.body)?.[1] ?? '';
    const download = await t.app.inject({ url: href, headers: { cookie: erika.cookie } });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.rawPayload.equals(decision)).toBe(true);
    expect((await t.app.inject({ url: href, headers: { cookie: max.cookie } })).statusCode).toBe(404);
    const viaLink = await t.app.inject({ url: `/antraege/status/${token}` });
    const linkHref = /href="(\/antraege\/status\/[^"]+\/dokumente\/[0-9a-f-]{36})"/.exec(viaLink.body)?.[1] ?? '';
    expect((await t.app.inject({ url: linkHref })).rawPayload.equals(decision)).toBe(true);
    expect((await t.app.inject({ url: linkHref.replace(token, 'y'.repeat(43)) })).statusCode).toBe(404);

    // The news reaches the push service and the mailbox address: the reference and the kind of news, no content.
    await deliverPending(t.deps);
    const arrived = push.received.filter((m) => m.subscriptionId === receiver.id).map((m) => JSON.parse(m.payload));
    const reference = /A-2026-\d{6}/.exec(detail.body)?.[0];
    expect(arrived[0]).toEqual({
      title: `Neuigkeiten zu Ihrem Antrag ${reference}`,
      body: 'Neuer Stand: Entschieden',
      url: '/antraege/postfach',
      tag: `application-${reference}`,
    });
    // Both changes were queued before delivery: the newer replaces the older (RFC 8030 Topic), one message arrives.
    expect(arrived).toHaveLength(1);
    const { rows } = await t.db.query<{ id: number }>('SELECT max(id)::int AS id FROM application_events');
    expect(
      await t.queue.runNow('applications.notify-mail', { eventId: rows[0]!.id }, { dryRun: false, log: t.app.log }),
    ).toEqual({ sent: 1, skipped: 0 });
    const mail = await smtp.waitFor((m) => m.to.includes('erika@example.org'));
    expect(mail.subject).toBe(`Neuigkeiten zu Ihrem Antrag ${reference}`);
    expect(mail.text).toContain('Neuer Stand: Entschieden');
    for (const secret of ['Meldebescheinigung', 'BI-EM 123', 'Mustermann', 'Siegfriedplatz']) {
      expect(mail.text).not.toContain(secret);
      expect(JSON.stringify(arrived)).not.toContain(secret);
    }
  });

  it('keeps the inbox to staff who work on applications', async () => {
    const editor = await login(t, await createStaff(t, { role: 'editor' }));
    expect(
      (await t.app.inject({ url: '/admin/antraege', headers: { accept: 'text/html', cookie: editor.cookie } }))
        .statusCode,
    ).toBe(403);
    const clerk = await login(
      t,
      await createStaff(t, {
        role: 'department_staff',
        departmentIds: [await createTestDepartment(t.deps, `Ordnungsamt ${Math.random()}`)],
      }),
    );
    expect(
      (
        await t.app.inject({
          url: '/admin/antraege/schluessel',
          headers: { accept: 'text/html', cookie: clerk.cookie },
        })
      ).statusCode,
    ).toBe(403);
  });
});
