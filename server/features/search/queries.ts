import type { Queryable } from '../../platform/db.js';
import type { SearchKind } from './documents.js';

// Reads of search_documents (its writes are in index-queries.ts). Full text (search_vector, weights: title A,
// keywords B, summary C, body D) alone, or blended with trigrams of titles and keywords (match_text) for
// misspellings; snippets only for the rows of the page asked for.

/** Marks ts_headline puts around matches; control characters, so they can never come from the content itself. */
export const markStart = '\u0002';
export const markStop = '\u0003';

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
  /** The title with marks around matches. */
  titleMarked: string;
  snippet: string;
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
  const headline = `StartSel=${markStart}, StopSel=${markStop}`;
  const similar = p.match === 'similar';
  const { rows } = await db.query<SearchHitRow>(
    `WITH q AS (
       SELECT to_tsquery('search_german', $2::text) || to_tsquery('search_english', $2::text) AS ts,
              lower(unaccent($3::text)) AS text
     ), hits AS (
       -- Conditions on the parameters themselves (not on q), so both GIN indexes serve them (a bitmap OR).
       SELECT d.kind, d.ref, d.url, d.title_de, d.title_en, d.summary_de, d.summary_en, d.body_de, d.body_en,
              d.updated_at,
              (${similar ? similarScore : fullTextScore}) * d.boost * coalesce(($5::jsonb ->> d.kind)::real, 1) AS score
         FROM search_documents d, q
        WHERE d.municipality_id = $1 AND ($4::text IS NULL OR d.kind = $4)
          AND ${similar ? similarMatch : fullTextMatch}
     ), page AS (
       SELECT *, count(*) OVER () AS total FROM hits ORDER BY score DESC, title_de, ref LIMIT $6 OFFSET $7
     )
     SELECT page.kind, page.ref, page.url, page.updated_at AS "updatedAt", page.total::int AS total,
            ($8::text = 'en' AND page.title_en IS NULL) AS fallback,
            t.title,
            ts_headline(cfg, t.title, q.ts, $9::text || ', HighlightAll=true') AS "titleMarked",
            -- The snippet comes from the first 2,000 characters: ts_headline's cost grows with the text it reads.
            ts_headline(cfg, left(t.text, 2000), q.ts, $9::text || ', MaxWords=32, MinWords=14, MaxFragments=2')
              AS snippet
       FROM page, q,
            LATERAL (SELECT CASE WHEN $8::text = 'en' AND page.title_en IS NOT NULL THEN 'search_english'
                                 ELSE 'search_german' END::regconfig AS cfg,
                            CASE WHEN $8::text = 'en' THEN coalesce(page.title_en, page.title_de)
                                 ELSE page.title_de END AS title,
                            CASE WHEN $8::text = 'en' AND page.title_en IS NOT NULL
                                 THEN concat_ws(' – ', nullif(page.summary_en, ''), nullif(page.body_en, ''))
                                 ELSE concat_ws(' – ', nullif(page.summary_de, ''), nullif(page.body_de, '')) END
                              AS text) t
      ORDER BY page.score DESC, page.title_de, page.ref`,
    [
      municipalityId,
      p.tsQuery,
      p.text,
      p.kind ?? null,
      JSON.stringify(p.kindWeights),
      p.limit,
      p.offset,
      p.lang,
      headline,
    ],
  );
  return rows;
}
