import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.js';
import { points, seedTestAddresses } from '../../test/factories/addresses.js';
import { addressTextOf } from './create.js';
import { revokeOpen311Client } from './keys-service.js';
import { createdListSchema } from './schemas.js';
import { createApiKey, seedOpen311Categories } from './test-data.js';
import { errors, json, post, xml } from './test-helpers.js';

let t: TestApp;
let key: string;
let clientId: number;
beforeAll(async () => {
  t = await buildTestApp();
  await seedTestAddresses(t.deps);
  await seedOpen311Categories(t.deps);
  ({ key, id: clientId } = await createApiKey(t.deps));
});
afterAll(() => t?.close());

const url = '/open311/v2/requests.json';
const waste = (extra: Record<string, string | string[] | undefined> = {}) => ({
  api_key: key,
  service_code: 'wilder-muell',
  lat: String(points.mitte.lat),
  long: String(points.mitte.lon),
  description: 'Sperrmüll am Straßenrand',
  'attribute[art]': 'sperrmuell',
  ...extra,
});

interface StoredReport {
  source: string;
  open311_client_id: number | null;
  answers: Record<string, unknown>;
  needs_screening: boolean;
  location_method: string;
  address_label: string | null;
  landmark: string | null;
  reporter_name: string | null;
  reporter_email: string | null;
  reporter_phone: string | null;
  notify_email: boolean;
  language: string;
  lat: number;
}

async function stored(reference: string): Promise<StoredReport> {
  const { rows } = await t.db.query<StoredReport>(
    `SELECT source, open311_client_id, answers, needs_screening, location_method, address_label, landmark,
            reporter_name, reporter_email, reporter_phone, notify_email, language, lat
       FROM reports WHERE reference = $1`,
    [reference],
  );
  return rows[0]!;
}

async function reportCount(): Promise<number> {
  const { rows } = await t.db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM reports WHERE municipality_id = $1',
    [t.config.municipality.id],
  );
  return rows[0]!.n;
}

describe('POST requests: created', () => {
  it('files a report with single and multi value attributes and answers its id in JSON', async () => {
    const res = await post(
      t,
      url,
      waste({
        'attribute[stoffe][]': ['oel', 'farbe'],
        'attribute[menge]': '3',
        email: 'melder@example.org',
        first_name: 'Max',
        last_name: 'Muster',
        phone: '+49 521 1234567',
        device_id: 'geraet-1',
        account_id: 'konto-7',
      }),
    );
    const [created] = json<{ service_request_id: string; service_notice: string; account_id: null }[]>(
      res,
      200,
      createdListSchema,
    );
    expect(created?.service_request_id).toMatch(/^BI-\d{4}-\d{6}$/);
    expect(created?.service_notice).toBe(
      'Meldungen dieser Art bearbeiten wir in der Regel innerhalb von 5 Arbeitstagen.',
    );
    expect(created?.account_id).toBeNull();
    const row = await stored(created!.service_request_id);
    expect(row).toMatchObject({
      source: 'open311',
      open311_client_id: clientId,
      needs_screening: false,
      location_method: 'api',
      reporter_name: 'Max Muster',
      reporter_email: 'melder@example.org',
      reporter_phone: '+49 521 1234567',
      notify_email: false,
      language: 'de',
    });
    expect(row.answers).toEqual({ art: 'sperrmuell', stoffe: ['oel', 'farbe'], menge: 3 });
    const { rows } = await t.db.query<{ last_used_at: Date | null }>(
      'SELECT last_used_at FROM open311_clients WHERE id = $1',
      [clientId],
    );
    expect(rows[0]?.last_used_at).toBeInstanceOf(Date);
  });

  it('answers XML with <service_requests><request> and takes a repeated plain attribute as multi value', async () => {
    const res = await post(
      t,
      '/open311/v2/requests.xml?locale=en',
      waste({ 'attribute[stoffe]': ['reifen', 'oel'], 'attribute[art]': 'bauschutt' }),
    );
    const doc = xml<{ request: Record<string, string>[] }>(res, 200, 'service_requests');
    expect(doc.request).toHaveLength(1);
    expect(Object.keys(doc.request[0]!)).toEqual(['service_request_id', 'service_notice', 'account_id']);
    expect(doc.request[0]?.service_notice).toBe('We usually deal with reports of this kind within 5 working days.');
    const row = await stored(doc.request[0]!.service_request_id!);
    expect(row.answers).toEqual({ art: 'bauschutt', stoffe: ['reifen', 'oel'] });
    expect(row.language).toBe('en');
  });

  it('locates by address_string, by address_id, and keeps address_string as landmark beside lat/long', async () => {
    const byText = json<{ service_request_id: string }[]>(
      await post(t, url, { api_key: key, service_code: 'beleuchtung', address_string: 'Herforder Str. 22a' }),
      200,
    );
    const text = await stored(byText[0]!.service_request_id);
    expect(text).toMatchObject({ location_method: 'address', address_label: 'Herforder Straße 22a' });

    const { rows } = await t.db.query<{ id: number }>(
      `SELECT id FROM addresses WHERE municipality_id = $1 AND street = 'Obernstraße' AND house_number = 3`,
      [t.config.municipality.id],
    );
    const byId = json<{ service_request_id: string }[]>(
      await post(t, url, { api_key: key, service_code: 'beleuchtung', address_id: String(rows[0]!.id) }),
      200,
    );
    expect(await stored(byId[0]!.service_request_id)).toMatchObject({ address_label: 'Obernstraße 3' });

    const both = json<{ service_request_id: string }[]>(
      await post(t, url, waste({ address_string: 'vor dem Kiosk am Jahnplatz' })),
      200,
    );
    expect(await stored(both[0]!.service_request_id)).toMatchObject({
      location_method: 'api',
      landmark: 'vor dem Kiosk am Jahnplatz',
    });
  });

  it('reads address_string as GeoReport clients write it: with the place, with or without postcode', async () => {
    expect(addressTextOf('Jahnplatz 5, Bielefeld')).toBe('Jahnplatz 5');
    expect(addressTextOf('Niederwall 23 Bielefeld')).toBe('Niederwall 23');
    expect(addressTextOf('Niederwall 23a Bielefeld')).toBe('Niederwall 23a');
    expect(addressTextOf('Niederwall 23 a, Bielefeld')).toBe('Niederwall 23 a');
    expect(addressTextOf('Obernstraße 3, 33602 Bielefeld')).toBe('Obernstraße 3');
    expect(addressTextOf('Obernstraße 3, 33602 Bielefeld, Germany')).toBe('Obernstraße 3');
    expect(addressTextOf('  Jahnplatz   2 ,  Bielefeld-Mitte ')).toBe('Jahnplatz 2');
    // What the register's parser reads itself stays as it is.
    expect(addressTextOf('Herforder Str. 22a')).toBe('Herforder Str. 22a');
    expect(addressTextOf('Herforder Str. 22 a')).toBe('Herforder Str. 22 a');
    expect(addressTextOf('Straße des 17. Juni 5')).toBe('Straße des 17. Juni 5');
    expect(addressTextOf('vor dem Kiosk am Jahnplatz')).toBe('vor dem Kiosk am Jahnplatz');

    for (const [addressString, label] of [
      ['Jahnplatz 2, Bielefeld', 'Jahnplatz 2'],
      ['Herforder Straße 23 Bielefeld', 'Herforder Straße 23'],
      ['Obernstraße 3, 33602 Bielefeld', 'Obernstraße 3'],
      ['Herforder Straße 22b, 33602', 'Herforder Straße 22b'],
    ] as const) {
      const created = json<{ service_request_id: string }[]>(
        await post(t, url, { api_key: key, service_code: 'beleuchtung', address_string: addressString }),
        200,
      );
      expect(await stored(created[0]!.service_request_id), addressString).toMatchObject({
        location_method: 'address',
        address_label: label,
      });
    }
    // A place without a house number is a location text when coordinates come with it; alone it is not enough.
    const described = json<{ service_request_id: string }[]>(
      await post(t, url, waste({ address_string: 'Jahnplatz, Bielefeld' })),
      200,
    );
    expect(await stored(described[0]!.service_request_id)).toMatchObject({
      location_method: 'api',
      landmark: 'Jahnplatz, Bielefeld',
    });
    const alone = await post(t, url, {
      api_key: key,
      service_code: 'beleuchtung',
      address_string: 'Jahnplatz, Bielefeld',
    });
    expect(alone.statusCode).toBe(400);
  });

  it('accepts media_url but never fetches it', async () => {
    let hits = 0;
    const server: Server = createServer((_req, res) => {
      hits++;
      res.end('x');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const port = (server.address() as AddressInfo).port;
      const media = `http://127.0.0.1:${port}/foto.jpg`;
      const res = await post(t, url, waste({ media_url: media }));
      const [created] = json<{ service_request_id: string }[]>(res, 200, createdListSchema);
      expect(hits).toBe(0);
      // Nor later: no photo was stored and nothing that could fetch it was left behind (no job names the address).
      const { rows } = await t.db.query<{ photos: number; jobs: number }>(
        `SELECT (SELECT count(*)::int FROM report_photos p JOIN reports r ON r.id = p.report_id
                  WHERE r.reference = $1) AS photos,
                (SELECT count(*)::int FROM pgboss.job WHERE data::text LIKE '%' || $2 || '%') AS jobs`,
        [created?.service_request_id, media],
      );
      expect(rows).toEqual([{ photos: 0, jobs: 0 }]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('treats empty optional arguments as absent; without a description the service name stands in', async () => {
    const res = await post(
      t,
      url,
      waste({ email: '', phone: '', jurisdiction_id: '', 'attribute[menge]': '', description: '' }),
    );
    const [created] = json<{ service_request_id: string }[]>(res, 200);
    expect(await stored(created!.service_request_id)).toMatchObject({ reporter_email: null, reporter_phone: null });
    const { rows } = await t.db.query<{ description: string }>('SELECT description FROM reports WHERE reference = $1', [
      created!.service_request_id,
    ]);
    expect(rows[0]?.description).toBe('Wilder Müll');
  });
});

describe('POST requests: refused', () => {
  it('403 without, with an unknown and with a revoked api_key (JSON and XML); nothing is stored', async () => {
    const before = await reportCount();
    const missing = errors(await post(t, url, waste({ api_key: undefined })), 403);
    expect(missing).toEqual([
      'api_key: Es wurde kein API-Schlüssel übermittelt; ohne Schlüssel kann keine Meldung angelegt werden.',
    ]);
    errors(await post(t, '/open311/v2/requests.xml', waste({ api_key: '' })), 403);
    const wrong = errors(await post(t, url, waste({ api_key: `${key}x` })), 403);
    expect(wrong).toEqual(['api_key: Der API-Schlüssel ist ungültig; die Meldung wurde nicht angelegt.']);

    const other = await createApiKey(t.deps, 'Wird widerrufen');
    json(await post(t, url, waste({ api_key: other.key })), 200);
    await revokeOpen311Client(t.deps, t.config.municipality.id, other.id, { id: null, label: 'test' });
    const revoked = errors(await post(t, '/open311/v2/requests.xml?locale=en', waste({ api_key: other.key })), 403);
    expect(revoked).toEqual(['api_key: The API key has been revoked; the report was not created.']);
    expect(await reportCount()).toBe(before + 1);
  });

  it('404 for an unknown service_code or jurisdiction, 400 without service_code', async () => {
    expect(errors(await post(t, url, waste({ service_code: 'gibt-es-nicht' })), 404)).toEqual([
      'service_code: Es gibt keinen Dienst mit dem service_code „gibt-es-nicht“.',
    ]);
    errors(await post(t, '/open311/v2/requests.xml', waste({ service_code: 'sauberkeit' })), 404);
    expect(errors(await post(t, url, waste({ service_code: '' })), 400)).toEqual([
      'service_code: Bitte geben Sie den service_code einer Kategorie an.',
    ]);
    errors(await post(t, url, waste({ jurisdiction_id: 'city.gov' })), 404);
  });

  it('400 for a missing required attribute and for values not in the list', async () => {
    const missing = errors(await post(t, url, waste({ 'attribute[art]': undefined })), 400);
    expect(missing).toHaveLength(1);
    expect(missing[0]).toMatch(/^attribute\[art\]: /);
    const parking = errors(
      await post(t, url, { api_key: key, service_code: 'falschparker', lat: '52.015', long: '8.53' }),
      400,
    );
    expect(parking[0]).toMatch(/^attribute\[kennzeichen\]: /);
    const single = errors(await post(t, '/open311/v2/requests.xml', waste({ 'attribute[art]': 'gold' })), 400);
    expect(single[0]).toMatch(/^attribute\[art\]: /);
    const multi = errors(await post(t, url, waste({ 'attribute[stoffe][]': ['oel', 'plutonium'] })), 400);
    expect(multi[0]).toMatch(/^attribute\[stoffe\]: /);
    const number = errors(await post(t, url, waste({ 'attribute[menge]': 'viele' })), 400);
    expect(number[0]).toMatch(/^attribute\[menge\]: /);
  });

  it('400 for an unknown attribute and two values for a single-value attribute', async () => {
    const res = await post(
      t,
      url,
      waste({ 'attribute[farbe]': 'rot', 'attribute[art][]': ['sperrmuell', 'bauschutt'] }),
    );
    expect(errors(res, 400)).toEqual([
      'attribute[art]: Dieses Attribut nimmt nur einen Wert an.',
      'attribute[farbe]: Diese Kategorie hat kein solches Attribut.',
    ]);
  });

  it('400 without a location, for bad or half coordinates, and outside the municipality', async () => {
    expect(errors(await post(t, url, waste({ lat: undefined, long: undefined })), 400)).toEqual([
      'lat: Ein Ort ist nötig: lat und long, address_string oder address_id.',
    ]);
    expect(errors(await post(t, url, waste({ lat: 'abc', long: '200' })), 400)).toEqual([
      'lat: Bitte geben Sie die geografische Breite als Dezimalzahl zwischen -90 und 90 an (WGS84).',
      'long: Bitte geben Sie die geografische Länge als Dezimalzahl zwischen -180 und 180 an (WGS84).',
    ]);
    expect(errors(await post(t, url, waste({ lat: '95' })), 400)[0]).toMatch(/^lat: /);
    expect(errors(await post(t, url, waste({ long: undefined })), 400)).toEqual([
      'long: lat und long müssen zusammen angegeben werden.',
    ]);
    const outside = errors(
      await post(
        t,
        '/open311/v2/requests.xml',
        waste({ lat: String(points.outside.lat), long: String(points.outside.lon) }),
      ),
      400,
    );
    expect(outside).toHaveLength(1);
    expect(outside[0]).toMatch(/^lat, long: /);
    expect(errors(await post(t, url, waste({ lat: undefined, long: undefined, address_id: 'x1' })), 400)[0]).toMatch(
      /^address_id: /,
    );
    const unknown = errors(
      await post(t, url, waste({ lat: undefined, long: undefined, address_string: 'Mondweg 1' })),
      400,
    );
    expect(unknown[0]).toMatch(/^address_string: /);
  });

  it('reports every problem at once and stores nothing', async () => {
    const before = await reportCount();
    const list = errors(
      await post(t, url, waste({ 'attribute[art]': undefined, description: 'x'.repeat(4001), email: 'kein-mail' })),
      400,
    );
    expect(list.map((d) => d.split(':')[0]).sort()).toEqual(['attribute[art]', 'description', 'email']);
    expect(await reportCount()).toBe(before);
  });

  it('takes forms only: JSON or text bodies are a 400, an oversized body a 413; nothing is stored', async () => {
    const before = await reportCount();
    const formOnly = ['Bitte senden Sie das Formular als application/x-www-form-urlencoded.'];
    const asJson = await t.app.inject({ method: 'POST', url, payload: waste() });
    expect(errors(asJson, 400)).toEqual(formOnly);
    const text = await t.app.inject({ method: 'POST', url, headers: { 'content-type': 'text/plain' }, payload: 'x' });
    expect(errors(text, 400)).toEqual(formOnly);
    const huge = await post(t, '/open311/v2/requests.xml', waste({ description: 'x'.repeat(t.config.bodyLimitBytes) }));
    expect(errors(huge, 413)).toEqual(['Die Anfrage ist zu groß.']);
    expect(await reportCount()).toBe(before);
  });
});

describe('POST requests: rate limit', () => {
  it('counts per API key and answers 429 as a GeoReport error', async () => {
    const limited = await buildTestApp({
      db: t.db,
      env: { RATE_LIMIT_PUBLIC_WRITES_PER_MINUTE: '2', RATE_LIMIT_API_PER_MINUTE: '20' },
    });
    try {
      const a = await createApiKey(limited.deps, 'A');
      const b = await createApiKey(limited.deps, 'B');
      // Per key: max(2, 20 / 10) = 2 a minute. Each request fails later (no category), which still counts.
      for (let i = 0; i < 2; i++) errors(await post(limited, url, { api_key: a.key, service_code: 'x' }), 404);
      const over = await post(limited, url, { api_key: a.key, service_code: 'x' });
      expect(errors(over, 429)).toEqual(['Zu viele Anfragen; bitte warten Sie einen Moment.']);
      expect(over.headers['retry-after']).toBeDefined();
      errors(await post(limited, url, { api_key: b.key, service_code: 'x' }), 404);
    } finally {
      await limited.close();
    }
  });

  it('counts made-up keys per address: a fresh invalid key per request opens no fresh allowance', async () => {
    const limited = await buildTestApp({
      db: t.db,
      env: { RATE_LIMIT_PUBLIC_WRITES_PER_MINUTE: '2', RATE_LIMIT_API_PER_MINUTE: '20' },
    });
    try {
      for (let i = 0; i < 2; i++)
        errors(await post(limited, url, { api_key: `invented-${i}`, service_code: 'x' }), 403);
      errors(await post(limited, url, { api_key: 'invented-2', service_code: 'x' }), 429);
      errors(await post(limited, url, { service_code: 'x' }), 429);
      // A live key has its own allowance, whatever the address did.
      const a = await createApiKey(limited.deps, 'A');
      errors(await post(limited, url, { api_key: a.key, service_code: 'x' }), 404);
    } finally {
      await limited.close();
    }
  });
});
