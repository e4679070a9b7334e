import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobDefinitions } from '../../jobs.js';
import { buildTestApp, countRows, type TestApp } from '../../test/app.js';
import { seedWasteInfoDemo } from '../waste/info/service.js';
import { reindexSearch } from './reindex.js';
import { search } from './service.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
  await seedWasteInfoDemo(t.deps, t.config.municipality.id);
});
afterAll(() => t.close());

const first = async (q: string, lang: 'de' | 'en' = 'de') => (await search(t.deps, { q, lang })).hits[0];

describe('search.reindex', () => {
  it('is a daily job', () => {
    const job = jobDefinitions.find((d) => d.name === 'search.reindex');
    expect(job?.schedule?.cron).toMatch(/^\d+ \d+ \* \* \*$/);
  });

  it('indexes the fixed pages and the Abfall-ABC, and is idempotent', async () => {
    const result = await reindexSearch(t.deps);
    expect(result.pages).toBe(9);
    expect(result.wasteItems).toBeGreaterThan(100);
    const count = () =>
      countRows(t.db, 'SELECT count(*)::int AS n FROM search_documents WHERE municipality_id = $1', [
        t.config.municipality.id,
      ]);
    const before = await count();
    expect(before).toBe(result.pages + result.wasteItems);
    await reindexSearch(t.deps);
    expect(await count()).toBe(before);
  });

  it('finds the pages and the Abfall-ABC items', async () => {
    expect(await first('impressum')).toMatchObject({ kind: 'page', url: '/impressum' });
    expect(await first('gebärdensprache')).toMatchObject({ kind: 'page', url: '/gebaerdensprache' });
    expect(await first('wertstoffhöfe')).toMatchObject({ kind: 'page', url: '/abfall/wertstoffhoefe' });
    expect(await first('müllabfuhr')).toMatchObject({ kind: 'page', url: '/abfall' });
    expect(await first('schlagloch')).toMatchObject({ kind: 'page', url: '/melden' });
    expect(await first('sperrmüll')).toMatchObject({ kind: 'page', url: '/abfall/sperrmuell' });
    const fridge = await first('kühlschrank');
    expect(fridge).toMatchObject({ kind: 'waste-item', url: '/abfall/abc?q=K%C3%BChlschrank' });
    expect(fridge?.snippet.map((p) => p.text).join('')).toMatch(/^Abfall-ABC: /);
    expect(await first('kühlschrnk')).toMatchObject({ kind: 'waste-item', ref: fridge?.ref });
    expect(await first('privacy', 'en')).toMatchObject({ kind: 'page', url: '/datenschutz', fallback: false });
  });
});
