import type { PageContext } from '../../../../platform/views/context.js';
import { Layout } from '../../../../platform/views/layout.js';
import { type Disposal, disposalLink } from '../disposal.js';
import type { AbcItem } from '../service.js';

export interface AbcPageProps {
  ctx: PageContext;
  q: string;
  /** Search results; undefined without a query (then the A–Z list of `all` is shown). */
  results?: AbcItem[];
  all?: AbcItem[];
  error?: string;
}

function nameOf(ctx: PageContext, item: AbcItem): string {
  return item.name[ctx.i18n.lang] ?? item.name.de ?? item.key;
}

function DisposalText({ ctx, disposal }: { ctx: PageContext; disposal: Disposal }) {
  const { t } = ctx.i18n;
  const link = disposalLink(disposal);
  const label = t(`waste-citizen.disposal.${disposal}`);
  return (
    <p class="kern-body">
      <span class={`bs-waste-disposal bs-waste-disposal--${disposal}`}>
        {t('waste-citizen.abc.goesTo', { disposal: label })}
      </span>
      {link && (
        <>
          {' '}
          <a class="kern-link" href={link}>
            {t('waste-citizen.abc.more')}
            <span class="kern-sr-only">{`: ${label}`}</span>
          </a>
        </>
      )}
    </p>
  );
}

function ItemEntry({ ctx, item, level = 3 }: { ctx: PageContext; item: AbcItem; level?: 3 | 4 }) {
  const Heading = level === 3 ? 'h3' : 'h4';
  const { t } = ctx.i18n;
  const other = ctx.i18n.lang === 'de' ? item.synonyms : [item.name.de ?? '', ...item.synonyms];
  return (
    <li class="bs-waste-abc__item">
      <Heading class="kern-title">{nameOf(ctx, item)}</Heading>
      <DisposalText ctx={ctx} disposal={item.disposal} />
      {other.length > 0 && (
        <p class="kern-body kern-body--small">{t('waste-citizen.abc.alsoKnown', { names: other.join(', ') })}</p>
      )}
    </li>
  );
}

const letterOf = (name: string) =>
  name
    .charAt(0)
    .toLocaleUpperCase('de-DE')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');

function AtoZ({ ctx, items }: { ctx: PageContext; items: AbcItem[] }) {
  const { t } = ctx.i18n;
  const groups = new Map<string, AbcItem[]>();
  const sorted = [...items].sort((a, b) => nameOf(ctx, a).localeCompare(nameOf(ctx, b), ctx.i18n.lang));
  for (const item of sorted) {
    const letter = letterOf(nameOf(ctx, item));
    groups.set(letter, [...(groups.get(letter) ?? []), item]);
  }
  return (
    <section class="bs-section" aria-labelledby="abc-letters">
      <h2 class="kern-heading-medium" id="abc-letters">
        {t('waste-citizen.abc.letters')}
      </h2>
      <nav aria-labelledby="abc-letters">
        <ul class="bs-waste-letters">
          {[...groups.keys()].map((l) => (
            <li key={l}>
              <a class="kern-link" href={`#buchstabe-${l}`}>
                {l}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {[...groups.entries()].map(([letter, list]) => (
        <section key={letter} aria-labelledby={`buchstabe-${letter}`}>
          <h3 class="kern-heading-medium bs-waste-letter" id={`buchstabe-${letter}`}>
            {letter}
          </h3>
          <ul class="bs-waste-abc">
            {list.map((item) => (
              <ItemEntry key={item.key} ctx={ctx} item={item} level={4} />
            ))}
          </ul>
        </section>
      ))}
    </section>
  );
}

/** The Abfall-ABC: a GET search form (works without JavaScript), results with the bin in words, or A–Z. */
export function AbcPage({ ctx, q, results, all, error }: AbcPageProps) {
  const { t } = ctx.i18n;
  const title = t('waste-citizen.abc.title');
  return (
    <Layout ctx={ctx} title={q && !error ? t('waste-citizen.abc.titleWithQuery', { q }) : title}>
      <h1 class="kern-heading-large">{title}</h1>
      <p class="kern-body bs-lead">{t('waste-citizen.abc.intro')}</p>
      <search>
        <form method="get" action="/abfall/abc" class="bs-form bs-waste-search" novalidate>
          <div class={`kern-form-input${error ? ' kern-form-input--error' : ''}`}>
            <label class="kern-label" for="q">
              {t('waste-citizen.abc.label')}
            </label>
            <div class="kern-hint" id="q-hint">
              {t('waste-citizen.abc.hint')}
            </div>
            <input
              class={`kern-form-input__input${error ? ' kern-form-input__input--error' : ''}`}
              id="q"
              name="q"
              type="search"
              value={q}
              maxLength={80}
              aria-describedby={error ? 'q-hint q-error' : 'q-hint'}
              aria-invalid={error ? 'true' : undefined}
            />
            {error && (
              <p class="kern-error" id="q-error">
                <span class="kern-icon kern-icon--danger" aria-hidden="true" />
                <span>{error}</span>
              </p>
            )}
          </div>
          <div class="kern-btn-wrapper">
            <button type="submit" class="kern-btn kern-btn--primary">
              <span class="kern-label">{t('waste-citizen.abc.submit')}</span>
            </button>
          </div>
        </form>
      </search>
      {results && (
        <section class="bs-section" aria-labelledby="abc-results" aria-live="polite">
          <h2 class="kern-heading-medium" id="abc-results">
            {t('waste-citizen.abc.results', { count: results.length, q })}
          </h2>
          {results.length === 0 ? (
            <p class="kern-body">{t('waste-citizen.abc.none', { q })}</p>
          ) : (
            <ul class="bs-waste-abc">
              {results.map((item) => (
                <ItemEntry key={item.key} ctx={ctx} item={item} />
              ))}
            </ul>
          )}
        </section>
      )}
      {all && <AtoZ ctx={ctx} items={all} />}
    </Layout>
  );
}
