import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffPrincipal } from '../../platform/auth/types.js';
import { buildTestApp, type TestApp } from '../../test/app.js';
import { emptyPublicSeed, secret, seedPublicReports } from '../../test/factories/public-reports.js';
import { createCategory, createReport } from '../../test/factories/reports.js';
import { createStaff } from '../../test/factories/users.js';
import { approveScreening, markAbusive, reviewPhoto } from './backoffice/moderation-service.js';
import { anonymiseDueReports } from './retention/service.js';

// The public reads (JSON list, GeoJSON, Open311) answer from a cache: ETag and 304, and every change of a report
// (screening, moderation, photos, a new report, retention) is seen at once, per municipality and language.

let t: TestApp;
const seed = emptyPublicSeed();
const { refs, ids } = seed;
let bsc: StaffPrincipal;

const get = (url: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'identity', ...headers } });

const urls = [
  '/api/reports',
  '/api/reports/map.geojson',
  '/open311/v2/requests.json',
  '/open311/v2/requests.xml',
  '/open311/v2/services.json',
];
const lists = ['/api/reports', '/api/reports/map.geojson', '/open311/v2/requests.json?extensions=true'];

/** The public references an answer names (list items, GeoJSON features, Open311 requests). */
const references = (res: LightMyRequestResponse) => [...new Set(res.body.match(/[A-Z]+-\d{4}-\d{6}/g) ?? [])].sort();

beforeAll(async () => {
  t = await buildTestApp();
  await seedPublicReports(t, seed);
  const staff = await createStaff(t, { role: 'bsc_agent' });
  bsc = {
    id: staff.id,
    municipalityId: t.config.municipality.id,
    email: staff.email,
    displayName: 'BSC',
    role: 'bsc_agent',
    departmentIds: [],
  };
});
afterAll(() => t.close());

describe('cached public answers', () => {
  it('carry a weak ETag and answer If-None-Match with 304, cached or not', async () => {
    for (const url of urls) {
      const first = await get(url);
      expect(first.statusCode, url).toBe(200);
      const etag = String(first.headers.etag);
      expect(etag, url).toMatch(/^W\/"[\w-]+"$/);
      expect(first.headers.vary, url).toContain('Accept-Encoding');
      const again = await get(url);
      expect(again.headers.etag, url).toBe(etag);
      expect(again.body, url).toBe(first.body);
      const notModified = await get(url, { 'if-none-match': `"other", ${etag}` });
      expect(notModified.statusCode, url).toBe(304);
      expect(notModified.body, url).toBe('');
      expect(notModified.headers.etag, url).toBe(etag);
      expect((await get(url, { 'if-none-match': '"other"' })).statusCode, url).toBe(200);
    }
    // A fresh answer after a change of nothing visible has the same ETag, so it is still 304.
    const etag = String((await get('/api/reports')).headers.etag);
    await createReport(t.deps, { needsScreening: true, createdAt: new Date('2024-01-01T10:00:00Z') });
    expect((await get('/api/reports', { 'if-none-match': etag })).statusCode).toBe(304);
  });

  it('compressed answers carry the same ETag as the plain one', async () => {
    const plain = await get('/open311/v2/requests.json');
    const br = await get('/open311/v2/requests.json', { 'accept-encoding': 'br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.etag).toBe(plain.headers.etag);
    expect(br.headers['access-control-allow-origin']).toBe('*');
    expect(br.headers['content-language']).toBe('de');
  });

  it('show a report once it passed screening, and never what the public may not see', async () => {
    for (const url of lists) expect(references(await get(url)), url).not.toContain(refs.screening);
    const before = await Promise.all(lists.map((url) => get(url)));
    await approveScreening(t.deps, bsc, ids.screening as number);
    for (const [i, url] of lists.entries()) {
      const after = await get(url);
      expect(references(after), url).toContain(refs.screening);
      expect(after.headers.etag, url).not.toBe(before[i]?.headers.etag);
      for (const text of Object.values(secret)) expect(after.body, url).not.toContain(text);
    }
    const single = await get(`/open311/v2/requests/${refs.screening}.json`);
    expect(single.statusCode).toBe(200);
    await markAbusive(t.deps, bsc, ids.screening as number, { abusive: true });
    for (const url of lists) expect(references(await get(url)), url).not.toContain(refs.screening);
    expect((await get(`/open311/v2/requests/${refs.screening}.json`)).statusCode).toBe(404);
  });

  it('drop a withdrawn photo at once, from the lists and from every cache that revalidates', async () => {
    const url = `/open311/v2/requests/${refs.private}.json`;
    const media = () => get(url).then((res) => (JSON.parse(res.body) as { media_url: string | null }[])[0]?.media_url);
    const photoUrl = await media();
    expect(photoUrl).toMatch(/\/fotos\/\d+$/);
    const photoId = Number(photoUrl?.split('/').pop());
    const photoPath = new URL(String(photoUrl)).pathname;
    const photo = await get(photoPath);
    expect(photo.headers['cache-control']).toBe('public, no-cache');
    const etag = String(photo.headers.etag);
    expect((await get(photoPath, { 'if-none-match': etag })).statusCode).toBe(304);
    await reviewPhoto(t.deps, bsc, ids.private as number, { photoId, review: 'hidden' });
    expect(await media()).not.toBe(photoUrl);
    // A cache that kept the photo asks again before showing it, and learns at once that it is gone.
    expect((await get(photoPath, { 'if-none-match': etag })).statusCode).toBe(404);
  });

  it('list a new report at once', async () => {
    const before = references(await get('/open311/v2/requests.json'));
    const created = await createReport(t.deps, { categoryId: seed.cat.muell });
    expect(before).not.toContain(created.reference);
    for (const url of lists) expect(references(await get(url)), url).toContain(created.reference);
  });

  it('are kept per language (Open311 by locale or Accept-Language, the API by ?lang=)', async () => {
    const names = (res: LightMyRequestResponse) =>
      (JSON.parse(res.body) as { service_name: string }[]).map((r) => r.service_name);
    const de = await get('/open311/v2/requests.json');
    expect(names(de)).toContain('Wilder Müll');
    const en = await get('/open311/v2/requests.json', { 'accept-language': 'en' });
    expect(en.headers['content-language']).toBe('en');
    expect(names(en)).toContain('Fly-tipping');
    expect(names(en)).not.toContain('Wilder Müll');
    expect(names(await get('/open311/v2/requests.json?locale=en'))).toContain('Fly-tipping');
    expect((await get('/open311/v2/services.json', { 'accept-language': 'en' })).body).toContain('Fly-tipping');
    expect((await get('/open311/v2/services.json')).body).toContain('Wilder Müll');
    expect((await get('/api/reports?lang=en')).body).toContain('Fly-tipping');
    expect((await get('/api/reports')).body).not.toContain('Fly-tipping');
  });
});

describe('cached public answers of other municipalities', () => {
  let other: TestApp;
  beforeAll(async () => {
    other = await buildTestApp();
  });
  afterAll(() => other.close());

  it('never show another municipality’s reports, and follow their own changes', async () => {
    const mine = references(await get('/open311/v2/requests.json'));
    const theirs = () => other.app.inject({ method: 'GET', url: '/open311/v2/requests.json' });
    const empty = await theirs();
    expect(JSON.parse(empty.body)).toEqual([]);
    const category = await createCategory(other.deps, { code: 'laterne', name: { de: 'Laterne', en: 'Lamp' } });
    const report = await createReport(other.deps, { categoryId: category, publicDescription: 'Laterne aus.' });
    const after = references(await theirs());
    expect(after).toEqual([report.reference]);
    expect(after.some((ref) => mine.includes(ref))).toBe(false);
    expect(references(await get('/open311/v2/requests.json'))).toEqual(mine);
  });

  it('see retention anonymisation at once', async () => {
    const category = await createCategory(other.deps, { code: 'bank', name: { de: 'Bank', en: 'Bench' } });
    const old = await createReport(other.deps, {
      categoryId: category,
      status: 'done',
      createdAt: new Date(other.deps.now().getTime() - 3 * 365 * 24 * 3600_000),
      lat: 52.0212345,
      lon: 8.5312345,
      publicDescription: 'Bank beschmiert.',
    });
    const url = `/open311/v2/requests/${old.reference}.json`;
    const before = await other.app.inject({ method: 'GET', url });
    expect(before.statusCode).toBe(200);
    const result = await anonymiseDueReports(other.deps, { dryRun: false });
    expect(result.reports).toBeGreaterThan(0);
    const after = await other.app.inject({ method: 'GET', url });
    expect(after.body).not.toBe(before.body);
    expect(after.headers.etag).not.toBe(before.headers.etag);
  });
});
