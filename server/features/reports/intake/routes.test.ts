import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../../test/app.js';
import { points } from '../../../test/factories/addresses.js';
import { pngBomb } from '../../../test/factories/png-bomb.js';
import { createReport } from '../../../test/factories/reports.js';
import { buildReportsApp, solveAltcha } from '../../../test/factories/reports-core.js';
import { findReportByStatusToken } from './reporter-view.js';

let t: TestApp;
let jpeg: Buffer;
beforeAll(async () => {
  t = await buildReportsApp({ RATE_LIMIT_PUBLIC_WRITES_PER_MINUTE: '1000' });
  jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#963' } })
    .jpeg()
    .toBuffer();
});
afterAll(() => t.close());

type Field = string | number | boolean;
interface FilePart {
  name: string;
  filename: string;
  type: string;
  data: Buffer;
}

/** A multipart/form-data body as browsers send it. */
function multipart(fields: Record<string, Field>, files: FilePart[] = []) {
  const boundary = `----bs${randomUUID()}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  for (const f of files) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${f.name}"; filename="${f.filename}"\r\n` +
          `Content-Type: ${f.type}\r\n\r\n`,
      ),
      f.data,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function fields(overrides: Record<string, Field> = {}): Promise<Record<string, Field>> {
  return {
    category: 'wilder-muell',
    description: 'Drei Matratzen am Straßenrand.',
    'answers[abfallart]': 'sperrmuell',
    locationMethod: 'map',
    lat: points.mitte.lat,
    lon: points.mitte.lon,
    language: 'de',
    source: 'app',
    altcha: await solveAltcha(t.deps),
    ...overrides,
  };
}

const photo = (data: Buffer, filename = 'foto.jpg', type = 'image/jpeg'): FilePart => ({
  name: 'photos',
  filename,
  type,
  data,
});

async function post(
  body: { payload: Buffer; headers: Record<string, string> },
  key: string | null = randomUUID(),
  lang = 'de',
) {
  return t.app.inject({
    method: 'POST',
    url: '/api/reports',
    payload: body.payload,
    headers: { ...body.headers, 'accept-language': lang, ...(key ? { 'idempotency-key': key } : {}) },
  });
}

/** Row counts of everything a submission writes. */
async function counts() {
  const { rows } = await t.db.query(
    `SELECT (SELECT count(*)::int FROM reports) AS reports, (SELECT count(*)::int FROM report_photos) AS photos,
            (SELECT count(*)::int FROM report_events) AS events,
            (SELECT count(*)::int FROM idempotent_requests) AS idempotency,
            (SELECT coalesce(sum(last_number), 0)::int FROM report_reference_counters) AS numbers`,
  );
  return rows[0];
}

const errorsOf = (res: { json(): unknown }) =>
  Object.fromEntries(
    ((res.json() as { errors?: { field: string; message: string }[] }).errors ?? []).map((e) => [e.field, e.message]),
  );

describe('GET /api/reports/categories', () => {
  it('returns the tree with questions in the asked language', async () => {
    const de = await t.app.inject({ url: '/api/reports/categories?lang=de' });
    expect(de.statusCode).toBe(200);
    const groups = de.json().items as {
      code: string;
      name: string;
      children: {
        code: string;
        name: string;
        questions: { code: string; values?: { key: string; name: string }[] }[];
      }[];
    }[];
    expect(groups.map((g) => g.name)).toEqual([
      'Sauberkeit',
      'Straße und Verkehr',
      'Grün und Spielplätze',
      'Sonstiges',
    ]);
    const muell = groups[0]?.children.find((c) => c.code === 'wilder-muell');
    expect(muell?.name).toBe('Wilder Müll');
    expect(muell?.questions[0]?.values?.map((v) => v.name)).toContain('Sperrmüll');
    const en = await t.app.inject({ url: '/api/reports/categories?lang=en' });
    expect(en.json().items[0].children[0].name).toBe('Illegal dumping');
  });
});

describe('GET /api/reports/challenge and /api/landmarks', () => {
  it('hands out an ALTCHA challenge as the widget expects it', async () => {
    const res = await t.app.inject({ url: '/api/reports/challenge' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(Object.keys(res.json()).sort()).toEqual(['algorithm', 'challenge', 'maxnumber', 'salt', 'signature']);
    expect(res.json().maxnumber).toBe(1000);
  });

  it('finds landmarks forgivingly', async () => {
    for (const q of ['kesselbrink', 'KESSELBRINK', 'Kesselbrnk', 'tierpark', 'buergerpark', 'Bürgerpark']) {
      const res = await t.app.inject({ url: `/api/landmarks?q=${encodeURIComponent(q)}` });
      expect(res.statusCode).toBe(200);
      expect(res.json().items.length, q).toBeGreaterThan(0);
    }
    const res = await t.app.inject({ url: '/api/landmarks?q=tierpark' });
    expect(res.json().items[0].name).toBe('Tierpark Olderdissen');
  });
});

describe('GET /api/reports/frequent-categories', () => {
  it('counts the public reports near a point per category, most first, and checks its parameters', async () => {
    const at = { lat: 52.0105, lon: 8.5203 };
    const ids = await t.db.query<{ id: number; code: string }>(
      "SELECT id, code FROM report_categories WHERE code IN ('wilder-muell', 'laub') AND municipality_id = $1",
      [t.config.municipality.id],
    );
    const id = (code: string) => ids.rows.find((r) => r.code === code)?.id as number;
    const url = `/api/reports/frequent-categories?lat=${at.lat}&lon=${at.lon}`;
    const first = (await t.app.inject({ url })).json().items as { category: string; count: number }[];
    const before = new Map(first.map((i) => [i.category, i.count]));
    await createReport(t.deps, { categoryId: id('laub'), ...at });
    await createReport(t.deps, { categoryId: id('laub'), ...at });
    await createReport(t.deps, { categoryId: id('wilder-muell'), ...at });
    // Not public yet (awaiting screening): not counted.
    await createReport(t.deps, { categoryId: id('wilder-muell'), ...at, needsScreening: true });
    const res = await t.app.inject({ url });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { category: string; count: number }[];
    const counts = items.map((i) => i.count);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    const count = (code: string) => items.find((i) => i.category === code)?.count ?? 0;
    // The demo's reports may lie near too: these add two and one.
    expect(count('laub') - (before.get('laub') ?? 0)).toBe(2);
    expect(count('wilder-muell') - (before.get('wilder-muell') ?? 0)).toBe(1);
    const bad = await t.app.inject({ url: '/api/reports/frequent-categories?lat=x&lon=8.5' });
    expect(bad.statusCode).toBe(400);
  });
});

describe('POST /api/reports', () => {
  it('files a report with a photo; a replay with the same key returns the first answer and stores nothing', async () => {
    const key = randomUUID();
    const body = multipart(await fields(), [photo(jpeg)]);
    const first = await post(body, key);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ reference: expect.stringMatching(/^BI-\d{4}-\d{6}$/), status: 'received' });
    expect(first.json().statusUrl).toBe(`${t.config.publicUrl}/meldungen/status/${first.json().statusToken}`);
    const before = await counts();
    const replay = await post(body, key);
    expect(replay.statusCode).toBe(201);
    expect(replay.json()).toEqual(first.json());
    expect(await counts()).toEqual(before);
    const view = await findReportByStatusToken(t.deps, first.json().statusToken);
    expect(view?.photoCount).toBe(1);

    const other = await post(multipart(await fields({ description: 'Etwas anderes.' })), key);
    expect(other.statusCode).toBe(409);
    expect(await counts()).toEqual(before);
  });

  it('requires an Idempotency-Key and proof of work from apps', async () => {
    const before = await counts();
    const noKey = await post(multipart(await fields()), null);
    expect(noKey.statusCode).toBe(400);
    expect(errorsOf(noKey).idempotencyKey).toBe('Der Header Idempotency-Key fehlt.');
    const noPow = await post(multipart(await fields({ altcha: '' })));
    expect(noPow.statusCode).toBe(400);
    expect(errorsOf(noPow).altcha).toMatch(/Prüfung gegen automatische Meldungen/);
    const forged = await post(multipart(await fields({ altcha: Buffer.from('{"number":1}').toString('base64') })));
    expect(errorsOf(forged).altcha).toMatch(/fehlgeschlagen/);
    expect(await counts()).toEqual(before);
  });

  it('accepts a solved challenge once', async () => {
    const altcha = await solveAltcha(t.deps);
    expect((await post(multipart(await fields({ altcha })))).statusCode).toBe(201);
    const again = await post(multipart(await fields({ altcha, description: 'Noch einmal.' })));
    expect(again.statusCode).toBe(400);
    expect(errorsOf(again).altcha).toMatch(/schon verwendet/);
  });

  it('rejects a text file renamed .jpg, a decompression bomb and a 30 MB photo with clear errors, storing nothing', async () => {
    const before = await counts();
    const text = await post(multipart(await fields(), [photo(Buffer.from('Das ist kein Foto.\n'), 'foto.jpg')]));
    expect(text.statusCode).toBe(400);
    expect(errorsOf(text)['photos.0']).toBe('Diese Datei ist kein Foto. Erlaubt sind JPEG, PNG und WebP.');

    const bomb = await post(multipart(await fields(), [photo(pngBomb(), 'bombe.png', 'image/png')]));
    expect(bomb.statusCode).toBe(400);
    expect(errorsOf(bomb)['photos.0']).toBe('Das Bild hat zu viele Bildpunkte. Bitte verkleinern Sie es.');

    const huge = Buffer.concat([jpeg, Buffer.alloc(30 * 1024 * 1024)]);
    const big = await post(multipart(await fields(), [photo(huge)]), randomUUID(), 'en');
    expect(big.statusCode).toBe(413);
    expect(big.headers['content-type']).toContain('application/problem+json');
    expect(big.json().title).toBe('A photo is too large (at most 10 MB).');

    const four = await post(multipart(await fields(), [photo(jpeg), photo(jpeg), photo(jpeg), photo(jpeg)]));
    expect(four.statusCode).toBe(413);
    expect(errorsOf(four).photos).toBe('Sie können höchstens 3 Fotos anhängen.');
    expect(await counts()).toEqual(before);
  });

  it('rejects a point outside the city and 4,001 characters; accepts exactly 4,000', async () => {
    const before = await counts();
    const outside = await post(
      multipart(await fields({ lat: points.outside.lat, lon: points.outside.lon, language: 'en' })),
    );
    expect(outside.statusCode).toBe(400);
    expect(errorsOf(outside).location).toBe(
      'This place lies outside the city. We can only handle reports from within the city.',
    );
    const long = await post(multipart(await fields({ description: 'x'.repeat(4001) })));
    expect(errorsOf(long).description).toBe('Die Beschreibung darf höchstens 4.000 Zeichen lang sein.');
    const honeypot = await post(multipart(await fields({ website: 'http://spam.example' })));
    expect(honeypot.statusCode).toBe(400);
    expect(Object.keys(errorsOf(honeypot))).toEqual(['website']);
    expect(await counts()).toEqual(before);
    const exact = await post(multipart(await fields({ description: '€'.repeat(4000) })));
    expect(exact.statusCode).toBe(201);
  });

  it('keeps script tags, right-to-left text and emoji verbatim and answers them as JSON text', async () => {
    const text = '<script>alert("x")</script> مرحبا بالعالم 🚮🇩🇪 <b>fett</b>\u0007';
    const res = await post(multipart(await fields({ description: text })));
    expect(res.statusCode).toBe(201);
    expect(res.headers['content-type']).toContain('application/json');
    const view = await findReportByStatusToken(t.deps, res.json().statusToken);
    expect(view?.description).toBe('<script>alert("x")</script> مرحبا بالعالم 🚮🇩🇪 <b>fett</b>');
  });

  it('locates by landmark and by address text', async () => {
    const landmark = await post(
      multipart(await fields({ locationMethod: 'landmark', landmark: 'kesselbrink', lat: '', lon: '' })),
    );
    expect(landmark.statusCode).toBe(201);
    const byLandmark = await findReportByStatusToken(t.deps, landmark.json().statusToken);
    expect(byLandmark?.location).toMatchObject({ landmark: 'kesselbrink', district: 'Mitte' });
    // The typed words stay the place: no house about 150 m away (the nearest test address) stands in for them.
    expect(byLandmark?.location.addressLabel).toBeNull();
    expect(byLandmark?.location.label).toBe('kesselbrink');
    const unknown = await post(multipart(await fields({ locationMethod: 'landmark', landmark: 'Atlantis' })));
    expect(errorsOf(unknown).landmark).toMatch(/Diesen Ort kennen wir nicht/);
    const address = await post(
      multipart(await fields({ locationMethod: 'address', addressText: 'herforder str 22a' })),
    );
    expect(address.statusCode).toBe(201);
    const byAddress = await findReportByStatusToken(t.deps, address.json().statusToken);
    expect(byAddress?.location.addressLabel).toBe('Herforder Straße 22a');
    const wrong = await post(multipart(await fields({ locationMethod: 'address', addressText: 'Nirgendweg 1' })));
    expect(errorsOf(wrong).address).toMatch(/Diese Adresse kennen wir nicht/);
  });

  it('rejects bad contact data and missing consent', async () => {
    const res = await post(multipart(await fields({ email: 'kaputt', phone: 'abc', name: 'Erika' })));
    expect(res.statusCode).toBe(400);
    expect(Object.keys(errorsOf(res)).sort()).toEqual(['consent', 'email', 'phone']);
  });
});

describe('duplicates and supporters', () => {
  it('lists open reports nearby and adds a supporter', async () => {
    const created = await post(
      multipart(await fields({ category: 'spielplatz', 'answers[abfallart]': '', lat: 52.0101, lon: 8.5101 })),
    );
    // spielplatz has no questions: the stray answer is dropped.
    expect(created.statusCode).toBe(201);
    const reference = created.json().reference as string;
    const near = await t.app.inject({ url: '/api/reports/nearby?category=spielplatz&lat=52.0102&lon=8.5102' });
    expect(near.statusCode).toBe(200);
    expect(near.json().items.map((i: { reference: string }) => i.reference)).toEqual([reference]);
    expect(near.json().items[0]).not.toHaveProperty('email');
    const far = await t.app.inject({ url: '/api/reports/nearby?category=spielplatz&lat=52.02&lon=8.53' });
    expect(far.json().items).toEqual([]);

    const support = await t.app.inject({
      method: 'POST',
      url: `/api/reports/${reference}/supporters`,
      payload: { notifyEmail: true, email: 'nachbar@example.org', language: 'de', altcha: await solveAltcha(t.deps) },
    });
    expect(support.statusCode).toBe(200);
    expect(support.json()).toEqual({ supporterCount: 1, alreadySupporting: false });
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/reports/BI-1999-999999/supporters',
      payload: { notifyEmail: false, language: 'de', altcha: await solveAltcha(t.deps) },
    });
    expect(unknown.statusCode).toBe(404);
  });
});

describe('rate limit', () => {
  it('limits public writes per IP', async () => {
    const small = await buildReportsApp({ RATE_LIMIT_PUBLIC_WRITES_PER_MINUTE: '2' });
    try {
      const send = () =>
        small.app.inject({
          method: 'POST',
          url: '/api/reports',
          payload: {},
          headers: { 'idempotency-key': randomUUID() },
        });
      expect((await send()).statusCode).toBe(400);
      expect((await send()).statusCode).toBe(400);
      const third = await send();
      expect(third.statusCode).toBe(429);
      expect(third.json().code).toBe('rate_limited');
    } finally {
      await small.close();
    }
  });
});

describe('OpenAPI', () => {
  it('documents the report API, the upload as multipart/form-data', async () => {
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
    for (const path of ['/api/reports/categories', '/api/reports/challenge', '/api/reports/nearby', '/api/landmarks']) {
      expect(doc.paths[path]?.get, path).toBeDefined();
    }
    const post = doc.paths['/api/reports'].post;
    expect(Object.keys(post.requestBody.content)).toEqual(['multipart/form-data']);
    expect(post.requestBody.content['multipart/form-data'].schema.properties.photos.items.format).toBe('binary');
    expect(post.parameters.map((p: { name: string }) => p.name)).toContain('idempotency-key');
    expect(doc.paths['/api/reports/{reference}/supporters'].post).toBeDefined();
  });
});
