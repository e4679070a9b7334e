import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, type LiveServer, launchBrowser, openPage, startServer } from '../../../test/browser.js';
import { seedTestAddresses } from '../../../test/factories/addresses.js';
import { reportsOf, seedFormCategories } from '../../../test/factories/report-form.js';
import { createReport } from '../../../test/factories/reports.js';

let browser: Browser;
let server: LiveServer;
let photo: string;
let potholes: number;

beforeAll(async () => {
  [browser, server] = await Promise.all([
    launchBrowser(),
    startServer({ env: { RATE_LIMIT_PUBLIC_WRITES_PER_MINUTE: '1000' } }),
  ]);
  const deps = server.t.deps;
  await seedTestAddresses(deps);
  potholes = (await seedFormCategories(deps)).potholes;
  await deps.db.query(
    `INSERT INTO landmarks (municipality_id, name, name_key, lat, lon)
     VALUES ($1, 'Kesselbrink', 'kesselbrink', 52.0225, 8.5365), ($1, 'Sparrenburg', 'sparrenburg', 52.0105, 8.5283),
            ($1, 'Hauptbahnhof', 'hauptbahnhof', 52.0293, 8.5328),
            ($1, 'Bahnhof Brackwede', 'bahnhofbrackwede', 52.0052, 8.5103)`,
    [deps.config.municipality.id],
  );
  // A real photo, as a camera would leave it on disk.
  photo = join(mkdtempSync(join(tmpdir(), 'bs-photo-')), 'schaden.jpg');
  writeFileSync(
    photo,
    await sharp({ create: { width: 640, height: 480, channels: 3, background: '#7a6' } })
      .jpeg()
      .toBuffer(),
  );
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const url = (path: string) => `${server.url}${path}`;

const reports = () => reportsOf(server.t);

/** Category and description: the parts every path fills the same way. */
async function chooseWaste(page: Page) {
  await page.getByLabel('Wilder Müll').check();
  // With JavaScript the category's questions appear in place.
  await page.getByRole('group', { name: 'Welche Art von Abfall?' }).getByLabel('Sperrmüll').check();
}

/** The proof of work runs as soon as the form has the focus; sending waits for it anyway. */
async function waitForProofOfWork(page: Page) {
  await expect.poll(() => page.locator('input[name="altcha"]').inputValue(), { timeout: 60_000 }).not.toBe('');
}

async function expectReceipt(page: Page): Promise<{ reference: string; statusPath: string }> {
  const heading = page.getByRole('heading', { level: 1, name: 'Vielen Dank für Ihre Meldung' });
  await heading.waitFor();
  const reference = (await page.locator('[data-slot="reference"]').textContent()) ?? '';
  expect(reference).toMatch(/^BI-\d{4}-\d{6}$/);
  const statusPath = (await page.getByRole('link', { name: 'Bearbeitungsstand ansehen' }).getAttribute('href')) ?? '';
  expect(statusPath).toMatch(/^\/meldungen\/status\/[\w-]{43}$/);
  expect(await page.getByLabel('Persönlicher Link', { exact: true }).inputValue()).toBe(
    `${server.t.config.publicUrl}${statusPath}`,
  );
  return { reference, statusPath };
}

/** No horizontal scrolling: the page fits its viewport. */
const fitsWidth = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

describe('location first with JavaScript', () => {
  it('on a phone: the map with the open reports, a landmark, the categories most reported there, nearby reports; the receipt has its own URL and survives reload and Back', async () => {
    // Open potholes at the Kesselbrink: on the map (three close together: one cluster), and their category first.
    for (let i = 0; i < 3; i++) {
      await createReport(server.t.deps, { categoryId: potholes, lat: 52.0226 + i * 0.0001, lon: 8.5366 });
    }
    const { page, context, foreign } = await openPage(browser, server.url);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(url('/melden'));
    const map = page.getByRole('region', { name: 'Karte: Ort des Mangels wählen' });
    await map.waitFor();
    // Where first: the map, then address and landmark, then what.
    const categories = page.getByRole('group', { name: '2. Was möchten Sie melden?' });
    const [mapBox, landmarkBox, categoryBox] = await Promise.all([
      map.boundingBox(),
      page.getByRole('combobox', { name: 'Bekannter Ort', exact: true }).boundingBox(),
      categories.boundingBox(),
    ]);
    expect(mapBox && landmarkBox && categoryBox).toBeTruthy();
    expect(mapBox?.y ?? 0).toBeLessThan(landmarkBox?.y ?? 0);
    expect(landmarkBox?.y ?? 0).toBeLessThan(categoryBox?.y ?? 0);
    await page.locator('.bs-picker-cluster', { hasText: '3' }).waitFor();
    await page.locator('[data-picker-reports]', { hasText: '3 offene Meldungen auf der Karte' }).waitFor();
    await expectAccessible(page);
    expect(await fitsWidth(page)).toBe(true);

    // A landmark by its suggestions: Enter takes the first one.
    const landmark = page.getByRole('combobox', { name: 'Bekannter Ort', exact: true });
    await landmark.fill('kessel');
    await page.locator('[role="option"]', { hasText: 'Kesselbrink' }).waitFor();
    await page.keyboard.press('Enter');
    expect(await landmark.inputValue()).toBe('Kesselbrink');
    expect(await page.locator('input[name="locationMethod"]').inputValue()).toBe('landmark');
    // What: the kinds reported most often here come first.
    await expect
      .poll(() => page.locator('input[name="category"]').first().getAttribute('value'), { timeout: 30_000 })
      .toBe('schlagloch');
    await page.getByLabel('Schlagloch').check();
    // The open reports of that kind nearby are offered before the details.
    const duplicates = page.getByRole('region', { name: 'Ähnliche Meldungen in der Nähe' });
    await duplicates.waitFor();
    expect(await duplicates.getByRole('listitem').count()).toBe(3);
    await expectAccessible(page);
    await page.getByLabel('Was ist los?').fill('Noch ein Schlagloch, diesmal am Skatepark.');
    await waitForProofOfWork(page);
    await page.getByRole('button', { name: 'Meldung absenden' }).click();

    // The receipt is a page of its own: reload and Back show it again and send nothing twice.
    await page.waitForURL(url('/meldungen/eingang'));
    const { reference, statusPath } = await expectReceipt(page);
    await expectAccessible(page);
    expect(await fitsWidth(page)).toBe(true);
    const stored = (await reports()).find((r) => r.reference === reference);
    expect(stored).toMatchObject({ location_method: 'landmark', needs_screening: false });
    const count = (await reports()).length;
    await page.reload();
    expect((await expectReceipt(page)).reference).toBe(reference);
    await page.getByRole('link', { name: 'Bearbeitungsstand ansehen' }).click();
    await page.waitForURL(url(statusPath));
    await page.goBack();
    await page.waitForURL(url('/meldungen/eingang'));
    expect((await expectReceipt(page)).reference).toBe(reference);
    expect((await reports()).length).toBe(count);
    expect(foreign).toEqual([]);
    await context.close();
  });

  it('Enter in the address field with suggestions open takes the first one and never sends the form', async () => {
    const { page, context } = await openPage(browser, server.url);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(url('/melden'));
    await page.evaluate(() => {
      const w = window as unknown as { submits: number };
      w.submits = 0;
      document.querySelector('form[data-report-form]')?.addEventListener('submit', () => w.submits++, true);
    });
    const input = page.getByRole('combobox', { name: 'Adresse', exact: true });
    await input.focus();
    await page.keyboard.type('detmolder str 4');
    await page.locator('[role="option"]').first().waitFor();
    const first = (await page.locator('[role="option"] .bs-autocomplete__label').first().textContent()) ?? '';
    await page.keyboard.press('Enter');
    expect(await input.inputValue()).toBe(first);
    expect(await page.locator('input[name="addressId"]').inputValue()).toMatch(/^\d+$/);
    expect(await input.getAttribute('aria-expanded')).toBe('false');
    // Enter again, the list closed: still no sending from the address field.
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => (window as unknown as { submits: number }).submits)).toBe(0);
    expect(page.url()).toBe(url('/melden'));
    await context.close();
  });

  it('the offline queue accepts no report with a required question unanswered', async () => {
    const { page, context } = await openPage(browser, server.url);
    await page.goto(url('/melden'));
    const map = page.getByRole('region', { name: 'Karte: Ort des Mangels wählen' });
    await map.focus();
    await page.keyboard.press('Enter');
    await page.getByLabel('Wilder Müll').check();
    await page.getByRole('group', { name: 'Welche Art von Abfall?' }).waitFor();
    await page.getByLabel('Was ist los?').fill('Ein Sofa im Graben.');
    await waitForProofOfWork(page);
    await context.setOffline(true);
    await page.getByRole('button', { name: 'Meldung absenden' }).click();
    const summary = page.locator('.bs-error-summary');
    await summary.waitFor();
    expect(await summary.locator('a[href="#answers.abfallart"]').textContent()).toContain(
      'Bitte beantworten Sie diese Frage',
    );
    expect(await page.getByText('Ihre Meldung wird gesendet, sobald Sie wieder online sind').count()).toBe(0);
    // Answered, it is queued as before.
    await page.getByRole('group', { name: 'Welche Art von Abfall?' }).getByLabel('Sperrmüll').check();
    await page.getByRole('button', { name: 'Meldung absenden' }).click();
    await page.getByText('Ihre Meldung wird gesendet, sobald Sie wieder online sind').waitFor();
    await expectAccessible(page);
    await context.setOffline(false);
    await expectReceipt(page);
    await context.close();
  });
});

describe('reporting with JavaScript', () => {
  it('by map pin (mouse and keyboard, no tiles) with a photo: receipt, then the history behind the status link', async () => {
    const { page, context, foreign } = await openPage(browser, server.url);
    await page.goto(url('/melden'));
    await expectAccessible(page);
    await chooseWaste(page);
    const map = page.getByRole('region', { name: 'Karte: Ort des Mangels wählen' });
    await map.waitFor();
    // No tiles configured: the districts are drawn instead, so the map still means something.
    await page.locator('.bs-map-district-label', { hasText: 'Mitte' }).waitFor();
    await expectAccessible(page);

    // Keyboard: the map takes the focus, arrow keys move it, Enter puts the pin in the middle.
    await map.focus();
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('input[name="lat"]').inputValue()).not.toBe('');
    const status = page.locator('.bs-location-picker__status');
    await status.filter({ hasText: 'in der Nähe von' }).waitFor();
    const keyboardLat = await page.locator('input[name="lat"]').inputValue();
    // Mouse: a click moves the pin there (the map has settled: the keyboard's point is named).
    // The whole map in view (the keyboard step and the texts it fills in may have scrolled the page), as a person
    // clicking it sees it.
    await map.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await expect.poll(async () => (await map.boundingBox())?.y ?? -1).toBeGreaterThanOrEqual(0);
    const box = await map.boundingBox();
    if (!box) throw new Error('map without a box');
    // Inside the test district Mitte, clear of the district labels, the pin and the open reports drawn on the map
    // (whether or not the arrow key's pan has ended).
    await page.mouse.click(box.x + box.width / 2 + 60, box.y + box.height / 2 + 60);
    await expect.poll(() => page.locator('input[name="lat"]').inputValue(), { timeout: 30_000 }).not.toBe(keyboardLat);
    await expect.poll(() => status.textContent(), { timeout: 60_000 }).toContain('in der Nähe von');
    expect(await page.locator('input[name="locationMethod"]').inputValue()).toBe('map');

    await page.getByLabel('Was ist los?').fill('Drei Sofas und ein Kühlschrank am Waldrand.');
    await page.getByLabel('Fotos').setInputFiles(photo);
    await waitForProofOfWork(page);
    await page.getByRole('button', { name: 'Meldung absenden' }).click();
    const { reference, statusPath } = await expectReceipt(page);
    await expectAccessible(page);
    const stored = (await reports()).find((r) => r.reference === reference);
    // With JavaScript the proof of work was done: no screening needed.
    expect(stored).toMatchObject({ location_method: 'map', needs_screening: false, photos: 1 });

    await page.getByRole('link', { name: 'Bearbeitungsstand ansehen' }).click();
    await page.waitForURL(url(statusPath));
    await page.getByRole('heading', { level: 1, name: `Ihre Meldung ${reference}` }).waitFor();
    expect(await page.locator('.bs-timeline').textContent()).toContain('Meldung eingegangen');
    await expectAccessible(page);
    expect(foreign).toEqual([]);
    await context.close();
  });

  it('by address, chosen from the suggestions', async () => {
    const { page, context, foreign } = await openPage(browser, server.url);
    await page.goto(url('/melden'));
    await page.getByLabel('Laub').check();
    const input = page.getByRole('combobox', { name: 'Adresse', exact: true });
    await input.focus();
    await page.keyboard.type('herforder str 2');
    await page.locator('[role="option"]').first().waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    expect(await input.inputValue()).toMatch(/^Herforder Straße 2/);
    expect(await page.locator('input[name="addressId"]').inputValue()).toMatch(/^\d+$/);
    await expectAccessible(page);
    await page.getByLabel('Was ist los?').fill('Der Gehweg ist voller nasser Blätter.');
    await waitForProofOfWork(page);
    await page.getByRole('button', { name: 'Meldung absenden' }).click();
    const { reference } = await expectReceipt(page);
    expect((await reports()).find((r) => r.reference === reference)?.location_method).toBe('address');
    expect(foreign).toEqual([]);
    await context.close();
  });

  it('by landmark, chosen from the suggestions', async () => {
    const { page, context } = await openPage(browser, server.url);
    await page.goto(url('/melden'));
    await chooseWaste(page);
    const input = page.getByRole('combobox', { name: 'Bekannter Ort', exact: true });
    await input.focus();
    await page.keyboard.type('kessel');
    await page.locator('[role="option"]', { hasText: 'Kesselbrink' }).waitFor();
    await expectAccessible(page);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    expect(await input.inputValue()).toBe('Kesselbrink');
    await page.getByLabel('Was ist los?').fill('Bauschutt neben der Skateanlage.');
    await page.getByRole('button', { name: 'Meldung absenden' }).click();
    const { reference } = await expectReceipt(page);
    expect((await reports()).find((r) => r.reference === reference)?.location_method).toBe('landmark');
    await context.close();
  });

  it('shows what is missing beside the fields and in a summary that links to them', async () => {
    const { page, context } = await openPage(browser, server.url);
    await page.goto(url('/melden'));
    const before = (await reports()).length;
    await page.getByLabel('Laub').check();
    await page.getByRole('button', { name: 'Meldung absenden' }).click();
    const summary = page.locator('.bs-error-summary');
    await summary.waitFor();
    expect(await summary.locator('a[href="#description"]').textContent()).toContain('Bitte beschreiben Sie den Mangel');
    expect(await summary.locator('a[href="#location-picker"]').count()).toBe(1);
    expect(await page.locator('#description').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page);
    expect((await reports()).length).toBe(before);
    await context.close();
  });
});

describe('duplicates with JavaScript', () => {
  it('offers an open report of the same kind nearby; "Das ist auch mein Anliegen" adds a supporter instead', async () => {
    const existing = await createReport(server.t.deps, {
      categoryId: potholes,
      lat: 52.0201,
      lon: 8.5392,
      publicDescription: 'Tiefes Schlagloch vor der Einfahrt',
    });
    const before = (await reports()).length;
    const { page, context } = await openPage(browser, server.url);
    await page.goto(url('/melden'));
    await page.getByLabel('Schlagloch').check();
    await page.getByRole('combobox', { name: 'Adresse', exact: true }).focus();
    await page.keyboard.type('herforder str 22');
    await page.locator('[role="option"]').first().waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const duplicates = page.getByRole('region', { name: 'Ähnliche Meldungen in der Nähe' });
    await duplicates.waitFor();
    expect(await duplicates.textContent()).toContain(`Schlagloch ${existing.reference}`);
    expect(await duplicates.textContent()).toContain('Tiefes Schlagloch vor der Einfahrt');
    await expectAccessible(page);
    await page.getByLabel('E-Mail-Adresse').fill('nachbarin@example.org');
    await duplicates.getByRole('button', { name: 'Das ist auch mein Anliegen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Danke für Ihre Unterstützung' }).waitFor();
    await expectAccessible(page);
    const after = await reports();
    expect(after.length).toBe(before); // no new report from the form
    expect(after.find((r) => r.reference === existing.reference)?.supporter_count).toBe(1);
    await context.close();
  });
});

describe('offline', () => {
  it('keeps a report made offline in the browser and sends it once when the network returns', async () => {
    const { page, context } = await openPage(browser, server.url);
    await page.goto(url('/melden'));
    await page.getByLabel('Straßenbeleuchtung').check();
    const map = page.getByRole('region', { name: 'Karte: Ort des Mangels wählen' });
    await map.waitFor();
    await map.focus();
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    await page.getByLabel('Was ist los?').fill('Die Laterne vor dem Spielplatz ist dunkel.');
    await page.getByLabel('Fotos').setInputFiles(photo);
    await waitForProofOfWork(page);
    const before = (await reports()).length;

    await context.setOffline(true);
    await page.getByRole('button', { name: 'Meldung absenden' }).click();
    await page.getByText('Ihre Meldung wird gesendet, sobald Sie wieder online sind').waitFor();
    await expectAccessible(page);
    expect((await reports()).length).toBe(before);

    const sent = page.waitForRequest((r) => r.url().endsWith('/api/reports') && r.method() === 'POST');
    await context.setOffline(false);
    const request = await sent;
    const { reference } = await expectReceipt(page);
    const after = await reports();
    expect(after.length).toBe(before + 1);
    expect(after.at(-1)).toMatchObject({ reference, photos: 1, needs_screening: false });

    // A replay of the same request (same Idempotency-Key) gets the first answer and files nothing.
    const headers = await request.allHeaders();
    expect(headers['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
    const replay = await fetch(url('/api/reports'), {
      method: 'POST',
      headers: { 'content-type': headers['content-type'] ?? '', 'idempotency-key': headers['idempotency-key'] ?? '' },
      body: new Uint8Array(request.postDataBuffer() ?? Buffer.alloc(0)),
    });
    expect(replay.status).toBe(201);
    expect(((await replay.json()) as { reference: string }).reference).toBe(reference);
    expect((await reports()).length).toBe(before + 1);

    // Nothing waits in the queue any more: a new page load sends nothing.
    await page.goto(url('/melden'));
    await page.waitForTimeout(300);
    expect((await reports()).length).toBe(before + 1);
    await context.close();
  });
});

describe('offline with the service worker', () => {
  it('opens the report form without a connection once seen online, and sends what was queued there', async () => {
    const { page, context } = await openPage(browser, server.url);
    await page.goto(url('/melden'));
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 60_000 });
    // A visit under the worker's control keeps the copy.
    await page.reload();
    const csrf = await page.locator('input[name="_csrf"]').inputValue();
    await page.waitForTimeout(500);

    await context.setOffline(true);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Mangel melden' }).waitFor();
    // The same page as seen last online (a page from the server would carry a new token).
    expect(await page.locator('input[name="_csrf"]').inputValue()).toBe(csrf);
    await page.getByLabel('Laub').check();
    const map = page.getByRole('region', { name: 'Karte: Ort des Mangels wählen' });
    await map.focus();
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    await page.getByLabel('Was ist los?').fill('Laub im Keller-Lichtschacht, ohne Netz gemeldet.');
    const before = (await reports()).length;
    await page.getByRole('button', { name: 'Meldung absenden' }).click();
    await page.getByText('Ihre Meldung wird gesendet, sobald Sie wieder online sind').waitFor();

    await context.setOffline(false);
    const { reference } = await expectReceipt(page);
    const after = await reports();
    expect(after.length).toBe(before + 1);
    // Made offline, so without proof of work: accepted, screened before it is public.
    expect(after.find((r) => r.reference === reference)).toMatchObject({
      location_method: 'map',
      needs_screening: true,
    });
    await context.close();
  });
});

describe('reporting without JavaScript', () => {
  it('by address with a photo, where first: place check, category step, receipt page, status link', async () => {
    const { page, context, foreign } = await openPage(browser, server.url, { javaScript: false });
    await page.goto(url('/melden'));
    await expectAccessible(page);
    await page.getByLabel('Adresse', { exact: true }).fill('Detmolder Straße 3');
    await page.getByRole('button', { name: 'Ort prüfen und ähnliche Meldungen anzeigen' }).click();
    await page.getByText('Detmolder Straße 3, Stadtbezirk Mitte').waitFor();
    await expectAccessible(page);
    await page.getByLabel('Wilder Müll').check();
    await page.getByRole('button', { name: 'Weiter: Fragen zu dieser Art anzeigen' }).click();
    const question = page.getByRole('group', { name: 'Welche Art von Abfall?' });
    await question.waitFor();
    await expectAccessible(page);
    await question.getByLabel('Hausmüll').check();
    await page.getByLabel('Was ist los?').fill('Zwei Müllsäcke an der Bushaltestelle.');
    await page.getByLabel('Fotos').setInputFiles(photo);
    await page.getByRole('button', { name: 'Meldung absenden' }).click();
    await page.waitForURL(url('/meldungen/eingang'));
    const { reference, statusPath } = await expectReceipt(page);
    await expectAccessible(page);
    const stored = (await reports()).find((r) => r.reference === reference);
    // No proof of work without JavaScript: accepted all the same, screened before it is public.
    expect(stored).toMatchObject({ location_method: 'address', needs_screening: true, photos: 1 });
    await page.getByRole('link', { name: 'Bearbeitungsstand ansehen' }).click();
    await page.waitForURL(url(statusPath));
    expect(await page.locator('.bs-timeline').textContent()).toContain('Meldung eingegangen');
    await expectAccessible(page);
    expect(foreign).toEqual([]);
    await context.close();
  });

  it('an unknown address lists the register’s suggestions; a photo chosen before survives the repeated step', async () => {
    const { page, context, foreign } = await openPage(browser, server.url, { javaScript: false });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(url('/melden'));
    await page.getByLabel('Adresse', { exact: true }).fill('Herfoder Straße 22');
    await page.getByLabel('Fotos').setInputFiles(photo);
    await page.getByRole('button', { name: 'Ort prüfen und ähnliche Meldungen anzeigen' }).click();
    const choices = page.getByRole('group', { name: 'Meinten Sie eine dieser Adressen?' });
    await choices.waitFor();
    expect(await page.getByText('Diese Adresse kennen wir nicht').count()).toBeGreaterThan(0);
    // The photo is kept on the server for this draft: nothing to choose again.
    await page.getByText('Ihr Foto ist gespeichert').waitFor();
    await expectAccessible(page);
    await choices.getByLabel(/^Herforder Straße 22 ·/).check();
    await page.getByRole('button', { name: 'Ort prüfen und ähnliche Meldungen anzeigen' }).click();
    await page.getByText('Herforder Straße 22, Stadtbezirk Mitte').waitFor();
    expect(await page.getByLabel('schaden.jpg entfernen').count()).toBe(1);
    await expectAccessible(page);
    await page.getByLabel('Laub').check();
    await page.getByLabel('Was ist los?').fill('Nasses Laub auf dem Radweg.');
    await page.getByRole('button', { name: 'Meldung absenden' }).click();
    await page.waitForURL(url('/meldungen/eingang'));
    const { reference } = await expectReceipt(page);
    expect((await reports()).find((r) => r.reference === reference)).toMatchObject({
      location_method: 'address',
      photos: 1,
    });
    expect(foreign).toEqual([]);
    await context.close();
  });

  it('an ambiguous landmark is a choice; the matched place is shown and the typed words stay', async () => {
    const { page, context } = await openPage(browser, server.url, { javaScript: false });
    await page.goto(url('/melden'));
    await page.getByLabel('Bekannter Ort', { exact: true }).fill('Kessel');
    await page.getByRole('button', { name: 'Ort prüfen und ähnliche Meldungen anzeigen' }).click();
    // One place fits: it is shown, and what was typed stays what the report says.
    await page.getByText('Kesselbrink, Stadtbezirk Mitte').waitFor();
    await page.getByText('Ihre Angabe „Kessel“ bleibt so in der Meldung stehen.').waitFor();
    await page.getByLabel('Bekannter Ort', { exact: true }).fill('Bahnhof');
    await page.getByRole('button', { name: 'Ort prüfen und ähnliche Meldungen anzeigen' }).click();
    const choices = page.getByRole('group', { name: 'Welchen Ort meinen Sie?' });
    await choices.waitFor();
    await expectAccessible(page);
    expect(await choices.getByRole('radio').count()).toBe(2);
    await choices.getByLabel('Bahnhof Brackwede').check();
    await page.getByRole('button', { name: 'Ort prüfen und ähnliche Meldungen anzeigen' }).click();
    await page.getByText('Bahnhof Brackwede, Stadtbezirk Mitte').waitFor();
    expect(await page.getByLabel('Bekannter Ort', { exact: true }).inputValue()).toBe('Bahnhof Brackwede');
    await context.close();
  });

  it('by coordinates and by landmark, straight to sending', async () => {
    const { page, context } = await openPage(browser, server.url, { javaScript: false });
    await page.goto(url('/melden'));
    await page.getByLabel('Laub').check();
    await page.getByLabel('Breitengrad').fill('52,05');
    await page.getByLabel('Längengrad').fill('8.55');
    await page.getByLabel('Was ist los?').fill('Laub verstopft den Gully.');
    await page.getByRole('button', { name: 'Meldung absenden' }).click();
    const first = await expectReceipt(page);

    await page.goto(url('/melden'));
    await page.getByLabel('Laub').check();
    await page.getByLabel('Bekannter Ort', { exact: true }).fill('Sparrenburg');
    await page.getByLabel('Was ist los?').fill('Laub auf der Treppe zur Burg.');
    await page.getByRole('button', { name: 'Meldung absenden' }).click();
    const second = await expectReceipt(page);
    const all = await reports();
    expect(all.find((r) => r.reference === first.reference)?.location_method).toBe('coordinates');
    expect(all.find((r) => r.reference === second.reference)?.location_method).toBe('landmark');
    await context.close();
  });

  it('shows errors with every value kept and keeps the photo for the corrected form', async () => {
    const { page, context } = await openPage(browser, server.url, { javaScript: false });
    await page.goto(url('/melden'));
    await page.getByLabel('Laub').check();
    await page.getByLabel('Adresse', { exact: true }).fill('Xylophonweg 3');
    await page.getByLabel('E-Mail-Adresse').fill('erika@example.org');
    await page.getByLabel('Fotos').setInputFiles(photo);
    await page.getByRole('button', { name: 'Meldung absenden' }).click();
    const summary = page.locator('.bs-error-summary');
    await summary.waitFor();
    for (const anchor of ['#address', '#description', '#consent']) {
      expect(await summary.locator(`a[href="${anchor}"]`).count(), anchor).toBe(1);
    }
    expect(await page.getByLabel('E-Mail-Adresse').inputValue()).toBe('erika@example.org');
    expect(await page.getByText('Bitte wählen Sie Ihr Foto noch einmal aus').count()).toBe(0);
    await page.getByText('Ihr Foto ist gespeichert').waitFor();
    await expectAccessible(page);
    await page.getByLabel('Adresse', { exact: true }).fill('Detmolder Straße 2');
    await page.getByLabel('Was ist los?').fill('Laub im Rinnstein.');
    await page.getByLabel('Ich bin einverstanden, dass meine Kontaktdaten dafür gespeichert werden.').check();
    await page.getByRole('button', { name: 'Meldung absenden' }).click();
    const { reference } = await expectReceipt(page);
    expect((await reports()).find((r) => r.reference === reference)?.photos).toBe(1);
    await context.close();
  });
});
