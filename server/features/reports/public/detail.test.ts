import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import {
  emptyPublicSeed,
  getHtml,
  getJson,
  secret,
  seedPublicReports,
} from '../../../test/factories/public-reports.js';
import { createCategory, createReport } from '../../../test/factories/reports.js';

let t: TestApp;
const seed = emptyPublicSeed();
const { refs, ids, tokens } = seed;

const html = (url: string, lang?: string) => getHtml(t, url, lang);
const json = (url: string) => getJson(t, url);

beforeAll(async () => {
  t = await buildTestApp();
  await seedPublicReports(t, seed);
});
afterAll(() => t.close());

describe('/meldungen/<reference> (detail)', () => {
  it('shows the public facts, moderated text, list answers, approved photos and the public history', async () => {
    const res = await html(`/meldungen/${refs.private}`);
    expect(res.statusCode).toBe(200);
    const body = res.body;
    expect(body).toContain(`Falschparker: Meldung ${refs.private}`);
    expect(body).toContain('Ein Auto parkt auf dem Gehweg.');
    expect(body).toContain('Herforder Straße, Schildesche');
    expect(body).toContain('52,0450° N, 8,5300° O');
    expect(body).toContain('Der Wagen wurde abgeschleppt.');
    expect(body).toContain('Meldung eingegangen');
    const photos = [...body.matchAll(/<img src="(\/meldungen\/[^"]+\/fotos\/\d+)"/g)].map((m) => m[1]);
    expect(photos).toHaveLength(1);
    expect(body).toContain(`alt="Foto 1 von 1 zur Meldung ${refs.private}"`);

    const muell = await html(`/meldungen/${refs.muell}`, 'en');
    expect(muell.body).toContain('Kind of waste');
    expect(muell.body).toContain('Bulky waste');
    expect(muell.body).toContain('In progress');

    const unmoderated = await html(`/meldungen/${refs.unmoderated}`);
    expect(unmoderated.statusCode).toBe(200);
    expect(unmoderated.body).toContain('wird nach einer Prüfung durch die Stadtverwaltung veröffentlicht');
    expect(unmoderated.body).not.toContain('Am Straßenrand liegen mehrere Säcke Müll.');
  });

  it('redirects a merged report to the one it was merged into', async () => {
    const res = await html(`/meldungen/${refs.merged}`);
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe(`/meldungen/${refs.muell}`);
  });

  it.each(['screening', 'hidden', 'abusive'])('is not found for a report that is %s', async (key) => {
    const res = await html(`/meldungen/${refs[key]}`);
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain('Seite nicht gefunden');
    expect(res.body).not.toContain('Säcke Müll');
    expect(res.body).not.toContain('SCREENING-ONLY');
  });

  it('is not found for unknown or malformed references, as HTML', async () => {
    expect((await html('/meldungen/BI-1999-999999')).statusCode).toBe(404);
    const bad = await html('/meldungen/%3Cscript%3E');
    expect(bad.statusCode).toBe(404);
    expect(bad.headers['content-type']).toContain('text/html');
    expect(bad.body).not.toContain('<script>');
  });

  it('shows a report of another municipality nowhere', async () => {
    const other = await buildTestApp({ db: t.db });
    try {
      const category = await createCategory(other.deps, { code: 'wilder-muell' });
      const foreign = await createReport(other.deps, { categoryId: category, publicDescription: 'FREMDE-STADT' });
      expect((await html(`/meldungen/${foreign.reference}`)).statusCode).toBe(404);
      expect((await html('/meldungen')).body).not.toContain('FREMDE-STADT');
      expect((await json('/api/reports?pageSize=100')).body).not.toContain('FREMDE-STADT');
    } finally {
      await other.close();
    }
  });
});

describe('photos', () => {
  const photoIds = async (reportId: number) =>
    Object.fromEntries(
      (
        await t.db.query<{ id: number; review: string }>('SELECT id, review FROM report_photos WHERE report_id = $1', [
          reportId,
        ])
      ).rows.map((r) => [r.review, r.id]),
    );

  it('serves approved photos with caching headers and revalidation', async () => {
    const { approved } = await photoIds(ids.private!);
    const url = `/meldungen/${refs.private}/fotos/${approved}`;
    const res = await t.app.inject({ url });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/jpeg');
    // Revalidated on every use: a withdrawn approval must not linger in shared caches (it stayed 10 minutes).
    expect(res.headers['cache-control']).toBe('public, no-cache');
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    const etag = String(res.headers.etag);
    const again = await t.app.inject({ url, headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.rawPayload.length).toBe(0);
  });

  it('answers 404 for pending and hidden photos, another report’s photo and photos of hidden reports', async () => {
    const { pending, hidden } = await photoIds(ids.private!);
    const { approved: ofHidden } = await photoIds(ids.hidden!);
    for (const url of [
      `/meldungen/${refs.private}/fotos/${pending}`,
      `/meldungen/${refs.private}/fotos/${hidden}`,
      `/meldungen/${refs.muell}/fotos/${(await photoIds(ids.private!)).approved}`,
      `/meldungen/${refs.hidden}/fotos/${ofHidden}`,
      `/meldungen/${refs.private}/fotos/999999999`,
      `/meldungen/${refs.private}/fotos/abc`,
    ]) {
      const res = await t.app.inject({ url });
      expect([404, 400], url).toContain(res.statusCode);
      expect(res.headers['content-type'], url).not.toContain('image/');
    }
  });
});

describe('privacy', () => {
  it('never shows names, contact data, original text, free-text or personal answers, internal notes or tokens', async () => {
    const hash = (
      await t.db.query<{ h: string }>('SELECT status_token_hash AS h FROM reports WHERE id = $1', [ids.private])
    ).rows[0]!.h;
    const urls = [
      ...['de', 'en'].flatMap((lang) => [
        [`/meldungen?lang=${lang}`, 'text/html'],
        [`/meldungen/karte?lang=${lang}`, 'text/html'],
        [`/meldungen/${refs.private}?lang=${lang}`, 'text/html'],
        [`/meldungen?category=falschparker&lang=${lang}`, 'text/html'],
        [`/api/reports?lang=${lang}&pageSize=100`, 'application/json'],
        [`/api/reports/map.geojson?lang=${lang}`, 'application/json'],
        [`/api/reports/map.geojson?lang=${lang}&bbox=8.5,52.03,8.56,52.06`, 'application/json'],
      ]),
    ];
    const forbidden = [
      ...Object.values(secret),
      hash,
      ...Object.values(tokens),
      'PRIVATHALTER-LISTE',
      'PRIVATE-KEEPER-LIST',
      'SCREENING-ONLY',
      'erika@example.org',
      'Erika Mustermann',
      'status_token',
      'statusToken',
    ];
    for (const [url, accept] of urls) {
      const res = await t.app.inject({ url: url!, headers: { accept: accept! } });
      expect(res.statusCode, url).toBe(200);
      for (const s of forbidden) expect(res.body, `${s} in ${url}`).not.toContain(s);
    }
    // The list answer of a personal question is not shown either; a list answer of a public question is.
    const muell = await html(`/meldungen/${refs.muell}`);
    expect(muell.body).toContain('Sperrmüll');
  });
});
