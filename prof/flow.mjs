import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const base = process.env.BASE;
const out = '/tmp/flow';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const check = async (page, file) => {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
  const raw = await page.evaluate(() =>
    (document.body.innerText.match(/\b[a-z]+(\.[a-zA-Z]+){2,}\b/g) ?? []).filter(
      (s) => !/www|\.de$|\.pdf$|\.json$|\.org$/.test(s),
    ),
  );
  await page.screenshot({ path: `${out}/${file}.png`, fullPage: true });
  if (overflow || raw.length) console.log(file, overflow ? 'OVERFLOW' : '', raw.join(' '));
};
let statusUrl;
for (const [name, vp] of [
  ['phone', { width: 390, height: 844 }],
  ['laptop', { width: 1280, height: 800 }],
]) {
  for (const [lang, js] of [
    ['de', false],
    ['en', true],
    ['de', true],
    ['en', false],
  ]) {
    const tag = `${name}-${lang}-${js ? 'js' : 'nojs'}`;
    const ctx = await browser.newContext({ viewport: vp, javaScriptEnabled: js, locale: lang });
    const page = await ctx.newPage();
    await page.goto(`${base}/antraege/hundeanmeldung?lang=${lang}`);
    await page.getByRole('button', { name: lang === 'de' ? 'Antrag starten' : 'Start application' }).click();
    await page.waitForURL(/\/1$/);
    const next = page.getByRole('button', { name: lang === 'de' ? 'Weiter' : 'Next', exact: true });
    await next.click();
    await page.waitForLoadState();
    await check(page, `${tag}-1-errors`);
    const F = (de, en) => page.getByLabel(lang === 'de' ? de : en, { exact: true });
    await F('Vorname', 'Given name').fill('Erika');
    await F('Nachname', 'Family name').fill('Mustermann');
    await F('Geburtsdatum', 'Date of birth').fill('1970-03-04');
    await F('Straße und Hausnummer', 'Street and house number').fill('Niederwall 23');
    await F('Postleitzahl', 'Postcode').fill('33602');
    await F('Ort', 'Town').fill('Bielefeld');
    await next.click();
    await page.waitForURL(/\/2$/);
    await check(page, `${tag}-2`);
    await F('Name des Hundes', "Dog's name").fill('Bello');
    await F('Seit wann halten Sie den Hund in Bielefeld?', 'Since when do you keep the dog in Bielefeld?').fill(
      '2026-11-20',
    );
    await F('Rasse oder Mischling', 'Breed or mixed').fill('Labrador');
    await page.getByLabel(lang === 'de' ? 'Ja' : 'Yes', { exact: true }).check();
    await F('Chipnummer', 'Microchip number').fill('276098106543210');
    await page
      .getByLabel(lang === 'de' ? 'Nachweis der Haftpflichtversicherung' : 'Proof of liability insurance')
      .setInputFiles({ name: 'police.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') });
    await next.click();
    await page.waitForURL(/pruefen$/);
    await check(page, `${tag}-summary`);
    await page
      .getByRole('button', { name: lang === 'de' ? 'Antrag verbindlich absenden' : 'Send the application' })
      .click();
    await page.waitForURL(/status/);
    statusUrl = page.url();
    await check(page, `${tag}-status`);
    await ctx.close();
  }
}
// The office.
const creds = readFileSync(process.env.CREDS, 'utf8');
const line = creds.split('\n').find((l) => /Administrat/.test(l));
const email = /(\S+@\S+)/.exec(line)[1];
const password = line
  .trim()
  .replace(/║/g, '')
  .trim()
  .split(/\s{2,}/)
  .pop();
for (const [name, vp] of [
  ['phone', { width: 390, height: 844 }],
  ['laptop', { width: 1280, height: 800 }],
]) {
  const ctx = await browser.newContext({ viewport: vp, locale: 'de' });
  const page = await ctx.newPage();
  await page.goto(`${base}/admin/login`);
  await page.getByLabel('E-Mail-Adresse').fill(email);
  await page.getByLabel('Passwort', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await page.waitForURL(/\/admin/);
  await page.goto(`${base}/admin/antraege`);
  await check(page, `${name}-office-inbox`);
  await page.locator('table a').first().click();
  await page.locator('#office-key').setInputFiles(process.env.KEY);
  await page.locator('[data-decrypted] dl').waitFor();
  await check(page, `${name}-office-item`);
  await page.goto(`${base}/admin/antraege/schluessel`);
  await check(page, `${name}-office-keys`);
  await ctx.close();
}
await browser.close();
console.log('done', statusUrl);
