import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, countRows, type TestApp } from '../../test/app.js';
import { createStaff, getPage, login, postForm } from '../../test/factories/users.js';
import { seedPlatformsDemo } from './demo.js';
import { listPlatforms } from './service.js';
import { isPlatformUrl } from './validation.js';

let t: TestApp;
let mid: string;
let editor: { cookie: string; csrf: string };
beforeAll(async () => {
  t = await buildTestApp({ now: '2026-12-06T11:00:00Z' });
  mid = t.config.municipality.id;
  expect(await seedPlatformsDemo(t.deps)).toBe(true);
  editor = await login(t, await createStaff(t, { role: 'editor' }));
});
afterAll(() => t.close());

const fieldError = (body: string, field: string) =>
  new RegExp(`id="${field}-error"[^>]*>([\\s\\S]*?)</p>`).exec(body)?.[1]?.replace(/<[^>]+>/g, '');
const headings = (html: string) =>
  [...html.matchAll(/<h2 class="kern-heading-medium" id="[^"]+"[^>]*>([^<]+)</g)].map((m) => m[1]);
const form = (extra: Record<string, string | string[]> = {}) => ({
  nameDe: 'Verkehrsdaten-Plattform',
  nameEn: '',
  offersDe: 'Verkehrszählungen und Baustellen als offene Daten.',
  offersEn: '',
  operatorDe: 'Amt für Verkehr',
  operatorEn: '',
  url: '',
  slug: '',
  ...extra,
});

describe('data platforms page', () => {
  it('lists the seven demo platforms with offers, interfaces and operator, and the last update', async () => {
    const res = await getPage(t, undefined, '/datenplattformen');
    expect(res.statusCode).toBe(200);
    expect(headings(res.body)).toEqual([
      'Open-Data-Portal Bielefeld',
      'Statistik Bielefeld interaktiv',
      'Stadtplan und Geoportal',
      'Katalog der Stadtbibliothek',
      'Ratsinformationssystem',
      'Sportstättenbelegung',
      'Offene Daten dieser App',
    ]);
    for (const name of ['CKAN API', 'DCAT-AP.de', 'WMS', 'SRU', 'Z39.50', 'OParl', 'Open311 GeoReport v2', 'GeoJSON'])
      expect(res.body).toContain(`<li>${name}</li>`);
    expect(res.body).toContain('href="https://open-data.bielefeld.de"');
    expect(res.body).toContain('href="/api/docs"');
    expect(res.body).toContain('Zuletzt aktualisiert am <time');
    // Addresses nobody has confirmed are left to the editors: no link at all.
    expect(res.body.match(/>Zur Plattform: /g)).toHaveLength(2);
    expect(res.body).not.toMatch(/>\s*platforms\./);
  });

  it('answers in English', async () => {
    const res = await getPage(t, undefined, '/datenplattformen?lang=en');
    expect(headings(res.body)).toContain('Council information system');
    expect(res.body).toContain('Run by');
    expect(res.body).not.toContain('Partly in German only');
  });

  it('indexes every platform for the search with its interfaces as keywords', async () => {
    const { rows } = await t.db.query<{ url: string; keywords: string[] }>(
      `SELECT url, keywords FROM search_documents WHERE municipality_id = $1 AND kind = 'platform' ORDER BY url`,
      [mid],
    );
    expect(rows).toHaveLength(7);
    expect(rows.find((r) => r.url === '/datenplattformen#ratsinformationssystem')?.keywords).toEqual(['OParl']);
    expect(await seedPlatformsDemo(t.deps)).toBe(false);
  });
});

describe('data platforms back office', () => {
  it('accepts web addresses and our own paths only', () => {
    expect(isPlatformUrl('https://open-data.bielefeld.de')).toBe(true);
    expect(isPlatformUrl('/open311/v2/discovery.json')).toBe(true);
    expect(isPlatformUrl('//evil.example')).toBe(false);
    expect(isPlatformUrl('javascript:alert(1)')).toBe(false);
    expect(isPlatformUrl('https://user:pw@example.org')).toBe(false);
  });

  it('creates a platform without English: the page falls back to German with a note; audited and indexed', async () => {
    const res = await postForm(t, editor, '/admin/datenplattformen', form({ interfaces: ['csv', 'geojson'] }));
    expect(res.statusCode).toBe(303);
    const p = (await listPlatforms(t.db, mid)).at(-1)!;
    expect(p).toMatchObject({ slug: 'verkehrsdaten-plattform', interfaces: ['csv', 'geojson'], url: null });
    const en = await getPage(t, undefined, '/datenplattformen?lang=en');
    expect(en.body).toContain('Partly in German only');
    expect(en.body).toContain('<h2 class="kern-heading-medium" id="verkehrsdaten-plattform" lang="de">');
    const audit = await countRows(
      t.db,
      `SELECT count(*)::int AS n FROM audit_log WHERE municipality_id = $1 AND action = 'data_platform.create'`,
      [mid],
    );
    expect(audit).toBe(1);
  });

  it('refuses bad fields beside them and stores nothing', async () => {
    const n = (await listPlatforms(t.db, mid)).length;
    const res = await postForm(
      t,
      editor,
      '/admin/datenplattformen',
      form({ nameDe: '', url: 'javascript:alert(1)', interfaces: ['ftp'], operatorDe: '' }),
    );
    expect(res.statusCode).toBe(400);
    expect(fieldError(res.body, 'nameDe')).toContain('Geben Sie den Namen ein.');
    expect(fieldError(res.body, 'url')).toContain('https://');
    expect(fieldError(res.body, 'operatorDe')).toContain('betreibt');
    expect(res.body).toContain('Wählen Sie nur Schnittstellen aus der Liste.');
    expect((await listPlatforms(t.db, mid)).length).toBe(n);
  });

  it('edits, reorders and deletes; the public page follows at once', async () => {
    const all = await listPlatforms(t.db, mid);
    const last = all.at(-1)!;
    await getPage(t, undefined, '/datenplattformen'); // fills the page cache
    const edit = await postForm(t, editor, `/admin/datenplattformen/${last.id}`, {
      ...form({ url: 'https://example.org/verkehr', interfaces: 'csv', nameEn: 'Traffic data', slug: last.slug }),
    });
    expect(edit.statusCode).toBe(303);
    const moved = await postForm(t, editor, `/admin/datenplattformen/${last.id}/hoch`);
    expect(moved.headers.location).toBe(`/admin/datenplattformen?done=moved#plattform-${last.id}`);
    const page = await getPage(t, undefined, '/datenplattformen');
    expect(headings(page.body).slice(-2)).toEqual(['Verkehrsdaten-Plattform', 'Offene Daten dieser App']);
    expect(page.body).toContain('href="https://example.org/verkehr"');
    expect((await getPage(t, editor, moved.headers.location as string)).body).toContain(
      'Die Reihenfolge wurde geändert.',
    );
    expect((await postForm(t, editor, `/admin/datenplattformen/${last.id}/loeschen`)).statusCode).toBe(303);
    expect((await listPlatforms(t.db, mid)).map((p) => p.id)).not.toContain(last.id);
    const indexed = await countRows(
      t.db,
      `SELECT count(*)::int AS n FROM search_documents WHERE municipality_id = $1 AND kind = 'platform'`,
      [mid],
    );
    expect(indexed).toBe(7);
  });

  it('is closed to staff who do not edit content', async () => {
    const analyst = await login(t, await createStaff(t, { role: 'analyst' }));
    expect((await getPage(t, analyst, '/admin/datenplattformen')).statusCode).toBe(403);
  });
});
