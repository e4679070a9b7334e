import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.js';
import { indexDocuments, replaceDocuments, searchKinds } from './documents.js';
import { search } from './service.js';
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

const first = async (q: string, lang: 'de' | 'en' = 'de') => (await search(t.deps, { q, lang })).hits[0]?.ref;

describe('search', () => {
  it.each([
    ['perso', 'personalausweis'],
    ['Perso', 'personalausweis'],
    ['personalausweis', 'personalausweis'],
    ['personalausweiß', 'personalausweis'],
    ['sperrmüll', 'sperrmuell'],
    ['sperrmül', 'sperrmuell'],
    ['sperrmuell', 'sperrmuell'],
    ['Sperrmull', 'sperrmuell'],
    ['einbürgerung', 'einbuergerung'],
    ['einbuergerung', 'einbuergerung'],
    ['einbürgerug', 'einbuergerung'],
    ['hundesteur', 'hundesteuer'],
    ['sperrgut', 'sperrmuell'],
    ['strasse reinigung', 'strassenreinigung'],
    ['Straßenreinigung', 'strassenreinigung'],
  ])('"%s" finds %s first', async (q, ref) => {
    expect(await first(q)).toBe(ref);
  });

  it('finds English titles and falls back to German where English is missing', async () => {
    expect(await first('identity card', 'en')).toBe('personalausweis');
    const result = await search(t.deps, { q: 'hundesteuer', lang: 'en' });
    expect(result.hits[0]).toMatchObject({ ref: 'hundesteuer', fallback: true });
    expect(result.hits[0]?.title.map((p) => p.text).join('')).toBe('Hundesteuer anmelden');
  });

  it('marks the matches in title and snippet', async () => {
    const { hits } = await search(t.deps, { q: 'sperrmüll', lang: 'de' });
    expect(hits[0]?.title).toEqual([
      { text: 'Sperrmüll', mark: true },
      { text: ' anmelden', mark: false },
    ]);
    expect(hits[0]?.snippet.some((p) => p.mark && p.text === 'Sperrmüll')).toBe(true);
  });

  it('filters by kind and pages', async () => {
    const all = await search(t.deps, { q: 'personalausweis', lang: 'de' });
    expect(all.total).toBeGreaterThanOrEqual(4);
    const faq = await search(t.deps, { q: 'personalausweis', lang: 'de', kind: 'faq' });
    expect(faq.hits.map((h) => h.ref)).toEqual(['perso-gueltig']);
    const beyond = await search(t.deps, { q: 'personalausweis', lang: 'de', page: 2 });
    expect(beyond.hits).toEqual([]);
  });

  it('rejects a query that is too short or too long', async () => {
    await expect(search(t.deps, { q: ' x ', lang: 'de' })).rejects.toMatchObject({ code: 'validation_failed' });
    await expect(search(t.deps, { q: 'a'.repeat(101), lang: 'de' })).rejects.toMatchObject({
      code: 'validation_failed',
    });
  });

  it('looks for misspellings only when the words as typed fill less than a page', async () => {
    const id = t.config.municipality.id;
    const doc = (ref: string, title: string) => ({
      kind: 'news' as const,
      ref,
      url: `/aktuelles/${ref}`,
      title: { de: title },
      updatedAt: new Date('2026-11-02T09:00:00Z'),
    });
    // A title one letter off the query: found by similarity while the exact word is rare.
    await t.db.transaction((tx) => indexDocuments(tx, id, [doc('quitte-typo', 'Quitenbaum im Bürgerpark')]));
    const quitten = () => search(t.deps, { q: 'quittenbaum', lang: 'de' });
    expect((await quitten()).hits.map((h) => h.ref)).toEqual(['quitte-typo']);
    const exact = Array.from({ length: 10 }, (_, i) => doc(`quitte-${i}`, `Quittenbaum Nummer ${i} gepflanzt`));
    await t.db.transaction((tx) => indexDocuments(tx, id, exact));
    const result = await quitten();
    expect(result.total).toBe(10);
    expect(result.hits.map((h) => h.ref).sort()).toEqual(exact.map((d) => d.ref).sort());
  });

  it('finds nothing for words that are nowhere', async () => {
    expect((await search(t.deps, { q: 'xylophonkonzert', lang: 'de' })).total).toBe(0);
  });
});
