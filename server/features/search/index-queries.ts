import type { Queryable } from '../../platform/db.js';
import type { SearchDocument, SearchKind } from './documents.js';

// The one owner of search_documents' writes. Content features call these (through documents.ts) in the same
// transaction as their own change, so the search never shows what is gone nor misses what is new.

export async function upsertSearchDocuments(
  db: Queryable,
  municipalityId: string,
  docs: readonly SearchDocument[],
): Promise<void> {
  if (docs.length === 0) return;
  await db.query(
    `INSERT INTO search_documents (municipality_id, kind, ref, url, title_de, title_en, summary_de, summary_en,
                                   body_de, body_en, keywords, boost, updated_at)
     SELECT $1, d.kind, d.ref, d.url, d.title_de, d.title_en, coalesce(d.summary_de, ''), d.summary_en,
            coalesce(d.body_de, ''), d.body_en, coalesce(d.keywords, '{}'), coalesce(d.boost, 1), d.updated_at
       FROM jsonb_to_recordset($2::jsonb) AS d (kind text, ref text, url text, title_de text, title_en text,
            summary_de text, summary_en text, body_de text, body_en text, keywords text[], boost real,
            updated_at timestamptz)
     ON CONFLICT (municipality_id, kind, ref) DO UPDATE
        SET url = EXCLUDED.url, title_de = EXCLUDED.title_de, title_en = EXCLUDED.title_en,
            summary_de = EXCLUDED.summary_de, summary_en = EXCLUDED.summary_en, body_de = EXCLUDED.body_de,
            body_en = EXCLUDED.body_en, keywords = EXCLUDED.keywords, boost = EXCLUDED.boost,
            updated_at = EXCLUDED.updated_at`,
    [
      municipalityId,
      JSON.stringify(
        docs.map((d) => ({
          kind: d.kind,
          ref: d.ref,
          url: d.url,
          title_de: d.title.de,
          title_en: d.title.en ?? null,
          summary_de: d.summary?.de ?? '',
          summary_en: d.summary?.en ?? null,
          body_de: d.body?.de ?? '',
          body_en: d.body?.en ?? null,
          keywords: d.keywords ?? [],
          boost: d.boost ?? 1,
          updated_at: d.updatedAt.toISOString(),
        })),
      ),
    ],
  );
}

export async function deleteSearchDocuments(
  db: Queryable,
  municipalityId: string,
  kind: SearchKind,
  refs: readonly string[],
): Promise<void> {
  if (refs.length === 0) return;
  await db.query('DELETE FROM search_documents WHERE municipality_id = $1 AND kind = $2 AND ref = ANY ($3::text[])', [
    municipalityId,
    kind,
    refs,
  ]);
}

/** Removes every document of a kind whose ref is not in `keep` (a full re-index of that kind). */
export async function deleteSearchDocumentsExcept(
  db: Queryable,
  municipalityId: string,
  kind: SearchKind,
  keep: readonly string[],
): Promise<number> {
  const { rowCount } = await db.query(
    'DELETE FROM search_documents WHERE municipality_id = $1 AND kind = $2 AND NOT (ref = ANY ($3::text[]))',
    [municipalityId, kind, keep],
  );
  return rowCount ?? 0;
}
