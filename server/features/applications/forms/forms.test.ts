import { CompactEncrypt, compactDecrypt, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import { PDFParse } from 'pdf-parse';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, countRows, type TestApp } from '../../../test/app.js';
import { type FilePart, postMultipart } from '../../../test/factories/multipart.js';
import { type Browserish, openForm } from '../../../test/factories/report-form.js';
import { mergeCookies } from '../../../test/factories/users.js';
import { seedServicesDemo } from '../../services/import.js';
import { importDefinitions, listCatalogue, readDemoDefinitions } from '../core/catalogue.js';
import type { ApplicationDocument } from '../core/document.js';
import { setOfficeKey } from '../core/office-keys.js';

// The online forms as a browser without JavaScript uses them: start, steps with messages beside the fields, files
// checked by content, the summary, the filled-in PDF, sending (the server encrypts for the office) and the status link.

// Thursday 3 December 2026, 10:30 in Bielefeld.
const now = '2026-12-03T09:30:00Z';
let t: TestApp;
let privateKey: CryptoKey;
const pdfBytes = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

beforeAll(async () => {
  t = await buildTestApp({ now });
  await seedServicesDemo(t.deps);
  await importDefinitions(t.deps, t.config.municipality.id, readDemoDefinitions());
  const pair = await generateKeyPair('RSA-OAEP-256', { modulusLength: 4096, extractable: true });
  privateKey = pair.privateKey;
  const jwk: JWK = { ...(await exportJWK(pair.publicKey)), kid: 'finanzamt-2026' };
  await setOfficeKey(t.deps, t.config.municipality.id, 'finanzamt-stadt', jwk);
}, 120_000);
afterAll(() => t.close());

function multipart(
  session: Browserish,
  url: string,
  fields: Record<string, string | string[]>,
  files: FilePart[] = [],
) {
  return postMultipart(t, session, url, fields, files);
}

/** A PDF's text with runs of white space as one space. */
async function pdfText(bytes: Buffer): Promise<string> {
  const parser = new PDFParse({ data: new Uint8Array(bytes) });
  try {
    return (await parser.getText()).text.replace(/\s+/g, ' ');
  } finally {
    await parser.destroy();
  }
}

const get = (session: Browserish | undefined, url: string) =>
  t.app.inject({ url, headers: { accept: 'text/html', ...(session ? { cookie: session.cookie } : {}) } });

/** A new browser that starts the Hundeanmeldung: its cookies and the draft's URL. */
async function startDogDraft(): Promise<{ session: Browserish; base: string }> {
  const session = await openForm(t, '/antraege/hundeanmeldung');
  const res = await multipart(session, '/antraege/hundeanmeldung/start', {});
  expect(res.statusCode).toBe(303);
  session.cookie = mergeCookies(session.cookie, res.cookies);
  const location = String(res.headers.location);
  expect(location).toMatch(/^\/antraege\/hundeanmeldung\/[0-9a-f-]{36}\/1$/);
  return { session, base: location.replace(/\/1$/, '') };
}

const owner = {
  givenName: 'Erika',
  familyName: 'Mustermann',
  birthDate: '1980-05-17',
  street: 'Niederwall 23',
  postalCode: '33602',
  city: 'Bielefeld',
  email: '',
};

describe('catalogue', () => {
  it('holds the three demo forms and the naturalisation link, which carries the municipality key', async () => {
    const slugs = (await listCatalogue(t.deps, t.config.municipality.id)).map((e) => e.definition.slug);
    expect(slugs).toEqual(['anwohnerparkausweis', 'hundeanmeldung', 'sperrmuell-termin', 'einbuergerung']);
    const list = await get(undefined, '/antraege');
    expect(list.statusCode).toBe(200);
    for (const slug of slugs) expect(list.body).toContain(`href="/antraege/${slug}"`);
    const link = await get(undefined, '/antraege/einbuergerung');
    expect(link.body).toContain(`https://www.kommunalportal.nrw/einbuergerung?ars=${t.config.municipality.ars}`);
  });

  it('refuses a broken catalogue as a whole, naming each problem, and keeps the old one', async () => {
    const defs = readDemoDefinitions() as Record<string, unknown>[];
    const broken = structuredClone(defs);
    (broken[1] as { steps: { fields: { showIf?: unknown }[] }[] }).steps[1]!.fields[0]!.showIf = {
      field: 'nothing',
      equals: 'x',
    };
    (broken[2] as { leistungsschluessel: string }).leistungsschluessel = '123';
    await expect(importDefinitions(t.deps, t.config.municipality.id, broken)).rejects.toThrow(
      /entry 2 \(hundeanmeldung\): field dogName: its condition names nothing[\s\S]*entry 3 \(sperrmuell-termin\): \/leistungsschluessel/,
    );
    expect((await listCatalogue(t.deps, t.config.municipality.id)).map((e) => e.version)).toEqual([1, 1, 1, 1]);
  });
});

describe('a form without JavaScript', () => {
  it('checks each step, keeps what was typed, takes a checked PDF, and sends only ciphertext the office can open', async () => {
    const { session, base } = await startDogDraft();
    const step1 = await get(session, `${base}/1`);
    expect(step1.statusCode).toBe(200);
    expect(step1.headers['cache-control'] ?? '').not.toContain('public');

    // Too young, a postcode with four digits: both messages beside their fields, the rest kept.
    const wrong = await multipart(session, `${base}/1`, { ...owner, birthDate: '2015-01-01', postalCode: '3360' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('id="birthDate-error"');
    expect(wrong.body).toContain('Das Datum liegt zu spät.');
    expect(wrong.body).toContain('Eine Postleitzahl hat fünf Ziffern.');
    expect(wrong.body).toContain('value="Niederwall 23"');
    // A later step cannot be skipped to.
    expect((await get(session, `${base}/2`)).headers.location).toBe(`${base}/1`);

    expect((await multipart(session, `${base}/1`, owner)).headers.location).toBe(`${base}/2`);
    // A large dog needs a chip number and the insurance; a text file called .pdf is refused by its content.
    const fake = await multipart(
      session,
      `${base}/2`,
      { dogName: 'Bello', since: '2026-11-20', breed: 'Labrador', large: 'yes', chip: '276098106543210' },
      [
        {
          field: 'insurance',
          data: Buffer.from('MZ this is no PDF'),
          name: 'versicherung.pdf',
          type: 'application/pdf',
        },
      ],
    );
    expect(fake.statusCode).toBe(400);
    expect(fake.body).toContain('Die Datei ist kein PDF, JPEG oder PNG');
    expect(await countRows(t.db, 'SELECT count(*)::int AS n FROM application_draft_files')).toBe(0);

    const done = await multipart(
      session,
      `${base}/2`,
      {
        dogName: 'Bello',
        since: '2026-11-20',
        breed: 'Labrador',
        large: 'yes',
        chip: '276098106543210',
        reduction: ['shelter'],
      },
      [{ field: 'insurance', data: pdfBytes, name: 'C:\\Users\\erika\\versicherung.pdf', type: 'application/pdf' }],
    );
    expect(done.headers.location).toBe(`${base}/pruefen`);

    // At rest the draft is sealed: neither the answers nor the attachment can be read from the database alone.
    const raw = await t.db.query<{ answers: Buffer; bytes: Buffer }>(
      `SELECT d.answers, f.bytes FROM application_drafts d JOIN application_draft_files f ON f.draft_id = d.id WHERE d.id = $1`,
      [base.split('/').pop()],
    );
    expect(raw.rows).toHaveLength(1);
    expect(raw.rows[0]!.answers.toString('latin1')).not.toContain('Niederwall');
    expect(raw.rows[0]!.bytes.includes(Buffer.from('%PDF'))).toBe(false);

    const summary = await get(session, `${base}/pruefen`);
    expect(summary.statusCode).toBe(200);
    for (const s of [
      'Erika',
      'Bello',
      '17. Mai 1980',
      'Hund aus einem Tierheim',
      'versicherung.pdf',
      'verschlüsselt unser Server',
    ])
      expect(summary.body).toContain(s);

    // The filled-in PDF holds the same data, with the office's address.
    const pdf = await get(session, `${base}/antrag.pdf`);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = await pdfText(pdf.rawPayload);
    for (const s of [
      'Hund zur Hundesteuer anmelden',
      'Mustermann',
      'Bello',
      '276098106543210',
      'Hund aus einem Tierheim',
      'versicherung.pdf',
      'Unterschrift',
    ])
      expect(text).toContain(s);

    const sent = await multipart(session, `${base}/senden`, {});
    expect(sent.statusCode).toBe(303);
    const statusUrl = String(sent.headers.location);
    expect(statusUrl).toMatch(/^\/antraege\/status\/[A-Za-z0-9_-]{43}\?neu=1$/);
    const status = await get(undefined, statusUrl);
    expect(status.body).toMatch(/A-2026-0000\d\d/);
    expect(status.body).toContain('Eingegangen');
    expect(status.body).toContain('auf unserem Server verschlüsselt');

    // Stored: ciphertext only; the draft and its plaintext files are gone.
    const { rows } = await t.db.query<{ id: string; data_jwe: string; kid: string; reference: string }>(
      'SELECT id, data_jwe, kid, reference FROM applications WHERE municipality_id = $1',
      [t.config.municipality.id],
    );
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect(row.kid).toBe('finanzamt-2026');
    expect(row.data_jwe).not.toContain('Bello');
    expect(await countRows(t.db, 'SELECT count(*)::int AS n FROM application_drafts')).toBe(0);
    expect(await countRows(t.db, 'SELECT count(*)::int AS n FROM application_draft_files')).toBe(0);

    const { plaintext, protectedHeader } = await compactDecrypt(row.data_jwe, privateKey);
    expect(protectedHeader).toMatchObject({ alg: 'RSA-OAEP-256', enc: 'A256GCM', kid: 'finanzamt-2026' });
    const doc = JSON.parse(new TextDecoder().decode(plaintext)) as ApplicationDocument;
    expect(doc.reference).toBe(row.reference);
    expect(doc.service).toMatchObject({ slug: 'hundeanmeldung', office: 'finanzamt-stadt' });
    expect(Object.fromEntries(doc.answers.map((a) => [a.key, a.value]))).toEqual({
      ...Object.fromEntries(Object.entries(owner).filter(([, v]) => v)),
      dogName: 'Bello',
      since: '2026-11-20',
      breed: 'Labrador',
      large: 'yes',
      chip: '276098106543210',
      reduction: ['shelter'],
    });
    expect(doc.attachments).toEqual([
      expect.objectContaining({
        field: 'insurance',
        name: 'versicherung.pdf',
        contentType: 'application/pdf',
        size: pdfBytes.length,
      }),
    ]);
    const files = await t.db.query<{ id: string; jwe: string }>(
      'SELECT id, jwe FROM application_files WHERE application_id = $1',
      [row.id],
    );
    expect(files.rows.map((f) => f.id)).toEqual([doc.attachments[0]!.id]);
    const file = await compactDecrypt(files.rows[0]!.jwe, privateKey);
    expect(Buffer.from(file.plaintext).equals(pdfBytes)).toBe(true);
  });

  it('with JavaScript stores only what the browser encrypted, for the current key and one per attachment', async () => {
    const { session, base } = await startDogDraft();
    await multipart(session, `${base}/1`, owner);
    await multipart(session, `${base}/2`, { dogName: 'Luna', since: '2026-11-20', breed: 'Pudel', large: 'no' });
    const prepared = await get(session, `${base}/versand.json`);
    expect(prepared.headers['cache-control']).toBe('no-store');
    const { key, document, files } = prepared.json() as {
      key: JWK & { kid: string };
      document: ApplicationDocument;
      files: unknown[];
    };
    expect(key).toMatchObject({ kty: 'RSA', kid: 'finanzamt-2026' });
    expect(key).not.toHaveProperty('d');
    expect(document.reference).toBeNull();
    expect(files).toEqual([]);
    // Another browser gets nothing.
    expect((await get(undefined, `${base}/versand.json`)).statusCode).toBe(404);
    const publicKey = await importJWK(key, 'RSA-OAEP-256');
    const jwe = (kid: string) =>
      new CompactEncrypt(new TextEncoder().encode(JSON.stringify(document)))
        .setProtectedHeader({ alg: 'RSA-OAEP-256', enc: 'A256GCM', kid })
        .encrypt(publicKey);
    const post = (body: unknown) =>
      t.app.inject({
        method: 'POST',
        url: `${base}/senden-verschluesselt`,
        payload: body as object,
        headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, accept: 'application/json' },
      });
    const wrongKid = await post({ dataJwe: await jwe('another-key'), files: [] });
    expect(wrongKid.statusCode).toBe(400);
    expect(wrongKid.headers['content-type']).toContain('application/problem+json');
    expect((await post({ dataJwe: 'plain text', files: [] })).statusCode).toBe(400);
    expect(
      (
        await post({
          dataJwe: await jwe(key.kid),
          files: [{ id: '00000000-0000-4000-8000-000000000000', jwe: await jwe(key.kid) }],
        })
      ).statusCode,
    ).toBe(400);
    expect(
      await countRows(t.db, 'SELECT count(*)::int AS n FROM applications WHERE encrypted_by = $1', ['browser']),
    ).toBe(0);
    const ok = await post({ dataJwe: await jwe(key.kid), files: [] });
    expect(ok.statusCode).toBe(201);
    const { location } = ok.json() as { location: string };
    expect((await get(undefined, location)).body).toContain('in Ihrem Browser verschlüsselt');
    const { rows } = await t.db.query<{ data_jwe: string }>(
      'SELECT data_jwe FROM applications WHERE encrypted_by = $1',
      ['browser'],
    );
    const opened = JSON.parse(
      new TextDecoder().decode((await compactDecrypt(rows[0]!.data_jwe, privateKey)).plaintext),
    ) as ApplicationDocument;
    expect(opened.answers.find((a) => a.key === 'dogName')?.value).toBe('Luna');
    // The draft is gone: a second send finds nothing.
    expect((await post({ dataJwe: await jwe(key.kid), files: [] })).statusCode).toBe(404);
  });

  it('drops the answers and files of fields that a changed choice hid', async () => {
    const { session, base } = await startDogDraft();
    await multipart(session, `${base}/1`, owner);
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#fff' } })
      .png()
      .toBuffer();
    const large = await multipart(
      session,
      `${base}/2`,
      { dogName: 'Rex', since: '2026-11-01', breed: 'Dogge', large: 'yes', chip: '276098106543211' },
      [{ field: 'insurance', data: png, name: 'police.png', type: 'image/png' }],
    );
    expect(large.headers.location).toBe(`${base}/pruefen`);
    const small = await multipart(session, `${base}/2`, {
      dogName: 'Rex',
      since: '2026-11-01',
      breed: 'Dogge',
      large: 'no',
      chip: '276098106543211',
    });
    expect(small.headers.location).toBe(`${base}/pruefen`);
    const summary = await get(session, `${base}/pruefen`);
    expect(summary.body).not.toContain('276098106543211');
    expect(summary.body).not.toContain('police.png');
    expect(
      await countRows(t.db, 'SELECT count(*)::int AS n FROM application_draft_files WHERE draft_id = $1', [
        base.split('/').pop(),
      ]),
    ).toBe(0);
  });

  it('refuses an oversized file beside its field and keeps the other answers', async () => {
    const { session, base } = await startDogDraft();
    await multipart(session, `${base}/1`, owner);
    const big = Buffer.concat([pdfBytes, Buffer.alloc(5 * 1024 * 1024 + 10, 32), Buffer.from('\n%%EOF\n')]);
    const res = await multipart(
      session,
      `${base}/2`,
      { dogName: 'Rex', since: '2026-11-01', breed: 'Dogge', large: 'yes', chip: '276098106543211' },
      [{ field: 'insurance', data: big, name: 'gross.pdf', type: 'application/pdf' }],
    );
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Die Datei ist zu groß.');
    expect(res.body).toContain('value="276098106543211"');
  });

  it('never shows one browser’s draft to another (page, summary, PDF, sending)', async () => {
    const { base } = await startDogDraft();
    const stranger = await openForm(t, '/antraege/hundeanmeldung');
    const other = await multipart(stranger, '/antraege/hundeanmeldung/start', {});
    stranger.cookie = mergeCookies(stranger.cookie, other.cookies);
    for (const url of [`${base}/1`, `${base}/pruefen`, `${base}/antrag.pdf`, base]) {
      expect((await get(stranger, url)).statusCode, url).toBe(404);
      expect((await get(undefined, url)).statusCode, url).toBe(404);
    }
    expect((await multipart(stranger, `${base}/1`, owner)).statusCode).toBe(404);
    expect((await multipart(stranger, `${base}/senden`, {})).statusCode).toBe(404);
  });

  it('asks for a login where the service needs one and offers paper either way', async () => {
    const page = await get(undefined, '/antraege/anwohnerparkausweis');
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('action="/antraege/anwohnerparkausweis/start"');
    expect(page.body).toContain('href="/antraege/anwohnerparkausweis/formular.pdf"');
    const session = await openForm(t, '/antraege/hundeanmeldung');
    expect((await multipart(session, '/antraege/anwohnerparkausweis/start', {})).statusCode).toBe(403);
  });

  it('says so when the office takes no online applications (no key), and still offers paper', async () => {
    const page = await get(undefined, '/antraege/sperrmuell-termin');
    expect(page.body).toContain('nimmt den Antrag gerade nicht online an');
    expect(page.body).not.toContain('action="/antraege/sperrmuell-termin/start"');
  });

  it('prints every field of the empty form with lines, choices and the office', async () => {
    const res = await get(undefined, '/antraege/sperrmuell-termin/formular.pdf?lang=en');
    const text = await pdfText(res.rawPayload);
    for (const s of [
      'Book a bulky waste collection',
      'Kind of bulky waste',
      '[ ] Furniture',
      'Amount in cubic metres',
      'Signature',
      'Opening hours',
    ]) {
      expect(text).toContain(s);
    }
  });
});
