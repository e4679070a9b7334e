import type { PageContext } from '../../../../platform/views/context.js';
import type { NewsItemRow } from '../../core/items-queries.js';
import { newsPath } from '../../core/service.js';

/** An item's texts in the page's language; English falls back to German (marked with lang="de" and a note). */
export function localItem(ctx: Pick<PageContext, 'i18n'>, item: NewsItemRow) {
  const english = ctx.i18n.lang === 'en';
  const hasEnglish = !!item.titleEn && !!item.bodyEn;
  const useEnglish = english && hasEnglish;
  return {
    title: useEnglish ? item.titleEn! : item.titleDe,
    summary: useEnglish ? (item.summaryEn ?? '') : item.summaryDe,
    body: useEnglish ? item.bodyEn! : item.bodyDe,
    lang: (useEnglish ? 'en' : 'de') as 'de' | 'en',
    fallback: english && !hasEnglish,
  };
}

/** The line under a title: topic, date, demo mark. */
export function ItemMeta({
  ctx,
  item,
  inGerman = false,
}: {
  ctx: Pick<PageContext, 'i18n'>;
  item: NewsItemRow;
  /** English page, German text: said in the meta line too, not only by lang="de". */
  inGerman?: boolean;
}) {
  const { t } = ctx.i18n;
  return (
    <p class="kern-body kern-body--small bs-muted">
      <span>{t(`news.topics.${item.topic}`)}</span>
      {' · '}
      <time datetime={item.publishedAt.toISOString()}>{ctx.i18n.date(item.publishedAt)}</time>
      {item.pinned && <> · {t('news.pinned')}</>}
      {inGerman && <> · {t('news.inGerman')}</>}
      {item.demo && (
        <>
          {' '}
          <span class="kern-badge kern-badge--warning">
            <span class="kern-label">{t('news.demo')}</span>
          </span>
        </>
      )}
    </p>
  );
}

/** One item in a list: its title as a link (heading level given), meta line and summary. */
export function ItemTeaser(p: { ctx: Pick<PageContext, 'i18n'>; item: NewsItemRow; level?: 2 | 3 }) {
  const { ctx, item, level = 2 } = p;
  const text = localItem(ctx, item);
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <article class="bs-box bs-stack">
      <Heading class="kern-heading-small" lang={text.fallback ? 'de' : undefined}>
        <a class="kern-link" href={newsPath(item)}>
          {text.title}
        </a>
      </Heading>
      <ItemMeta ctx={ctx} item={item} inGerman={text.fallback} />
      {text.summary && (
        <p class="kern-body" lang={text.fallback ? 'de' : undefined}>
          {text.summary}
        </p>
      )}
    </article>
  );
}
