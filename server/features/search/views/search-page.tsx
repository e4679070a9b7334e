import type { PageContext } from '../../../platform/views/context.js';
import { Layout } from '../../../platform/views/layout.js';
import { type SearchKind, searchKinds } from '../documents.js';
import { type SearchHit, type SearchResult, searchPageSize, type TextPart } from '../service.js';

export interface SearchPageProps {
  ctx: PageContext;
  q: string;
  kind?: SearchKind | undefined;
  result?: SearchResult;
  error?: string;
}

/** Plain text parts; matches as <mark> (the text itself is always escaped). */
function Marked({ parts }: { parts: TextPart[] }) {
  return <>{parts.map((p, i) => (p.mark ? <mark key={i}>{p.text}</mark> : p.text))}</>;
}

const pageUrl = (q: string, kind: SearchKind | undefined, page: number) => {
  const params = new URLSearchParams({ q });
  if (kind) params.set('kind', kind);
  if (page > 1) params.set('page', String(page));
  return `/suche?${params.toString()}`;
};

function Hit({ ctx, hit }: { ctx: PageContext; hit: SearchHit }) {
  const { t } = ctx.i18n;
  return (
    <li class="bs-search-hit">
      <p class="bs-search-hit__kind">
        <span class="kern-badge kern-badge--info">
          <span class="kern-label">{t(`search.kinds.${hit.kind}`)}</span>
        </span>
      </p>
      <h3 class="kern-title">
        <a href={hit.url} lang={hit.fallback ? 'de' : undefined}>
          <Marked parts={hit.title} />
        </a>
      </h3>
      {hit.snippet.length > 0 && (
        <p class="kern-body" lang={hit.fallback ? 'de' : undefined}>
          <Marked parts={hit.snippet} />
        </p>
      )}
      <p class="kern-body kern-body--small bs-muted">
        {hit.fallback && <>{t('search.fallback')} · </>}
        {t('search.updated', { date: ctx.i18n.date(hit.updatedAt) })}
      </p>
    </li>
  );
}

function Pager({ ctx, result }: { ctx: PageContext; result: SearchResult }) {
  const { t } = ctx.i18n;
  if (result.pages <= 1) return null;
  return (
    <nav class="bs-pagination" aria-label={t('search.pagination.label')}>
      {result.page > 1 && (
        <a class="kern-link" href={pageUrl(result.q, result.kind, result.page - 1)} rel="prev">
          {t('search.pagination.previous')}
        </a>
      )}
      <span aria-current="page">{t('search.pagination.status', { page: result.page, pages: result.pages })}</span>
      {result.page < result.pages && (
        <a class="kern-link" href={pageUrl(result.q, result.kind, result.page + 1)} rel="next">
          {t('search.pagination.next')}
        </a>
      )}
    </nav>
  );
}

/** The search: a GET form (works without JavaScript), the count of results, ranked hits labelled by kind. */
export function SearchPage({ ctx, q, kind, result, error }: SearchPageProps) {
  const { t } = ctx.i18n;
  const title = result ? t('search.titleWithQuery', { q, count: result.total }) : t('search.title');
  return (
    <Layout ctx={ctx} title={title}>
      <h1 class="kern-heading-large">{t('search.heading')}</h1>
      <search>
        <form method="get" action="/suche" class="bs-form bs-search-form" novalidate>
          <div class={`kern-form-input${error ? ' kern-form-input--error' : ''}`}>
            <label class="kern-label" for="search-q">
              {t('search.label')}
            </label>
            <div class="kern-hint" id="search-q-hint">
              {t('search.hint')}
            </div>
            <input
              class={`kern-form-input__input${error ? ' kern-form-input__input--error' : ''}`}
              id="search-q"
              name="q"
              type="search"
              value={q}
              maxLength={100}
              aria-describedby={error ? 'search-q-hint search-q-error' : 'search-q-hint'}
              aria-invalid={error ? 'true' : undefined}
            />
            {error && (
              <p class="kern-error" id="search-q-error">
                <span class="kern-icon kern-icon--danger" aria-hidden="true" />
                <span>{error}</span>
              </p>
            )}
          </div>
          <div class="kern-form-input">
            <label class="kern-label" for="search-kind">
              {t('search.kindLabel')}
            </label>
            <div class="kern-form-input__select-wrapper">
              <select class="kern-form-input__select" id="search-kind" name="kind">
                <option value="">{t('search.kindAll')}</option>
                {searchKinds.map((k) => (
                  <option key={k} value={k} selected={k === kind}>
                    {t(`search.kinds.${k}`)}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <div class="kern-btn-wrapper">
            <button type="submit" class="kern-btn kern-btn--primary">
              <span class="kern-label">{t('search.submit')}</span>
            </button>
          </div>
        </form>
      </search>
      {result && (
        <section class="bs-section" aria-labelledby="search-results">
          <h2 class="kern-heading-medium" id="search-results">
            {kind
              ? t('search.resultsInKind', { count: result.total, q, kind: t(`search.kinds.${kind}`) })
              : t('search.results', { count: result.total, q })}
          </h2>
          {result.total === 0 ? (
            <div class="kern-body">
              <p>{t('search.none')}</p>
              <p>
                {t('search.noneHelp')} <a href="/">{t('search.noneHome')}</a>
              </p>
            </div>
          ) : (
            <ol class="bs-search-hits" start={(result.page - 1) * searchPageSize + 1}>
              {result.hits.map((hit) => (
                <Hit key={`${hit.kind}:${hit.ref}`} ctx={ctx} hit={hit} />
              ))}
            </ol>
          )}
          <Pager ctx={ctx} result={result} />
        </section>
      )}
    </Layout>
  );
}
