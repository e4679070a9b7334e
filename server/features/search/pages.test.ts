import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.js';
import { indexDocuments, replaceDocuments, searchKinds } from './documents.js';
import { testSearchDocuments } from './test-documents.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
  const id = t.config.municipality.id;
  await t.db.transaction(async (tx) => {
    for (const kind of searchKinds) {
      await replaceDocuments(
        tx,
        id,
        kind,
        testSearchDocuments.filter((d) => d.kind === kind),
      );
    }
  });
});
afterAll(() => t.close());

const html = (url: string) => t.app.inject({ url, headers: { accept: 'text/html' } });
const api = (url: string) => t.app.inject({ url, headers: { accept: 'application/json' } });
const hrefs = (body: string) =>
  [...body.matchAll(/<li class="bs-search-hit">.*?<h3 class="kern-title"><a href="([^"]+)"/g)].map((m) => m[1]);

describe('/suche', () => {
  it('shows the form alone without a query', async () => {
    const res = await html('/suche');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<form method="get" action="/suche"');
    expect(res.body).not.toContain('bs-search-hit');
  });

  it('lists ranked hits with their kind, count, marked matches and date, without JavaScript', async () => {
    const res = await html('/suche?q=perso');
    expect(res.statusCode).toBe(200);
    expect(hrefs(res.body)[0]).toBe('/leistungen/personalausweis');
    expect(res.body).toMatch(/<h2 class="kern-heading-medium" id="search-results">\d+ Treffer für „perso“<\/h2>/);
    expect(res.body).toContain('<mark>Personalausweis</mark> beantragen');
    expect(res.body).toContain('<span class="kern-label">Leistung</span>');
    expect(res.body).toContain('Stand: 20. November 2026');
    expect(res.body).toMatch(/<title>Suche: perso \(\d+ Treffer\)/);
  });

  it.each([
    ['sperrmüll', '/leistungen/sperrmuell'],
    ['sperrmül', '/leistungen/sperrmuell'],
    ['einbürgerung', '/leistungen/einbuergerung'],
    ['personalausweiß', '/leistungen/personalausweis'],
  ])('"%s" finds %s first', async (q, url) => {
    expect(hrefs((await html(`/suche?q=${encodeURIComponent(q)}`)).body)[0]).toBe(url);
  });

  it('filters by kind and keeps the filter selected', async () => {
    const res = await html('/suche?q=einb%C3%BCrgerung&kind=news');
    expect(hrefs(res.body)).toEqual(['/aktuelles/news-2', '/aktuelles/news-1']);
    expect(res.body).toContain('<option value="news" selected>Aktuelles</option>');
    expect(res.body).toContain('im Bereich Aktuelles');
  });

  it('answers a too short query with the message beside the field', async () => {
    const res = await html('/suche?q=%21');
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('id="search-q-error"');
    expect(res.body).toContain('aria-invalid="true"');
  });

  it('escapes content: markup in a document is text, only the marks are elements', async () => {
    await t.db.transaction((tx) =>
      indexDocuments(tx, t.config.municipality.id, [
        {
          kind: 'news',
          ref: 'xss',
          url: '/aktuelles/xss',
          title: { de: 'Zaunkönig <script>alert(1)</script> Zaunkönig' },
          body: { de: 'Der Zaunkönig <img src=x onerror=alert(1)> singt.' },
          updatedAt: new Date('2026-11-01T00:00:00Z'),
        },
      ]),
    );
    const res = await html('/suche?q=zaunk%C3%B6nig');
    expect(res.body).toContain('<mark>Zaunkönig</mark>');
    expect(res.body).not.toContain('<script>alert');
    expect(res.body).not.toContain('<img src=x');
  });

  it('shows English titles, and German ones marked as such where English is missing', async () => {
    const res = await html('/suche?q=hundesteuer&lang=en');
    expect(res.body).toContain('1 result for “hundesteuer”');
    expect(res.body).toContain('Only available in German');
    expect(res.body).toContain('lang="de"><mark>Hundesteuer</mark> anmelden');
  });

  it('pages through many hits', async () => {
    const many = Array.from({ length: 23 }, (_, i) => ({
      kind: 'faq' as const,
      ref: `wald-${i}`,
      url: `/oft-nachgefragt#wald-${i}`,
      title: { de: `Teutoburger Wald Frage ${i}` },
      updatedAt: new Date('2026-11-01T00:00:00Z'),
    }));
    await t.db.transaction((tx) => indexDocuments(tx, t.config.municipality.id, many));
    const first = await html('/suche?q=teutoburger');
    expect(hrefs(first.body)).toHaveLength(10);
    expect(first.body).toContain('Seite 1 von 3');
    expect(first.body).toContain('href="/suche?q=teutoburger&amp;page=2" rel="next"');
    const last = await html('/suche?q=teutoburger&page=3');
    expect(hrefs(last.body)).toHaveLength(3);
    expect(last.body).toContain('<ol class="bs-search-hits" start="21">');
  });
});

describe('GET /api/search', () => {
  it('answers ranked items with marked parts', async () => {
    const res = await api('/api/search?q=perso');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ q: 'perso', page: 1 });
    expect(body.total).toBeGreaterThanOrEqual(3);
    expect(body.items[0]).toMatchObject({
      kind: 'service',
      ref: 'personalausweis',
      url: '/leistungen/personalausweis',
      title: 'Personalausweis beantragen',
      titleParts: [
        { text: 'Personalausweis', mark: true },
        { text: ' beantragen', mark: false },
      ],
      fallback: false,
      updatedAt: '2026-11-20T09:00:00.000Z',
    });
  });

  it('filters by kind and answers in English', async () => {
    const res = await api('/api/search?q=identity%20card&lang=en&kind=service');
    expect(res.json().items.map((i: { ref: string }) => i.ref)).toEqual(['personalausweis']);
    expect(res.json().items[0].title).toBe('Apply for an identity card');
  });

  it.each([
    ['/api/search', 'q'],
    ['/api/search?q=x', 'q'],
    ['/api/search?q=perso&kind=rezept', 'kind'],
    ['/api/search?q=perso&lang=fr', 'lang'],
    ['/api/search?q=perso&page=0', 'page'],
  ])('answers %s with a 400 problem', async (url, field) => {
    const res = await api(url);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.stringify(res.json())).toContain(field);
  });

  it('answers a query of punctuation only with a 400 problem', async () => {
    const res = await api('/api/search?q=%21%21%21');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'validation_failed' });
  });

  it('is documented in the OpenAPI description', async () => {
    const res = await t.app.inject({ url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    expect(res.json().paths['/api/search'].get.parameters.map((p: { name: string }) => p.name)).toEqual([
      'q',
      'kind',
      'lang',
      'page',
    ]);
  });
});
