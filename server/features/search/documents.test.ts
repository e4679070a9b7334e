import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../platform/config.js';
import { upsertMunicipality } from '../../platform/municipality.js';
import { testDb } from '../../test/app.js';
import { testEnv } from '../../test/env.js';
import { indexDocuments, removeDocuments, replaceDocuments, type SearchDocument } from './documents.js';

async function municipality() {
  const db = await testDb();
  const base = loadConfig(testEnv());
  const id = `t-${randomBytes(4).toString('hex')}`;
  await upsertMunicipality(db, {
    ...base.municipality,
    id,
    ars: String(Math.floor(Math.random() * 1e12)).padStart(12, '0'),
  });
  return { db, id };
}

const doc = (ref: string, title: string): SearchDocument => ({
  kind: 'faq',
  ref,
  url: `/faq/${ref}`,
  title: { de: title },
  keywords: ['Perso'],
  updatedAt: new Date('2026-12-01T10:00:00Z'),
});

describe('search documents', () => {
  it('are added, updated in place, removed, and replaced per kind', async () => {
    const { db, id } = await municipality();
    const titles = async () =>
      (
        await db.query<{ ref: string; title_de: string; keywords: string[] }>(
          'SELECT ref, title_de, keywords FROM search_documents WHERE municipality_id = $1 ORDER BY ref',
          [id],
        )
      ).rows;
    await db.transaction((tx) => indexDocuments(tx, id, [doc('a', 'Alt'), doc('b', 'Bleibt')]));
    await db.transaction((tx) => indexDocuments(tx, id, [doc('a', 'Neu')]));
    expect(await titles()).toEqual([
      { ref: 'a', title_de: 'Neu', keywords: ['Perso'] },
      { ref: 'b', title_de: 'Bleibt', keywords: ['Perso'] },
    ]);
    await db.transaction((tx) => removeDocuments(tx, id, 'faq', ['a']));
    expect((await titles()).map((r) => r.ref)).toEqual(['b']);
    await db.transaction((tx) => replaceDocuments(tx, id, 'faq', [doc('c', 'Ersetzt')]));
    expect((await titles()).map((r) => r.ref)).toEqual(['c']);
  });
});
