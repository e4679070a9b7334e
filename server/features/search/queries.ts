import type { Queryable } from '../../platform/db.js';
import type { SearchKind } from './documents.js';

// Reads of search_documents (its writes are in index-queries.ts). Full text (search_vector, weights: title A,
// keywords B, summary C, body D) alone, or blended with trigrams of titles and keywords (match_text) for
// misspellings; the texts of the page asked for and the query's lexemes, from which highlight.ts marks them.

export interface SearchParams {
  /** to_tsquery text (query-text.ts builds it from words only); may be empty. */
  tsQuery: string;
  /** The words, single-spaced, for trigram comparison. */
  text: string;
  kind?: SearchKind | undefined;
  lang: 'de' | 'en';
  /** Ranking weight per kind. */
  kindWeights: Readonly<Record<SearchKind, number>>;
  limit: number;
  offset: number;
  /**
   * `full-text`: matches of the words (stems, prefixes, synonyms) only, the cheap way. `similar`: those blended
   * with trigram similarity of titles and keywords, for misspellings (several times the cost).
   */
  match: 'full-text' | 'similar';
}

export interface SearchHitRow {
  kind: SearchKind;
  ref: string;
  url: string;
  title: string;
  /** Summary and body (their first 2,000 characters: a snippet needs no more), in the language shown. */
  text: string;
  /** The tsquery searched for, in its text form (its lexemes mark the matches). */
  queryText: string;
  /** True when the English text is missing and the German one is shown. */
  fallback: boolean;
  updatedAt: Date;
  total: number;
}

const fullTextScore = `ts_rank(d.search_vector, q.ts, 1)`;
const similarScore = `(CASE WHEN d.search_vector @@ q.ts THEN ts_rank(d.search_vector, q.ts, 1) ELSE 0 END)
               + 0.25 * word_similarity(q.text, d.match_text) + 0.25 * similarity(q.text, d.title_text)`;
const fullTextMatch = `d.search_vector @@ (to_tsquery('search_german', $2::text) || to_tsquery('search_english', $2::text))`;
const similarMatch = `(${fullTextMatch} OR lower(unaccent($3::text)) <% d.match_text)`;

/** Ranked matching documents of a municipality, one page of them, each with the count of all matches. */
export async function searchDocuments(db: Queryable, municipalityId: string, p: SearchParams): Promise<SearchHitRow[]> {
  const similar = p.match === 'similar';
  const { rows } = await db.query<SearchHitRow>(
    `WITH q AS (
       SELECT to_tsquery('search_german', $2::text) || to_tsquery('search_english', $2::text) AS ts,
              lower(unaccent($3::text)) AS text
     ), hits AS (
       -- Conditions on the parameters themselves (not on q), so both GIN indexes serve them (a bitmap OR). Only
       -- the keys and the score: the texts are read for the page's rows alone (below), not for every match.
       SELECT d.kind, d.ref, d.title_de,
              (${similar ? similarScore : fullTextScore}) * d.boost * coalesce(($5::jsonb ->> d.kind)::real, 1) AS score
         FROM search_documents d, q
        WHERE d.municipality_id = $1 AND ($4::text IS NULL OR d.kind = $4)
          AND ${similar ? similarMatch : fullTextMatch}
     ), page AS (
       SELECT *, count(*) OVER () AS total FROM hits ORDER BY score DESC, title_de, ref LIMIT $6 OFFSET $7
     )
     SELECT d.kind, d.ref, d.url, d.updated_at AS "updatedAt", page.total::int AS total,
            ($8::text = 'en' AND d.title_en IS NULL) AS fallback,
            t.title, left(t.text, 2000) AS text, q.ts::text AS "queryText"
       FROM page
       JOIN search_documents d ON d.municipality_id = $1 AND d.kind = page.kind AND d.ref = page.ref
       CROSS JOIN q,
            LATERAL (SELECT CASE WHEN $8::text = 'en' THEN coalesce(d.title_en, d.title_de)
                                 ELSE d.title_de END AS title,
                            CASE WHEN $8::text = 'en' AND d.title_en IS NOT NULL
                                 THEN concat_ws(' – ', nullif(d.summary_en, ''), nullif(d.body_en, ''))
                                 ELSE concat_ws(' – ', nullif(d.summary_de, ''), nullif(d.body_de, '')) END
                              AS text) t
      ORDER BY page.score DESC, page.title_de, page.ref`,
    [municipalityId, p.tsQuery, p.text, p.kind ?? null, JSON.stringify(p.kindWeights), p.limit, p.offset, p.lang],
  );
  return rows;
}
