import type { App, Deps } from '../../platform/deps.js';
import { problemSchema } from '../addresses/schemas.js';
import { searchCacheTag } from './cache.js';
import { searchKindOf } from './documents.js';
import { type SearchResultDto, searchQuerySchema, searchResultSchema } from './schemas.js';
import { search } from './service.js';

/** The search as JSON: the same ranking, snippets and kinds as the /suche page. */
export default async function searchRoutes(app: App, deps: Deps): Promise<void> {
  const responseCache = { ttlSeconds: 60, tag: searchCacheTag(deps.config.municipality.id) };
  app.get(
    '/api/search',
    {
      config: { responseCache, rateLimit: { max: deps.config.rateLimit.apiPerMinute, timeWindow: '1 minute' } },
      schema: {
        tags: ['search'],
        summary: 'Search news, FAQ, services, data platforms, the Abfall-ABC and pages',
        description:
          'German full text (stemming, umlauts and ß folded, synonyms such as "Perso"), tolerant of misspellings, ' +
          'best match first, 10 per page. A query shorter than 2 characters is answered with 400.',
        querystring: searchQuerySchema,
        response: { 200: searchResultSchema, 400: problemSchema },
      },
    },
    async (request): Promise<SearchResultDto> => {
      const { q, kind, lang, page } = request.query;
      const result = await search(deps, { q, kind: searchKindOf(kind), lang: lang === 'en' ? 'en' : 'de', page });
      return {
        q: result.q,
        total: result.total,
        page: result.page,
        pages: result.pages,
        items: result.hits.map((h) => ({
          kind: h.kind,
          ref: h.ref,
          url: h.url,
          title: h.title.map((p) => p.text).join(''),
          titleParts: h.title,
          snippet: h.snippet,
          fallback: h.fallback,
          updatedAt: h.updatedAt.toISOString(),
        })),
      };
    },
  );
}
