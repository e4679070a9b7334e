import { brotliDecompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.js';
import { points, seedTestAddresses } from '../../test/factories/addresses.js';
import { createExternalBody, createReport } from '../../test/factories/reports.js';
import { appendEvent } from '../reports/core/events.js';
import { errorListSchema, requestListSchema } from './schemas.js';
import { type Open311Fixture, seedOpen311Categories } from './test-data.js';
import { errors, get, json, xml } from './test-helpers.js';

type Req = Record<string, unknown> & { service_request_id: string };

const day = 24 * 3600 * 1000;
const secrets = {
  name: 'Erika Geheimnisvoll',
  email: 'erika.geheim@example.org',
  phone: '+49 170 9876543',
  internalText: 'INTERNER ORIGINALTEXT mit Hausnummer 7',
  internalNote: 'INTERNE NOTIZ: Nachbar hat angerufen',
};
const requestFields = [
  'service_request_id',
  'status',
  'status_notes',
  'service_name',
  'service_code',
  'description',
  'agency_responsible',
  'service_notice',
  'requested_datetime',
  'updated_datetime',
  'expected_datetime',
  'address',
  'address_id',
  'zipcode',
  'lat',
  'long',
  'media_url',
];

let t: TestApp;
let f: Open311Fixture;
let start: number;
const ref: Record<string, string> = {};
let approvedPhoto: number;
let pendingPhotos: number[];

beforeAll(async () => {
  t = await buildTestApp();
  start = t.clock.now.getTime();
  await seedTestAddresses(t.deps);
  f = await seedOpen311Categories(t.deps);
  const deps = t.deps;
  const at = (days: number) => new Date(start - days * day);
  const personal = { reporterName: secrets.name, reporterEmail: secrets.email, reporterPhone: secrets.phone };

  const a = await createReport(deps, {
    categoryId: f.wasteId,
    createdAt: at(1),
    description: secrets.internalText,
    publicDescription: 'Sperrmüll & Co. <am> Straßenrand',
    photos: 2,
    photoReview: 'pending',
    ...personal,
  });
  const b = await createReport(deps, {
    categoryId: f.lightId,
    status: 'done',
    createdAt: at(10),
    departmentId: f.departmentId,
    lat: points.schildesche.lat,
    lon: points.schildesche.lon,
    photos: 1,
    photoReview: 'approved',
    ...personal,
  });
  const railway = await createExternalBody(deps, 'Deutsche Bahn');
  const c = await createReport(deps, { categoryId: f.parkingId, status: 'external', createdAt: at(20), ...personal });
  await deps.db.query('UPDATE reports SET external_body_id = $2, department_id = $3 WHERE id = $1', [
    c.id,
    railway,
    f.departmentId,
  ]);
  const old = await createReport(deps, { categoryId: f.wasteId, createdAt: at(100), ...personal });
  const screening = await createReport(deps, { categoryId: f.wasteId, createdAt: at(2), needsScreening: true });
  const hidden = await createReport(deps, { categoryId: f.wasteId, createdAt: at(2) });
  const abusive = await createReport(deps, { categoryId: f.wasteId, createdAt: at(2) });
  const merged = await createReport(deps, { categoryId: f.wasteId, createdAt: at(2) });
  await deps.db.query('UPDATE reports SET hidden = true WHERE id = $1', [hidden.id]);
  await deps.db.query('UPDATE reports SET abusive = true WHERE id = $1', [abusive.id]);
  await deps.db.query('UPDATE reports SET merged_into_id = $2 WHERE id = $1', [merged.id, a.id]);
  Object.assign(ref, {
    a: a.reference,
    b: b.reference,
    c: c.reference,
    old: old.reference,
    screening: screening.reference,
    hidden: hidden.reference,
    abusive: abusive.reference,
    merged: merged.reference,
  });

  // A: a street address and supporters; B: its history with public and internal notes, closed.
  await deps.db.query(
    `UPDATE reports SET address_id = (SELECT id FROM addresses WHERE municipality_id = $2 AND street = 'Obernstraße'
       AND house_number = 2), supporter_count = 4 WHERE id = $1`,
    [a.id, t.config.municipality.id],
  );
  await deps.db.transaction(async (tx) => {
    const e = (o: Omit<Parameters<typeof appendEvent>[1], 'municipalityId' | 'reportId'>) =>
      appendEvent(tx, { municipalityId: t.config.municipality.id, reportId: b.id, ...o });
    await e({ kind: 'forwarded', statusFrom: 'received', statusTo: 'forwarded', public: true, at: at(9) });
    await e({ kind: 'note', internalNote: secrets.internalNote, at: new Date(start - 8.5 * day) });
    await e({ kind: 'note', public: true, publicNote: 'Wir schauen uns das an.', at: at(8) });
    await e({
      kind: 'status',
      statusFrom: 'forwarded',
      statusTo: 'done',
      public: true,
      publicNote: 'Lampe getauscht.',
      at: at(7),
    });
    await tx.query('UPDATE reports SET closed_at = $2, updated_at = $3 WHERE id = $1', [b.id, at(7), at(6)]);
  });
  const photos = await deps.db.query<{ id: number; review: string }>(
    'SELECT id, review FROM report_photos WHERE report_id = ANY($1::bigint[]) ORDER BY id',
    [[a.id, b.id]],
  );
  approvedPhoto = photos.rows.find((p) => p.review === 'approved')!.id;
  pendingPhotos = photos.rows.filter((p) => p.review === 'pending').map((p) => p.id);
});
afterAll(() => t?.close());

const list = async (query = '', format: 'json' | 'xml' = 'json') =>
  get(t, `/open311/v2/requests.${format}${query ? `?${query}` : ''}`);
const ids = async (query = '') =>
  json<Req[]>(await list(query), 200, requestListSchema).map((r) => r.service_request_id);

describe('GET requests', () => {
  it('lists the public requests of the last 90 days, newest first, with the specification fields', async () => {
    const requests = json<Req[]>(await list(), 200, requestListSchema);
    expect(requests.map((r) => r.service_request_id)).toEqual([ref.a, ref.b, ref.c]);
    for (const r of requests) expect(Object.keys(r)).toEqual(requestFields);
    const [a, b, c] = requests;
    expect(a).toMatchObject({
      status: 'open',
      status_notes: null,
      service_name: 'Wilder Müll',
      service_code: 'wilder-muell',
      description: 'Sperrmüll & Co. <am> Straßenrand',
      agency_responsible: null,
      service_notice: 'Meldungen dieser Art bearbeiten wir in der Regel innerhalb von 5 Arbeitstagen.',
      address: 'Obernstraße, 33602 Bielefeld',
      address_id: null,
      zipcode: '33602',
      lat: points.mitte.lat,
      long: points.mitte.lon,
      media_url: null,
    });
    expect(a?.requested_datetime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+0[12]:00$/);
    expect(new Date(a?.requested_datetime as string).getTime()).toBe(Math.floor((start - day) / 1000) * 1000);
    expect(a?.expected_datetime).not.toBeNull();
    expect(b).toMatchObject({
      status: 'closed',
      status_notes: 'Lampe getauscht.',
      agency_responsible: 'Umweltbetrieb',
      service_notice: null,
      media_url: `${t.config.publicUrl}/meldungen/${ref.b}/fotos/${approvedPhoto}`,
    });
    // Closed: updated_datetime is when it was closed, not the later update.
    expect(new Date(b?.updated_datetime as string).getTime()).toBe(Math.floor((start - 7 * day) / 1000) * 1000);
    expect(c).toMatchObject({ status: 'closed', agency_responsible: 'Deutsche Bahn', service_code: 'falschparker' });
  });

  it('answers XML: <service_requests>, one <request> each with the fields in order, text escaped', async () => {
    const res = await list('', 'xml');
    expect(res.body).toContain('<description>Sperrmüll &amp; Co. &lt;am&gt; Straßenrand</description>');
    const { request } = xml<{ request: Record<string, string>[] }>(res, 200, 'service_requests');
    expect(request.map((r) => r.service_request_id)).toEqual([ref.a, ref.b, ref.c]);
    for (const r of request) expect(Object.keys(r)).toEqual(requestFields);
    expect(request[0]).toMatchObject({
      status: 'open',
      status_notes: '',
      address_id: '',
      lat: String(points.mitte.lat),
    });
    expect(request[1]?.media_url).toBe(`${t.config.publicUrl}/meldungen/${ref.b}/fotos/${approvedPhoto}`);
  });

  it('never shows personal data, internal text or notes, or unapproved photos, in any answer', async () => {
    const bodies = [];
    for (const format of ['json', 'xml'] as const) {
      for (const q of ['', 'extensions=true', `service_request_id=${Object.values(ref).join(',')}&extensions=true`]) {
        bodies.push((await list(q, format)).body);
      }
      bodies.push((await get(t, `/open311/v2/requests/${ref.a}.${format}?extensions=true`)).body);
      bodies.push((await get(t, `/open311/v2/requests/${ref.b}.${format}?extensions=true`)).body);
    }
    const forbidden = [
      ...Object.values(secrets),
      'Obernstraße 2',
      'erika',
      'Mustermann',
      ...Object.values(ref).slice(4),
    ];
    for (const body of bodies) {
      for (const secret of forbidden) expect(body).not.toContain(secret);
      for (const id of pendingPhotos) expect(body).not.toMatch(new RegExp(`/fotos/${id}\\b`));
    }
    expect(bodies.join('')).toContain(ref.a);
  });

  it('service_request_id: a comma list that overrides every other argument, public requests only', async () => {
    const query = `service_request_id=${ref.old},${ref.b},${ref.screening},${ref.hidden},${ref.abusive},${ref.merged}`;
    expect(await ids(`${query}&status=open&service_code=falschparker&start_date=2000-01-01&bbox=x`)).toEqual([
      ref.b,
      ref.old,
    ]);
    expect(await ids('service_request_id=')).toEqual([ref.a, ref.b, ref.c]);
  });

  it('service_code and status: comma lists (or repeated); an unknown status is a 400', async () => {
    expect(await ids('service_code=wilder-muell,falschparker')).toEqual([ref.a, ref.c]);
    expect(await ids('service_code=beleuchtung&service_code=falschparker')).toEqual([ref.b, ref.c]);
    expect(await ids('status=open')).toEqual([ref.a]);
    expect(await ids('status=closed')).toEqual([ref.b, ref.c]);
    expect(await ids('status=open,closed')).toEqual([ref.a, ref.b, ref.c]);
    expect(await ids('status=open&status=closed')).toEqual([ref.a, ref.b, ref.c]);
    expect(errors(await list('status=erledigt'), 400)).toEqual([
      'status: Der Status „erledigt“ ist unbekannt; möglich sind open und closed.',
    ]);
    errors(await list('status=erledigt', 'xml'), 400);
  });

  it('start_date and end_date: W3C datetimes or days, at most 90 days apart', async () => {
    const iso = (days: number) => new Date(start - days * day).toISOString();
    expect(await ids(`start_date=${iso(15)}&end_date=${iso(5)}`)).toEqual([ref.b]);
    expect(await ids(`start_date=${iso(120)}`)).toEqual([ref.old]);
    expect(await ids(`start_date=${iso(25)}`)).toEqual([ref.a, ref.b, ref.c]);
    expect(await ids(`end_date=${iso(5)}`)).toEqual([ref.b, ref.c]);
    // A "+" offset that arrived unencoded (decoded as a space) still counts as "+".
    const local = new Date(start - 15 * day).toISOString().slice(0, 19);
    expect(await ids(`start_date=${local}+00:00&end_date=${iso(5).slice(0, 10)}`)).toEqual([ref.b]);
    const wide = errors(await list(`start_date=${iso(120)}&end_date=${iso(5)}`), 400);
    expect(wide).toEqual(['end_date: Der Zeitraum darf höchstens 90 Tage umfassen.']);
    expect(errors(await list(`start_date=${iso(5)}&end_date=${iso(15)}`), 400)[0]).toMatch(/^end_date: /);
    const bad = errors(await list('start_date=gestern&end_date=2026-02-30&locale=en', 'xml'), 400);
    expect(bad).toEqual([
      'start_date: Please give date and time in W3C format, e.g. 2026-05-04T00:00:00Z.',
      'end_date: Please give date and time in W3C format, e.g. 2026-05-04T00:00:00Z.',
    ]);
    errors(await list('start_date=2026-01-01T10:00:00'), 400);
  });

  it('the default window follows the clock: 90 days back from now', async () => {
    try {
      t.clock.now = new Date(start + 79 * day);
      expect(await ids()).toEqual([ref.a, ref.b]);
      t.clock.now = new Date(start + 85 * day);
      expect(await ids()).toEqual([ref.a]);
      t.clock.now = new Date(start + 95 * day);
      expect(await ids()).toEqual([]);
      const empty = await list('', 'xml');
      expect(empty.body).toBe('<?xml version="1.0" encoding="UTF-8"?><service_requests/>');
    } finally {
      t.clock.now = new Date(start);
    }
  });

  it('extensions=true adds the detailed status, public history, district and supporters', async () => {
    const [a, b, c] = json<Req[]>(await list('extensions=true'), 200, requestListSchema);
    expect(a?.extended_attributes).toEqual({
      detailed_status: 'received',
      status_history: [{ status: 'received', note: null, datetime: a?.requested_datetime }],
      district: 'Mitte',
      supporters: 4,
    });
    const history = (b!.extended_attributes as { status_history: unknown[] }).status_history;
    expect(history).toEqual([
      { status: 'received', note: null, datetime: b?.requested_datetime },
      { status: 'forwarded', note: null, datetime: expect.any(String) },
      { status: 'forwarded', note: 'Wir schauen uns das an.', datetime: expect.any(String) },
      { status: 'done', note: 'Lampe getauscht.', datetime: b?.updated_datetime },
    ]);
    expect(b?.extended_attributes).toMatchObject({ detailed_status: 'done', district: 'Schildesche' });
    expect(c?.extended_attributes).toMatchObject({ detailed_status: 'external' });
    expect(await ids('extensions=false')).toHaveLength(3);
    expect(json<Req[]>(await list('extensions=false'), 200)[0]).not.toHaveProperty('extended_attributes');
    expect(errors(await list('extensions=ja'), 400)[0]).toMatch(/^extensions: /);

    const x = xml<{ request: { extended_attributes: Record<string, unknown> }[] }>(
      await list('extensions=true', 'xml'),
      200,
      'service_requests',
    );
    const extended = x.request[1]?.extended_attributes as { status_history: { status_change: { status: string }[] } };
    expect(Object.keys(extended)).toEqual(['detailed_status', 'status_history', 'district', 'supporters']);
    expect(extended.status_history.status_change.map((s) => s.status)).toEqual([
      'received',
      'forwarded',
      'forwarded',
      'done',
    ]);
  });

  it('page and page_size page through the answer; page_size is at most 1,000', async () => {
    expect(await ids('page_size=1')).toEqual([ref.a]);
    expect(await ids('page_size=1&page=2')).toEqual([ref.b]);
    expect(await ids('page_size=2&page=2')).toEqual([ref.c]);
    expect(await ids('page=5')).toEqual([]);
    expect(errors(await list('page_size=1001'), 400)).toEqual([
      'page_size: Bitte geben Sie eine ganze Zahl von 1 bis 1000 an.',
    ]);
    expect(errors(await list('page=0&page_size=abc'), 400).map((e) => e.split(':')[0])).toEqual(['page', 'page_size']);
  });

  it('updated_after and updated_before filter by the last change and replace the default window', async () => {
    const iso = (days: number) => new Date(start - days * day).toISOString();
    await t.db.query('UPDATE reports SET updated_at = $2 WHERE reference = $1', [ref.old, new Date(start - 3 * day)]);
    expect(await ids(`updated_after=${iso(4)}`)).toEqual(expect.arrayContaining([ref.a, ref.old]));
    expect(await ids(`updated_after=${iso(4)}&updated_before=${iso(2)}`)).toEqual([ref.old]);
    expect(await ids(`updated_before=${iso(5)}`)).toEqual([ref.b, ref.c]);
    expect(errors(await list(`updated_after=${iso(2)}&updated_before=${iso(4)}`), 400)[0]).toMatch(/^updated_before: /);
    // With start_date as well, both windows apply.
    expect(await ids(`updated_after=${iso(4)}&start_date=${iso(50)}`)).toEqual([ref.a]);
  });

  it('bbox=minLon,minLat,maxLon,maxLat keeps the requests inside', async () => {
    expect(await ids('bbox=8.5,52.0,8.56,52.03')).toEqual([ref.a, ref.c]);
    expect(await ids('bbox=8.5,52.03,8.56,52.06')).toEqual([ref.b]);
    for (const bad of ['8.5,52.0,8.56', '8.56,52.0,8.5,52.03', 'a,b,c,d', '8.5,52.0,8.56,95']) {
      expect(errors(await list(`bbox=${bad}`), 400)[0]).toMatch(/^bbox: /);
    }
  });

  it('compresses large answers and marks them as varying by language', async () => {
    const res = await get(t, '/open311/v2/requests.json?extensions=true', { 'accept-encoding': 'br' });
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers.vary).toContain('Accept-Language');
    expect(JSON.parse(brotliDecompressSync(res.rawPayload).toString())).toHaveLength(3);
  });
});

describe('GET request', () => {
  it('answers an array with the one request, in JSON and XML, with extensions on request', async () => {
    const [b] = json<Req[]>(await get(t, `/open311/v2/requests/${ref.b}.json`), 200, requestListSchema);
    expect(b).toMatchObject({ service_request_id: ref.b, status: 'closed' });
    expect(b).not.toHaveProperty('extended_attributes');
    const [old] = json<Req[]>(
      await get(t, `/open311/v2/requests/${ref.old}.json?extensions=true`),
      200,
      requestListSchema,
    );
    expect(old?.extended_attributes).toMatchObject({ detailed_status: 'received' });
    const { request } = xml<{ request: Req[] }>(
      await get(t, `/open311/v2/requests/${ref.a}.xml`),
      200,
      'service_requests',
    );
    expect(request.map((r) => r.service_request_id)).toEqual([ref.a]);
  });

  it('answers 404 for unknown and non-public requests', async () => {
    for (const id of ['BI-1999-000001', ref.screening, ref.hidden, ref.abusive, ref.merged]) {
      const [description] = errors(await get(t, `/open311/v2/requests/${id}.json`), 404);
      expect(description).toBe(`service_request_id: Es gibt keine öffentliche Meldung mit der Kennung „${id}“.`);
      errors(await get(t, `/open311/v2/requests/${id}.xml`), 404);
    }
    json(await get(t, '/open311/v2/requests/x.json?jurisdiction_id=elsewhere.org'), 404, errorListSchema);
  });
});
