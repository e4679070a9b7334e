import type { Deps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import type { Language } from '../../platform/i18n.js';
import type { SearchKind } from './documents.js';
import { markAll, queryLexemes, snippet, type TextPart } from './highlight.js';
import { searchDocuments } from './queries.js';
import { normaliseQuery, queryWords, searchQueryMaxLength, toTsQueryText } from './query-text.js';

/** Results per page of the search. */
export const searchPageSize = 10;
/** The last page the search pages to (deeper pages are not useful and cost the most). */
export const searchMaxPage = 20;
/** Shortest query (characters, after normalising). */
export const searchQueryMinLength = 2;

// Services and the city's own pages are what people look for most; news ages.
const kindWeights: Readonly<Record<SearchKind, number>> = {
  service: 1.3,
  page: 1.2,
  'waste-item': 1.1,
  faq: 1,
  platform: 1,
  news: 0.8,
};

export type { TextPart };

export interface SearchHit {
  kind: SearchKind;
  ref: string;
  url: string;
  title: TextPart[];
  snippet: TextPart[];
  /** The English text is missing; the German one is shown. */
  fallback: boolean;
  updatedAt: Date;
}

export interface SearchResult {
  q: string;
  kind?: SearchKind | undefined;
  page: number;
  total: number;
  pages: number;
  hits: SearchHit[];
}

export interface SearchInput {
  q: string;
  kind?: SearchKind | undefined;
  lang: Language;
  page?: number | undefined;
}

/** Whether the search can search for this text (long enough, not too long). */
export function isSearchable(q: string): boolean {
  return q.length <= searchQueryMaxLength && normaliseQuery(q).length >= searchQueryMinLength;
}

/** The query as the search understands it (words, single-spaced), or a validation error for too short or long. */
export function checkQuery(q: string): string {
  if (isSearchable(q)) return normaliseQuery(q);
  if (q.length > searchQueryMaxLength) {
    throw new AppError('validation_failed', 'The search text is too long', { q: 'too_long' });
  }
  throw new AppError('validation_failed', 'The search text is too short', { q: 'too_short' });
}

/**
 * One page of the search over the municipality's content, best first: full text (stemmed, umlauts and ß folded,
 * words as prefixes, common synonyms); where that finds less than a page, blended with trigram similarity of
 * titles and keywords for misspellings.
 * Throws validation_failed for a query that is too short or too long.
 */
export async function search(deps: Deps, input: SearchInput): Promise<SearchResult> {
  const text = checkQuery(input.q);
  const page = Math.min(Math.max(1, input.page ?? 1), searchMaxPage);
  const params = {
    tsQuery: toTsQueryText(queryWords(input.q)),
    text,
    kind: input.kind,
    lang: input.lang,
    kindWeights,
    limit: searchPageSize,
    offset: (page - 1) * searchPageSize,
  };
  // The words as typed first; misspellings are looked for only when those fill less than a page (trigram
  // similarity costs several times as much as the full text, and would only add weaker hits below good ones).
  let rows = await searchDocuments(deps.db, deps.config.municipality.id, { ...params, match: 'full-text' });
  if ((rows[0]?.total ?? 0) < searchPageSize) {
    rows = await searchDocuments(deps.db, deps.config.municipality.id, { ...params, match: 'similar' });
  }
  const total = rows[0]?.total ?? 0;
  return {
    q: text,
    kind: input.kind,
    page,
    total,
    pages: Math.min(Math.ceil(total / searchPageSize), searchMaxPage),
    hits: rows.map((r) => {
      const lexemes = queryLexemes(r.queryText);
      return {
        kind: r.kind,
        ref: r.ref,
        url: r.url,
        title: markAll(r.title, lexemes),
        snippet: snippet(r.text, lexemes),
        fallback: r.fallback,
        updatedAt: r.updatedAt,
      };
    }),
  };
}
