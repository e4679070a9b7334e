import type { PageContext } from '../../../../platform/views/context.js';
import { Layout } from '../../../../platform/views/layout.js';
import type { NewsItemRow } from '../../core/items-queries.js';
import { ItemMeta, localItem } from './parts.js';

/** One news item: title, topic, date, last updated, image, sanitised body, source link, demo mark. */
export function ArticlePage({ ctx, item }: { ctx: PageContext; item: NewsItemRow }) {
  const { t } = ctx.i18n;
  const text = localItem(ctx, item);
  const deLang = text.fallback ? 'de' : undefined;
  let sourceHost = '';
  try {
    sourceHost = item.link ? new URL(item.link).host : '';
  } catch {
    sourceHost = '';
  }
  return (
    <Layout ctx={ctx} title={text.title}>
      <p>
        <a class="kern-link" href={`/aktuelles?thema=${item.topic}`}>
          {t('news.article.back', { topic: t(`news.topics.${item.topic}`) })}
        </a>
      </p>
      <article class="bs-stack" aria-labelledby="article-title">
        <h1 class="kern-heading-large" id="article-title" lang={deLang}>
          {text.title}
        </h1>
        <ItemMeta ctx={ctx} item={item} />
        {text.fallback && (
          <div class="kern-alert kern-alert--info" role="note">
            <div class="kern-alert__header">
              <span class="kern-icon kern-icon--info" aria-hidden="true" />
              <p class="kern-title">{t('news.article.onlyGerman')}</p>
            </div>
          </div>
        )}
        {item.demo && <p class="kern-body bs-muted">{t('news.article.demoNote')}</p>}
        {item.imageId !== null && (
          <img
            src={`/aktuelles/bilder/${item.imageId}`}
            alt={item.imageAlt ?? ''}
            class="bs-news-image"
            loading="lazy"
          />
        )}
        {/* Sanitised to the safe subset on the way in (core/sanitise.ts); never raw feed HTML. */}
        <div class="bs-prose" lang={deLang} dangerouslySetInnerHTML={{ __html: text.body }} />
        <dl class="kern-description-list">
          <div class="kern-description-list-item">
            <dt class="kern-description-list-item__key">{t('news.article.published')}</dt>
            <dd class="kern-description-list-item__value">{ctx.i18n.dateTime(item.publishedAt)}</dd>
          </div>
          <div class="kern-description-list-item">
            <dt class="kern-description-list-item__key">{t('news.article.updated')}</dt>
            <dd class="kern-description-list-item__value">{ctx.i18n.dateTime(item.updatedAt)}</dd>
          </div>
          {item.link && (
            <div class="kern-description-list-item">
              <dt class="kern-description-list-item__key">{t('news.article.source')}</dt>
              <dd class="kern-description-list-item__value">
                <a class="kern-link" href={item.link} rel="noopener noreferrer">
                  {t('news.article.sourceLink', { host: sourceHost })}
                </a>
              </dd>
            </div>
          )}
        </dl>
      </article>
      <p class="bs-section">
        <a class="kern-link" href="/aktuelles/benachrichtigungen">
          {t('news.list.followPush')}
        </a>
      </p>
    </Layout>
  );
}
