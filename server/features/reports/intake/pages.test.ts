import pino from 'pino';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { points, seedTestAddresses } from '../../../test/factories/addresses.js';
import {
  type Browserish,
  type Fields,
  openForm as openReportForm,
  postForm,
  wasteQuestion,
} from '../../../test/factories/report-form.js';
import { createCategory, createReport } from '../../../test/factories/reports.js';
import { mergeCookies } from '../../../test/factories/users.js';

let t: TestApp;
let jpeg: Buffer;

beforeAll(async () => {
  t = await buildTestApp({ env: { RATE_LIMIT_PUBLIC_WRITES_PER_MINUTE: '1000' } });
  await seedTestAddresses(t.deps);
  const group = await createCategory(t.deps, { code: 'sauberkeit', name: { de: 'Sauberkeit', en: 'Cleanliness' } });
  await createCategory(t.deps, {
    code: 'wilder-muell',
    parentId: group,
    name: { de: 'Wilder Müll', en: 'Fly-tipping' },
    questions: [wasteQuestion],
  });
  await createCategory(t.deps, { code: 'laub', parentId: group, name: { de: 'Laub', en: 'Leaves' } });
  await createCategory(t.deps, { code: 'sonstiges', name: { de: 'Sonstiges', en: 'Other' } });
  jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#8a5' } })
    .jpeg()
    .toBuffer();
});
afterAll(() => t.close());

/** Opens the form as a browser would: its CSRF cookie and token. */
const openForm = (url?: string) => openReportForm(t, url);

/** POSTs the form as multipart/form-data (like the browser does), with photos as file parts. */
const post = (
  session: Browserish,
  url: string,
  fields: Fields,
  photos?: { data: Buffer; name: string; type?: string }[],
) => postForm(t, session, url, fields, photos);

const complete = (overrides: Fields = {}): Fields => ({
  category: 'wilder-muell',
  'answers.abfallart': 'sperrmuell',
  address: 'Herforder Straße 22',
  description: 'Ein alter Kühlschrank steht am Gehweg.',
  duplicatesShown: '1',
  step: 'send',
  ...overrides,
});

async function reportCount(): Promise<number> {
  const { rows } = await t.db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM reports WHERE municipality_id = $1',
    [t.config.municipality.id],
  );
  return rows[0]?.n ?? 0;
}

describe('report form (/melden)', () => {
  it('is one multipart form in sections, categories grouped, without inline script or style', async () => {
    const { body } = await openForm();
    expect(body).toContain('<h1 class="kern-heading-large">Mangel melden</h1>');
    expect(body).toMatch(/<form method="post" action="\/melden" enctype="multipart\/form-data"/);
    expect(body).toContain('<legend class="kern-label">Sauberkeit</legend>');
    expect(body).toContain('<legend class="kern-label">Weitere</legend>');
    expect(body).toMatch(/id="category" name="category" value="(wilder-muell|laub)"/);
    for (const name of ['address', 'landmark', 'lat', 'lon', 'description', 'email', 'phone', 'consent', 'website']) {
      expect(body, name).toContain(`name="${name}"`);
    }
    expect(body).toMatch(/<input type="file"|type="file"/);
    expect(body).toContain('accept="image/jpeg,image/png,image/webp"');
    // The questions of a category come in a template until it is chosen.
    expect(body).toContain('<template data-questions-for="wilder-muell">');
    // Honeypot: hidden by class and from assistive technology, out of the tab order.
    expect(body).toMatch(/<div class="bs-hp" aria-hidden="true"><label for="website">Bitte leer lassen<\/label>/);
    expect(body).toMatch(/id="website" name="website" type="text" tabindex="-1" autocomplete="off"/);
    expect(body).toContain('href="/datenschutz"');
    expect(body).toContain('3 Monate nach Abschluss der Meldung, spätestens 12 Monate nach Eingang');
    expect(body).not.toMatch(/<script(?![^>]*\ssrc=)/);
    expect(body).not.toMatch(/<style|\sstyle=|\son[a-z]+=/);
    expect(body).toMatch(/src="\/assets\/report-form\.[\w]+\.js"/);
    expect(body).toMatch(/href="\/assets\/reports\.[\w]+\.css"/);
  });

  it('is on the start page, whose own assets stay free of the report bundle', async () => {
    const res = await t.app.inject({ url: '/', headers: { accept: 'text/html' } });
    expect(res.body).toContain('href="/melden"');
    expect(res.body).toContain('Mangel melden');
    expect(res.body).not.toContain('report-form.');
    expect(res.body).not.toContain('reports.');
  });

  it('speaks English with ?lang=en', async () => {
    const { body } = await openForm('/melden?lang=en');
    expect(body).toContain('Report a problem</h1>');
    expect(body).toContain('Fly-tipping');
    expect(body).not.toMatch(/>\s*reports(-core)?\.[a-zA-Z]+/);
  });

  it('shows the chosen category’s questions on the category step, keeping what was typed', async () => {
    const s = await openForm();
    const res = await post(s, '/melden/schritt', {
      category: 'wilder-muell',
      description: 'Säcke <b>am</b> Weg',
      email: 'a@example.org',
      step: 'category',
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Angaben zu „Wilder Müll“');
    expect(res.body).toContain('name="answers.abfallart" value="sperrmuell"');
    expect(res.body).toContain('Säcke &lt;b>am&lt;/b> Weg</textarea>');
    expect(res.body).toContain('value="a@example.org"');
    expect(res.body).toMatch(/id="category-wilder-muell" name="category" value="wilder-muell" checked/);
    // Its language switch leads back to the form.
    const again = await t.app.inject({ url: '/melden/schritt?lang=en', headers: { accept: 'text/html' } });
    expect([again.statusCode, again.headers.location]).toEqual([303, '/melden?lang=en']);
  });

  it('checks the place on the location step and says where it is', async () => {
    const s = await openForm();
    const ok = await post(s, '/melden/schritt', { category: 'laub', address: 'herforder str 22', step: 'location' });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('Herforder Straße 22, Stadtbezirk Mitte');
    const outside = await post(s, '/melden/schritt', {
      category: 'laub',
      lat: String(points.outside.lat),
      lon: String(points.outside.lon),
      step: 'location',
    });
    expect(outside.statusCode).toBe(400);
    expect(outside.body).toContain('außerhalb des Stadtgebiets');
    expect(outside.body).toContain('href="#location"');
    const unknown = await post(s, '/melden/schritt', { address: 'Xylophonweg 3', step: 'location' });
    expect(unknown.body).toContain('Diese Adresse kennen wir nicht');
    const comma = await post(s, '/melden/schritt', { lat: '52,015', lon: 'acht', step: 'location' });
    expect(comma.body).toContain('Bitte geben Sie eine Zahl ein');
  });

  it('files a report without JavaScript: address, photo, receipt with reference and private status link', async () => {
    const before = await reportCount();
    const s = await openForm();
    const res = await post(s, '/melden', complete({ email: 'erika@example.org', consent: '1', notifyEmail: '1' }), [
      { data: jpeg, name: 'foto.jpg' },
    ]);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/meldungen/eingang');
    expect(await reportCount()).toBe(before + 1);
    const cookie = mergeCookies(s.cookie, res.cookies);
    const receipt = await t.app.inject({ url: '/meldungen/eingang', headers: { accept: 'text/html', cookie } });
    expect(receipt.statusCode).toBe(200);
    expect(receipt.headers['referrer-policy']).toBe('no-referrer');
    expect(receipt.body).toContain('<meta name="referrer" content="no-referrer"/>');
    const reference = /class="bs-receipt__reference" data-slot="reference">([^<]+)</.exec(receipt.body)?.[1];
    expect(reference).toMatch(/^BI-\d{4}-\d{6}$/);
    const path = /href="(\/meldungen\/status\/[\w-]{43})"/.exec(receipt.body)?.[1];
    expect(path).toBeDefined();
    expect(receipt.body).toContain(`value="${t.config.publicUrl}${path}"`);
    expect(receipt.body).toContain('Wir schreiben Ihnen eine E-Mail');
    const { rows } = await t.db.query<{ needs_screening: boolean; location_method: string; photos: number }>(
      `SELECT needs_screening, location_method, (SELECT count(*)::int FROM report_photos p WHERE p.report_id = r.id)
              AS photos FROM reports r WHERE reference = $1`,
      [reference],
    );
    // Without JavaScript there is no proof of work: accepted, but screened before it is public.
    expect(rows[0]).toEqual({ needs_screening: true, location_method: 'address', photos: 1 });
    // Without the receipt cookie there is nothing to show.
    const bare = await t.app.inject({ url: '/meldungen/eingang', headers: { accept: 'text/html' } });
    expect(bare.statusCode).toBe(303);
  });

  it('files a report by coordinates and by landmark text', async () => {
    const s = await openForm();
    const byPoint = await post(
      s,
      '/melden',
      complete({ category: 'laub', address: '', lat: '52,02', lon: '8.536', 'answers.abfallart': '' }),
    );
    expect(byPoint.statusCode).toBe(303);
    await t.db.query(
      `INSERT INTO landmarks (municipality_id, name, name_key, lat, lon) VALUES ($1, 'Kesselbrink', 'kesselbrink', $2, $3)`,
      [t.config.municipality.id, 52.0225, 8.5365],
    );
    const byLandmark = await post(s, '/melden', complete({ category: 'laub', address: '', landmark: 'kesselbrink' }));
    expect(byLandmark.statusCode).toBe(303);
    const { rows } = await t.db.query<{ location_method: string; landmark: string | null }>(
      `SELECT location_method, landmark FROM reports WHERE municipality_id = $1 ORDER BY id DESC LIMIT 2`,
      [t.config.municipality.id],
    );
    expect(rows).toEqual([
      { location_method: 'landmark', landmark: 'kesselbrink' },
      { location_method: 'coordinates', landmark: null },
    ]);
  });

  it('files a form sent twice (double click, reload) once: the idempotency key of the form fill', async () => {
    const s = await openForm();
    const key = /name="idempotencyKey" value="([^"]+)"/.exec(s.body)?.[1] ?? '';
    expect(key).toMatch(/^[0-9a-f-]{36}$/);
    const before = await reportCount();
    const first = await post(s, '/melden', complete({ idempotencyKey: key }), [{ data: jpeg, name: 'a.jpg' }]);
    const second = await post(s, '/melden', complete({ idempotencyKey: key }), [{ data: jpeg, name: 'a.jpg' }]);
    expect([first.statusCode, second.statusCode]).toEqual([303, 303]);
    expect(await reportCount()).toBe(before + 1);
  });

  it('shows every problem beside its field and in a summary, keeping the values and the photo', async () => {
    const before = await reportCount();
    const s = await openForm();
    const res = await post(
      s,
      '/melden',
      complete({ 'answers.abfallart': '', description: 'x'.repeat(4001), email: 'kaputt@', name: 'Ada' }),
      [{ data: jpeg, name: 'a.jpg' }],
    );
    expect(res.statusCode).toBe(400);
    expect(await reportCount()).toBe(before);
    expect(res.body).toContain('class="kern-alert kern-alert--danger bs-error-summary"');
    for (const anchor of ['#description', '#email', '#answers.abfallart', '#consent']) {
      expect(res.body, anchor).toContain(`href="${anchor}"`);
    }
    expect(res.body).toContain('höchstens 4.000 Zeichen');
    expect(res.body).toContain('id="description-error"');
    expect(res.body).toContain('value="kaputt@"');
    expect(res.body).toContain('value="Ada"');
    // The photo is kept for the draft: the corrected form sends it without choosing it again.
    expect(res.body).not.toContain('Bitte wählen Sie Ihr Foto noch einmal aus');
    expect(res.body).toContain('Ihr Foto ist gespeichert');
    expect(res.body).toContain('a.jpg entfernen');
    expect(res.body).not.toMatch(/>\s*reports(-core)?\.[a-z]+\./);
    const draft = /name="draft" value="([\w-]+)"/.exec(res.body)?.[1] ?? '';
    expect(draft).toMatch(/^[\w-]{32}$/);
    const fixed = await post(s, '/melden', complete({ draft }));
    expect(fixed.statusCode).toBe(303);
    const { rows } = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM report_photos p JOIN reports r ON r.id = p.report_id
        WHERE r.id = (SELECT max(id) FROM reports)`,
    );
    expect(rows[0]?.n).toBe(1);
    // The draft is gone with its report.
    const after = await post(s, '/melden/schritt', { draft, step: 'location', address: 'Jahnplatz 1' });
    expect(after.body).not.toContain('a.jpg');
  });

  it('keeps a chosen photo over repeated steps without JavaScript; it can be removed; drafts expire', async () => {
    const s = await openForm();
    const first = await post(s, '/melden/schritt', { address: 'Herforder Straße 22', step: 'location' }, [
      { data: jpeg, name: 'schaden.jpg' },
    ]);
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain('schaden.jpg entfernen');
    const draft = /name="draft" value="([\w-]+)"/.exec(first.body)?.[1] ?? '';
    // The step repeated (a category chosen, the place checked again) without the file: still kept.
    const again = await post(s, '/melden/schritt', {
      draft,
      category: 'laub',
      address: 'Herforder Straße 22',
      step: 'category',
    });
    expect(again.body).toContain('schaden.jpg entfernen');
    expect(again.body).toContain('data-max-files="2"');
    // Another draft's token shows nothing of it.
    const other = await post(s, '/melden/schritt', { draft: 'x'.repeat(32), step: 'location', address: 'Jahnplatz 1' });
    expect(other.body).not.toContain('schaden.jpg');
    const id = /name="removePhotos" value="(\d+)"/.exec(again.body)?.[1] ?? '';
    const removed = await post(s, '/melden/schritt', {
      draft,
      removePhotos: id,
      step: 'location',
      address: 'Jahnplatz 1',
    });
    expect(removed.body).not.toContain('schaden.jpg');
    // Drafts left alone are deleted after a day by the hourly job.
    await post(s, '/melden/schritt', { draft, step: 'location', address: 'Jahnplatz 1' }, [
      { data: jpeg, name: 'b.jpg' },
    ]);
    const count = async () => (await t.db.query('SELECT 1 FROM report_draft_photos')).rows.length;
    expect(await count()).toBeGreaterThan(0);
    await t.db.query("UPDATE report_draft_photos SET expires_at = '2000-01-01'");
    await t.queue.runNow('reports.purge-drafts', {}, { dryRun: false, log: pino({ level: 'silent' }) });
    expect(await count()).toBe(0);
  });

  it('lists the register’s suggestions for an unknown address as choices; a pick is the place', async () => {
    const s = await openForm();
    const unknown = await post(s, '/melden/schritt', { address: 'Herfoder Straße 22', step: 'location' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('Diese Adresse kennen wir nicht');
    expect(unknown.body).toContain('Meinten Sie eine dieser Adressen?');
    const choice =
      /name="addressChoice" value="(\d+)"\/><label class="kern-label" for="addressChoice-\d+">Herforder Straße 22<span/.exec(
        unknown.body,
      );
    expect(choice).not.toBeNull();
    const picked = await post(s, '/melden/schritt', {
      address: 'Herfoder Straße 22',
      addressChoice: choice?.[1] ?? '',
      step: 'location',
    });
    expect(picked.statusCode).toBe(200);
    expect(picked.body).toContain('Herforder Straße 22, Stadtbezirk Mitte');
    expect(picked.body).not.toContain('name="addressChoice"');
  });

  it('shows the categories most reported at the checked place first', async () => {
    const laub = (await t.db.query<{ id: number }>("SELECT id FROM report_categories WHERE code = 'sonstiges'")).rows[0]
      ?.id as number;
    // Far from the other tests' reports (Herforder Straße): only these count at Detmolder Straße.
    for (let i = 0; i < 2; i++) await createReport(t.deps, { categoryId: laub, lat: 52.0121, lon: 8.5501 });
    const s = await openForm();
    const before = await post(s, '/melden/schritt', { step: 'category', category: 'laub' });
    expect(before.body.indexOf('value="sonstiges"')).toBeGreaterThan(before.body.indexOf('value="laub"'));
    expect(before.body).toContain('<span data-category-frequent="true" hidden>');
    const res = await post(s, '/melden/schritt', { address: 'Detmolder Straße 1', step: 'location' });
    expect(res.body).toMatch(/<span data-category-frequent="true"> ?Die an diesem Ort am häufigsten/);
    expect(res.body.indexOf('value="sonstiges"')).toBeLessThan(res.body.indexOf('value="laub"'));
    // Where first: the place comes before the category in the form.
    expect(res.body.indexOf('id="location-section"')).toBeLessThan(res.body.indexOf('name="category"'));
  });

  it('makes a receipt URL for a report sent with JavaScript (POST /meldungen/eingang with its token)', async () => {
    const s = await openForm();
    const sent = await post(s, '/melden', complete({ idempotencyKey: 'js-receipt-0001' }));
    const cookie = mergeCookies(s.cookie, sent.cookies);
    const receipt = await t.app.inject({ url: '/meldungen/eingang', headers: { accept: 'text/html', cookie } });
    const path = /href="\/meldungen\/status\/([\w-]{43})"/.exec(receipt.body)?.[1] ?? '';
    const fresh = await openForm();
    const res = await t.app.inject({
      method: 'POST',
      url: '/meldungen/eingang',
      headers: { cookie: fresh.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: fresh.csrf, statusToken: path, mailed: '1' }).toString(),
    });
    expect([res.statusCode, res.headers.location]).toEqual([303, '/meldungen/eingang']);
    const page = await t.app.inject({
      url: '/meldungen/eingang',
      headers: { accept: 'text/html', cookie: mergeCookies(fresh.cookie, res.cookies) },
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`/meldungen/status/${path}`);
    expect(page.body).toContain('Wir schreiben Ihnen eine E-Mail');
    const forged = await t.app.inject({
      method: 'POST',
      url: '/meldungen/eingang',
      headers: { cookie: fresh.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: fresh.csrf, statusToken: 'x'.repeat(43) }).toString(),
    });
    expect([forged.statusCode, forged.headers.location]).toEqual([303, '/melden']);
    expect(forged.cookies.some((c) => c.name === 'bs_receipt')).toBe(false);
  });

  it('refuses a text file named .jpg and more than three photos, beside the photo field', async () => {
    const s = await openForm();
    const text = await post(s, '/melden', complete(), [{ data: Buffer.from('kein Bild'), name: 'foto.jpg' }]);
    expect(text.statusCode).toBe(400);
    expect(text.body).toContain('Diese Datei ist kein Foto');
    const four = Array.from({ length: 4 }, (_, i) => ({ data: jpeg, name: `${i}.jpg` }));
    const many = await post(s, '/melden', complete(), four);
    expect(many.statusCode).toBe(400);
    expect(many.body).toContain('höchstens 3 Fotos');
    expect(many.body).toContain('href="#photos"');
  });

  it('refuses a filled honeypot with a clear message and stores nothing', async () => {
    const before = await reportCount();
    const s = await openForm();
    const res = await post(s, '/melden', complete({ website: 'http://spam.example' }));
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('als Spam erkannt');
    expect(await reportCount()).toBe(before);
  });

  it('needs the CSRF token with multipart too', async () => {
    const s = await openForm();
    const res = await post(s, '/melden', complete({ _csrf: 'forged' }));
    expect(res.statusCode).toBe(403);
  });
});

describe('duplicates and supporters without JavaScript', () => {
  it('shows open reports of the category nearby before filing; "Das ist auch mein Anliegen" adds a supporter', async () => {
    const categoryId = await createCategory(t.deps, { code: 'schlagloch', name: { de: 'Schlagloch', en: 'Pothole' } });
    const existing = await createReport(t.deps, {
      categoryId,
      lat: 52.0201,
      lon: 8.5392,
      publicDescription: 'Tiefes Loch',
    });
    const s = await openForm();
    const fields = complete({ category: 'schlagloch', duplicatesShown: '', 'answers.abfallart': '' });
    const before = await reportCount();
    const shown = await post(s, '/melden', fields, [{ data: jpeg, name: 'a.jpg' }]);
    expect(shown.statusCode).toBe(200);
    expect(await reportCount()).toBe(before);
    expect(shown.body).toContain('Ähnliche Meldungen in der Nähe');
    expect(shown.body).toContain(`Schlagloch ${existing.reference}`);
    expect(shown.body).toContain('Tiefes Loch');
    expect(shown.body).toContain(
      `name="supportReference" value="${existing.reference}" formaction="/melden/unterstuetzen"`,
    );
    expect(shown.body).toContain('name="duplicatesShown" value="1"');
    expect(shown.body).toContain('In der Nähe: Herforder Straße<');

    const support = await post(s, '/melden/unterstuetzen', {
      ...fields,
      supportReference: existing.reference,
      email: 'nachbar@example.org',
      notifyEmail: '1',
    });
    expect(support.statusCode).toBe(303);
    // Without proof of work the address is confirmed by mail first (double opt-in).
    expect(support.headers.location).toBe(`/melden/unterstuetzt?meldung=${existing.reference}&mail=bestaetigen`);
    const thanks = await t.app.inject({ url: support.headers.location as string, headers: { accept: 'text/html' } });
    expect(thanks.body).toContain('Danke für Ihre Unterstützung');
    expect(thanks.body).toContain(`href="/meldungen/${existing.reference}"`);
    const { rows } = await t.db.query<{ supporter_count: number }>(
      'SELECT supporter_count FROM reports WHERE id = $1',
      [existing.id],
    );
    expect(rows[0]?.supporter_count).toBe(1);
    expect(await reportCount()).toBe(before);

    // Sent again after seeing them: filed as a new report.
    const filed = await post(s, '/melden', { ...fields, duplicatesShown: '1' });
    expect(filed.statusCode).toBe(303);
    expect(await reportCount()).toBe(before + 1);
  });

  it('answers an unknown reference with 404', async () => {
    const s = await openForm();
    const res = await post(s, '/melden/unterstuetzen', { supportReference: 'BI-1999-999999' });
    expect(res.statusCode).toBe(404);
  });
});

describe('status link (/meldungen/status/<token>)', () => {
  it('shows reference, status and the public history; never indexed, never a Referer', async () => {
    const categoryId = await createCategory(t.deps, { code: 'laub' });
    const report = await createReport(t.deps, {
      categoryId,
      description: '<script>alert(1)</script> مرحبا 🍂',
    });
    await t.db.query(
      `INSERT INTO report_events (municipality_id, report_id, kind, status_from, status_to, public, public_note,
                                  internal_note)
       VALUES ((SELECT municipality_id FROM reports WHERE id = $1), $1, 'status', 'received', 'in_progress', true, 'Wir kümmern uns bis Freitag.',
               'intern: Kollege X')`,
      [report.id],
    );
    await t.db.query(`UPDATE reports SET status = 'in_progress' WHERE id = $1`, [report.id]);
    const res = await t.app.inject({
      url: `/meldungen/status/${report.statusToken}`,
      headers: { accept: 'text/html' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['x-robots-tag']).toContain('noindex');
    expect(res.body).toContain('<meta name="robots" content="noindex, nofollow"/>');
    expect(res.body).toContain(report.reference);
    expect(res.body).toContain('In Bearbeitung');
    expect(res.body).toContain('Wir kümmern uns bis Freitag.');
    expect(res.body).toContain('Meldung eingegangen');
    expect(res.body).not.toContain('Kollege X');
    expect(res.body).toContain('&lt;script>alert(1)&lt;/script> مرحبا 🍂');
    expect(res.body).not.toContain('<script>alert(1)');
  });

  it('answers a forged or malformed token with 404', async () => {
    for (const token of ['A'.repeat(43), 'kurz', '../../etc/passwd']) {
      const res = await t.app.inject({
        url: `/meldungen/status/${encodeURIComponent(token)}`,
        headers: { accept: 'text/html' },
      });
      expect(res.statusCode, token).toBe(404);
    }
  });
});
