import type { App, Deps } from '../../platform/deps.js';
import { pageQuerySchema, single } from '../../platform/http/page-schemas.js';
import { pageCache } from '../../platform/http/response-cache.js';
import { pageContext } from '../../platform/views/context.js';
import { sendHtml } from '../../platform/views/render.js';
import { searchCacheTag } from './cache.js';
import { searchKindOf } from './documents.js';
import { searchQueryMaxLength } from './query-text.js';
import { isSearchable, search } from './service.js';
import { SearchPage } from './views/search-page.js';

/** /suche: the search as a page (GET form, works without JavaScript), the same search as /api/search. */
export default async function searchPages(app: App, deps: Deps): Promise<void> {
  const config = {
    responseCache: pageCache(searchCacheTag(deps.config.municipality.id)),
    rateLimit: { max: deps.config.rateLimit.apiPerMinute, timeWindow: '1 minute' },
  };
  app.get('/suche', { schema: { hide: true, querystring: pageQuerySchema }, config }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    const q = (single(request.query.q) ?? '').replace(/\s+/g, ' ').trim().slice(0, searchQueryMaxLength);
    const kind = searchKindOf(single(request.query.kind));
    if (!q) return sendHtml(reply, <SearchPage ctx={ctx} q="" kind={kind} />);
    const page = Number.parseInt(single(request.query.page) ?? '1', 10) || 1;
    if (!isSearchable(q)) {
      const error = ctx.i18n.t('search.tooShort');
      return sendHtml(reply, <SearchPage ctx={ctx} q={q} kind={kind} error={error} />, 400);
    }
    const result = await search(deps, { q, kind, lang: ctx.i18n.lang, page });
    return sendHtml(reply, <SearchPage ctx={ctx} q={q} kind={kind} result={result} />);
  });
}
