import { Type as T } from '@sinclair/typebox';
import type { App, Deps } from '../../../platform/deps.js';
import { notFound } from '../../../platform/errors.js';
import { idOf, pageQuerySchema, single } from '../../../platform/http/page-schemas.js';
import { pageCache } from '../../../platform/http/response-cache.js';
import { pageContext } from '../../../platform/views/context.js';
import { addHomeModule, addHomePanel } from '../../../platform/views/registry.js';
import { sendHtml } from '../../../platform/views/render.js';
import { selectNewsImage } from '../core/images-queries.js';
import { getVisibleNewsItem, listVisibleNews, newsCacheTag, newsPath } from '../core/service.js';
import { isNewsTopic } from '../core/topics.js';
import { newsRss } from './rss.js';
import { ArticlePage } from './views/article-page.js';
import { NewsListPage } from './views/list-page.js';
import { NewsPanel } from './views/panel.js';

const perPage = 10;
const refParams = T.Object({ ref: T.String({ maxLength: 200 }) });

/** Aktuelles for citizens: the list (topic filter, paging), articles by stable URL, RSS, images, start-page panel. */
export default async function newsCitizenPages(app: App, deps: Deps): Promise<void> {
  const m = deps.config.municipality.id;
  const cached = { responseCache: pageCache(newsCacheTag(m)) };
  const reads = { rateLimit: { max: deps.config.rateLimit.apiPerMinute, timeWindow: '1 minute' } };
  addHomeModule(app, { href: '/aktuelles', titleKey: 'news.module.title', textKey: 'news.module.text', order: 15 });
  addHomePanel(app, {
    id: 'news',
    order: 20,
    async load(request) {
      const { items } = await listVisibleNews(deps, { page: 1, perPage: 3 });
      return items.length > 0 ? <NewsPanel ctx={{ i18n: request.i18n }} items={items} /> : null;
    },
  });

  app.get(
    '/aktuelles',
    { schema: { hide: true, querystring: pageQuerySchema }, config: { ...cached, ...reads } },
    async (request, reply) => {
      const raw = single(request.query.thema);
      const topic = isNewsTopic(raw) ? raw : undefined;
      const page = Math.min(idOf(single(request.query.seite)) ?? 1, 1000);
      const { items, total } = await listVisibleNews(deps, { topic, page, perPage });
      const pages = Math.max(1, Math.ceil(total / perPage));
      if (raw !== undefined && !topic) throw notFound('Topic');
      if (page > pages) throw notFound('Page');
      const ctx = pageContext(request, reply);
      return sendHtml(
        reply,
        <NewsListPage ctx={ctx} items={items} topic={topic} page={page} pages={pages} total={total} />,
      );
    },
  );

  app.get(
    '/aktuelles/rss.xml',
    { schema: { hide: true, querystring: pageQuerySchema }, config: { ...cached, ...reads } },
    async (request, reply) => {
      const raw = single(request.query.thema);
      const topic = isNewsTopic(raw) ? raw : undefined;
      const { items } = await listVisibleNews(deps, { topic, page: 1, perPage: 30 });
      const { t } = request.i18n;
      const title = topic
        ? t('news.list.titleTopic', { topic: t(`news.topics.${topic}`) })
        : t('news.rssTitle', { city: deps.config.municipality.name });
      return reply
        .type('application/rss+xml; charset=utf-8')
        .send(newsRss({ i18n: request.i18n, baseUrl: deps.config.publicUrl, title, items }));
    },
  );

  app.get(
    '/aktuelles/bilder/:ref',
    { schema: { hide: true, params: refParams }, config: reads },
    async (request, reply) => {
      const id = idOf(request.params.ref);
      const image = id === undefined ? undefined : await selectNewsImage(deps.db, m, id);
      if (!image) throw notFound('Image');
      return reply
        .type(image.contentType)
        .header('cache-control', 'public, max-age=86400')
        .header('x-content-type-options', 'nosniff')
        .send(image.bytes);
    },
  );

  // The id decides; a missing or outdated slug answers 301 to the item's current URL.
  app.get(
    '/aktuelles/:ref',
    { schema: { hide: true, params: refParams, querystring: pageQuerySchema }, config: { ...cached, ...reads } },
    async (request, reply) => {
      const match = /^([1-9]\d{0,15})(?:-([a-z0-9-]*))?$/.exec(request.params.ref);
      if (!match) throw notFound('News item');
      const item = await getVisibleNewsItem(deps, Number(match[1]));
      if (match[2] !== item.slug) {
        const lang = single(request.query.lang);
        return reply.redirect(`${newsPath(item)}${lang ? `?lang=${encodeURIComponent(lang)}` : ''}`, 301);
      }
      return sendHtml(reply, <ArticlePage ctx={pageContext(request, reply)} item={item} />);
    },
  );
}
