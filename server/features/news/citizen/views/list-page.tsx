import type { PageContext } from '../../../../platform/views/context.js';
import { Layout } from '../../../../platform/views/layout.js';
import type { NewsItemRow } from '../../core/items-queries.js';
import { type NewsTopic, newsTopics } from '../../core/topics.js';
import { ItemTeaser } from './parts.js';

const listUrl = (topic: NewsTopic | undefined, page = 1) => {
  const q = new URLSearchParams();
  if (topic) q.set('thema', topic);
  if (page > 1) q.set('seite', String(page));
  const s = q.toString();
  return s ? `/aktuelles?${s}` : '/aktuelles';
};

/** Aktuelles: the topic filter (links, no script needed), pinned first, newest first, paged. */
export function NewsListPage(p: {
  ctx: PageContext;
  items: NewsItemRow[];
  topic: NewsTopic | undefined;
  page: number;
  pages: number;
  total: number;
}) {
  const { ctx, topic } = p;
  const { t } = ctx.i18n;
  const title = topic ? t('news.list.titleTopic', { topic: t(`news.topics.${topic}`) }) : t('news.list.title');
  return (
    <Layout ctx={ctx} title={title}>
      <div class="bs-stack">
        <h1 class="kern-heading-large">{title}</h1>
        <p class="kern-body bs-lead">{t('news.list.intro', { city: ctx.municipality.name })}</p>
      </div>
      <nav class="bs-section" aria-labelledby="topics-heading">
        <h2 class="kern-heading-small" id="topics-heading">
          {t('news.list.topics')}
        </h2>
        <ul class="bs-link-list">
          {[undefined, ...newsTopics].map((k) => (
            <li key={k ?? 'all'}>
              <a class="kern-link" href={listUrl(k)} aria-current={k === topic ? 'page' : undefined}>
                {k ? t(`news.topics.${k}`) : t('news.list.allTopics')}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <section class="bs-section bs-stack" aria-labelledby="items-heading">
        <h2 class="kern-sr-only" id="items-heading">
          {t('news.list.count', { count: p.total })}
        </h2>
        {p.items.length === 0 ? (
          <p class="kern-body">{t('news.list.empty')}</p>
        ) : (
          <ul class="bs-link-list">
            {p.items.map((item) => (
              <li key={item.id}>
                <ItemTeaser ctx={ctx} item={item} level={3} />
              </li>
            ))}
          </ul>
        )}
        {p.pages > 1 && (
          <nav class="bs-pagination" aria-label={t('news.list.pages')}>
            {p.page > 1 && (
              <a class="kern-link" href={listUrl(topic, p.page - 1)} rel="prev">
                {t('news.list.previous')}
              </a>
            )}
            <span>{t('news.list.pageOf', { page: p.page, pages: p.pages })}</span>
            {p.page < p.pages && (
              <a class="kern-link" href={listUrl(topic, p.page + 1)} rel="next">
                {t('news.list.next')}
              </a>
            )}
          </nav>
        )}
      </section>
      <section class="bs-section bs-stack" aria-labelledby="follow-heading">
        <h2 class="kern-heading-medium" id="follow-heading">
          {t('news.list.followHeading')}
        </h2>
        <ul class="bs-link-list">
          <li>
            <a class="kern-link" href="/aktuelles/benachrichtigungen">
              {t('news.list.followPush')}
            </a>
          </li>
          <li>
            <a class="kern-link" href={topic ? `/aktuelles/rss.xml?thema=${topic}` : '/aktuelles/rss.xml'}>
              {t('news.list.followRss')}
            </a>
          </li>
        </ul>
      </section>
    </Layout>
  );
}
