import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportJWK, generateKeyPair } from 'jose';
import { PDFParse } from 'pdf-parse';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverPending } from '../../platform/push/index.js';
import { buildTestApp, type TestApp } from '../../test/app.js';
import { expectAccessible, freePort, launchBrowser, openPage } from '../../test/browser.js';
import { createTestDepartment } from '../../test/factories/reports.js';
import { createStaff, type TestStaff } from '../../test/factories/users.js';
import { type LocalPushService, startPushService } from '../../test/push-service.js';
import { type SamlIdp, startSamlIdp } from '../../test/saml-idp.js';
import { type SmtpStub, startSmtp } from '../../test/smtp.js';
import { seedServicesDemo } from '../services/import.js';
import { importDefinitions, readDemoDefinitions } from './core/catalogue.js';
import { setOfficeKey } from './core/office-keys.js';
import { setOfficeDepartments } from './inbox/service.js';

// The whole online application in Chromium: log in at the local BundID, fill the Bewohnerparkausweis with an
// attachment, check the filled-in PDF, send (the browser encrypts with JavaScript, the server without), the office
// opens it in its browser with its private key file and answers, and the answer reaches the applicant's mailbox
// and the push service. axe-core checks every page on the way.

let browser: Browser;
let idp: SamlIdp;
let smtp: SmtpStub;
let push: LocalPushService;
let t: TestApp;
let url: string;
let clerk: TestStaff;
let keyFile: string;
const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

beforeAll(async () => {
  [browser, idp, smtp, push] = await Promise.all([
    launchBrowser(),
    startSamlIdp(),
    startSmtp(),
    startPushService({ protocol: 'http' }),
  ]);
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  t = await buildTestApp({ now: '2026-12-03T09:30:00Z', env: idp.env({ PUBLIC_URL: url, SMTP_URL: smtp.url }) });
  await t.app.listen({ port, host: '127.0.0.1' });
  await seedServicesDemo(t.deps);
  await importDefinitions(t.deps, t.config.municipality.id, readDemoDefinitions());
  const pair = await generateKeyPair('RSA-OAEP-256', { modulusLength: 4096, extractable: true });
  const kid = 'ordnungsamt-test';
  await setOfficeKey(t.deps, t.config.municipality.id, 'ordnungsamt', { ...(await exportJWK(pair.publicKey)), kid });
  await setOfficeKey(t.deps, t.config.municipality.id, 'finanzamt-stadt', {
    ...(await exportJWK(pair.publicKey)),
    kid: 'finanzamt-test',
  });
  keyFile = join(t.config.dataDir, 'ordnungsamt.private.jwk.json');
  writeFileSync(keyFile, JSON.stringify({ ...(await exportJWK(pair.privateKey)), kid, alg: 'RSA-OAEP-256' }));
  const department = await createTestDepartment(t.deps, 'Ordnungsamt');
  clerk = await createStaff(t, { role: 'department_staff', departmentIds: [department] });
  await setOfficeDepartments(t.deps, t.config.municipality.id, 'ordnungsamt', [department], {
    id: null,
    label: 'test',
  });
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
  await Promise.all([idp?.close(), smtp?.close(), push?.close()]);
});

const x = {
  de: {
    login: 'Mit BundID anmelden',
    start: 'Antrag starten',
    next: 'Weiter',
    zone: 'Bewohnerparkzone',
    plate: 'Kennzeichen',
    self: 'Ich selbst',
    registration: 'Fahrzeugschein (Zulassungsbescheinigung Teil I)',
    truthful: 'Ich versichere, dass meine Angaben stimmen.',
    postcode: 'Postleitzahl',
    notify: 'E-Mail-Adresse für Hinweise auf Neuigkeiten (freiwillig)',
    send: 'Antrag verbindlich absenden',
    sent: 'Ihr Antrag ist angekommen',
    encrypted: 'auf unserem Server verschlüsselt',
    mailbox: 'Meine Anträge und Nachrichten',
    requested: 'Unterlagen nachgefordert',
  },
  en: {
    login: 'Log in with BundID',
    start: 'Start application',
    next: 'Next',
    zone: "Residents' parking zone",
    plate: 'Number plate',
    self: 'I am',
    registration: 'Vehicle registration certificate (Part I)',
    truthful: 'I confirm that my details are true.',
    postcode: 'Postcode',
    notify: 'Email address for notices of news (optional)',
    send: 'Send the application',
    sent: 'Your application has arrived',
    encrypted: 'encrypted in your browser',
    mailbox: 'My applications and messages',
    requested: 'Documents requested',
  },
} as const;

/** The office: signs in, opens the application with the key file, checks the content and asks for documents. */
async function officeAnswers(reference: string, plate: string): Promise<void> {
  const { page, context, foreign } = await openPage(browser, url);
  await page.goto(`${url}/admin/login`);
  await page.getByLabel('E-Mail-Adresse').fill(clerk.email);
  await page.getByLabel('Passwort', { exact: true }).fill(clerk.password);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await page.waitForURL(`${url}/admin`);
  await page.goto(`${url}/admin/antraege`);
  await expectAccessible(page);
  await page.getByRole('link', { name: reference }).click();
  await page.locator('#office-key').setInputFiles(keyFile);
  await page.locator('[data-decrypted] dd').filter({ hasText: plate }).waitFor();
  await page.locator('[data-decrypted] a').filter({ hasText: 'fahrzeugschein.pdf' }).waitFor();
  await expectAccessible(page);
  await page.getByLabel('Neuer Stand').selectOption('documents_requested');
  await page
    .getByLabel('Nachricht an die antragstellende Person')
    .fill('Bitte reichen Sie die Meldebescheinigung nach.');
  await page
    .getByLabel('Dokumente für die antragstellende Person')
    .setInputFiles({ name: 'Nachforderung.pdf', mimeType: 'application/pdf', buffer: pdf });
  await page.getByRole('button', { name: 'Speichern' }).click();
  await page.getByText('Gespeichert.').waitFor();
  expect(foreign).toEqual([]);
  await context.close();
}

async function fillPermit(page: Page, lang: 'de' | 'en', plate: string, javaScript: boolean): Promise<void> {
  const s = x[lang];
  await page.getByRole('button', { name: s.start }).click();
  await page.waitForURL(/\/1$/);
  // Pre-filled from the login (Erika Mustermann); the postcode is ours to give.
  expect(await page.getByLabel('Vorname').or(page.getByLabel('Given name')).inputValue()).toBe('Erika');
  await expectAccessible(page);
  await page.getByLabel(s.postcode).fill('33615');
  await page.getByRole('button', { name: s.next, exact: true }).click();
  await page.waitForURL(/\/2$/);
  await page.getByLabel(s.zone).selectOption('c');
  await page.getByLabel(s.plate).fill(plate);
  await page.getByLabel(s.self).check();
  // The keeper's name is asked only for someone else's car: with JavaScript it hides, without it says so in words.
  const keeper = page.getByLabel(
    lang === 'de' ? 'Name der Halterin, des Halters oder der Firma' : 'Name of the keeper or company',
  );
  expect(await keeper.isVisible()).toBe(!javaScript);
  await page
    .getByLabel(s.registration)
    .setInputFiles({ name: 'fahrzeugschein.pdf', mimeType: 'application/pdf', buffer: pdf });
  await page.getByRole('button', { name: s.next, exact: true }).click();
  await page.waitForURL(/\/3$/);
  await page.getByLabel(s.truthful).check();
  await page.getByRole('button', { name: s.next, exact: true }).click();
  await page.waitForURL(/\/pruefen$/);
}

describe('an online application from login to the office’s answer', () => {
  for (const [lang, javaScript] of [
    ['de', false],
    ['en', true],
  ] as const) {
    it(`${lang}, ${javaScript ? 'with' : 'without'} JavaScript`, async () => {
      const s = x[lang];
      const plate = javaScript ? 'BI-JS 42' : 'BI-NO 7';
      const { page, context, foreign } = await openPage(browser, url, { javaScript, locale: lang });
      await context.route(`${idp.url}/**`, (route) => route.continue());
      await page.goto(`${url}/antraege?lang=${lang}`);
      await expectAccessible(page);
      await page
        .getByRole('link', {
          name: lang === 'de' ? 'Bewohnerparkausweis beantragen' : "Apply for a residents' parking permit",
        })
        .click();
      await expectAccessible(page);
      await page.getByRole('link', { name: new RegExp(s.login) }).click();
      await page.waitForURL((u) => u.href.startsWith(idp.url));
      await page.getByLabel('Erika Mustermann').check();
      await page.getByRole('button', { name: 'Anmelden' }).click();
      if (!javaScript) await page.getByRole('button', { name: 'Weiter' }).click();
      await page.waitForURL(`${url}/antraege/anwohnerparkausweis`);
      await fillPermit(page, lang, plate, javaScript);
      await expectAccessible(page);

      // The filled-in PDF holds what the summary shows.
      const pdfPath = await page.getByRole('link', { name: /PDF/ }).last().getAttribute('href');
      const printed = await context.request.get(`${url}${pdfPath}`);
      const parser = new PDFParse({ data: new Uint8Array(await printed.body()) });
      const text = (await parser.getText()).text.replace(/\s+/g, ' ');
      await parser.destroy();
      for (const v of ['Erika', 'Mustermann', plate, '33615', 'fahrzeugschein.pdf']) expect(text).toContain(v);

      await page.getByLabel(s.notify).fill('erika@example.org');
      await page.getByRole('button', { name: s.send }).click();
      await page.waitForURL(/\/antraege\/status\/[A-Za-z0-9_-]{43}\?neu=1$/);
      await page.getByText(s.sent).waitFor();
      expect(await page.locator('main').textContent()).toContain(javaScript ? s.encrypted : x.de.encrypted);
      await expectAccessible(page);
      const token = /status\/([A-Za-z0-9_-]{43})/.exec(page.url())?.[1] ?? '';
      const reference = /A-2026-\d{6}/.exec((await page.locator('h1').textContent()) ?? '')?.[0] ?? '';
      expect(reference).not.toBe('');

      // This device follows the application by push (as client/push-opt-in.ts posts the subscription).
      const receiver = push.subscribe();
      const follow = await context.request.post(`${url}/api/applications/status/${token}/push`, {
        data: {
          subscription: { endpoint: receiver.endpoint, expirationTime: null, keys: receiver.keys },
          language: lang,
        },
      });
      expect(follow.status()).toBe(201);

      await officeAnswers(reference, plate);

      await page.goto(`${url}/antraege/postfach`);
      await page.getByRole('heading', { level: 1, name: s.mailbox }).waitFor();
      await page.getByRole('link', { name: new RegExp(reference) }).click();
      await page.getByText('Bitte reichen Sie die Meldebescheinigung nach.').waitFor();
      expect(await page.locator('main').textContent()).toContain(s.requested);
      const document = await context.request.get(
        `${url}${await page.getByRole('link', { name: /Nachforderung\.pdf/ }).getAttribute('href')}`,
      );
      expect(Buffer.from(await document.body()).equals(pdf)).toBe(true);
      await expectAccessible(page);
      await deliverPending(t.deps);
      const arrived = push.received.filter((m) => m.subscriptionId === receiver.id).map((m) => JSON.parse(m.payload));
      expect(arrived).toHaveLength(1);
      expect(arrived[0].title).toContain(reference);
      expect(JSON.stringify(arrived)).not.toContain('Meldebescheinigung');
      expect(foreign).toEqual([]);
      await context.close();
    }, 240_000);
  }

  it('the other pages are accessible too: a step with its messages, the link-out, the mailbox without login, the keys', async () => {
    const { page, context, foreign } = await openPage(browser, url, { javaScript: false });
    await page.goto(`${url}/antraege/hundeanmeldung`);
    await page.getByRole('button', { name: 'Antrag starten' }).click();
    await page.waitForURL(/\/1$/);
    await page.getByRole('button', { name: 'Weiter', exact: true }).click();
    await page.locator('#givenName-error').waitFor();
    await expectAccessible(page);
    for (const path of ['/antraege/einbuergerung', '/antraege/postfach', '/antraege/sperrmuell-termin']) {
      await page.goto(`${url}${path}`);
      await expectAccessible(page);
    }
    await context.close();
    const admin = await createStaff(t, { role: 'admin' });
    const office = await openPage(browser, url);
    await office.page.goto(`${url}/admin/login`);
    await office.page.getByLabel('E-Mail-Adresse').fill(admin.email);
    await office.page.getByLabel('Passwort', { exact: true }).fill(admin.password);
    await office.page.getByRole('button', { name: 'Anmelden' }).click();
    await office.page.waitForURL(`${url}/admin`);
    await office.page.goto(`${url}/admin/antraege/schluessel`);
    await office.page.getByRole('button', { name: /Schlüsselpaar in diesem Browser erzeugen/ }).waitFor();
    await expectAccessible(office.page);
    expect([...foreign, ...office.foreign]).toEqual([]);
    await office.context.close();
  }, 180_000);
});
