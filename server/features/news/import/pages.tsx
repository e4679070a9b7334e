import { requireStaff, staffOf } from '../../../platform/auth/guards.js';
import type { App, Deps } from '../../../platform/deps.js';
import { type FormBody, submit, text } from '../../../platform/http/forms.js';
import { pageId, pageRoutes } from '../../../platform/http/page-schemas.js';
import { pageContext } from '../../../platform/views/context.js';
import { sendHtml } from '../../../platform/views/render.js';
import { actorOf } from '../../audit/service.js';
import { createFeed, deleteFeed, type FeedInput, getFeed, listFeeds, updateFeed } from './feeds-service.js';
import { importFeedById } from './service.js';
import { FeedFormPage, FeedsPage, feedValues } from './views/feeds.js';

const { page, form, item, itemForm } = pageRoutes(requireStaff('editor', 'admin'));

const inputOf = (body: FormBody): FeedInput => ({
  name: text(body, 'name'),
  url: text(body, 'url'),
  topic: text(body, 'topic'),
  enabled: text(body, 'enabled') === '1',
});

/** The feeds page: each feed's last outcome (errors shown), fetch now, add, change, delete. */
export default async function newsFeedPages(app: App, deps: Deps): Promise<void> {
  app.get('/admin/news/feeds', page, async (request, reply) =>
    sendHtml(reply, <FeedsPage ctx={pageContext(request, reply)} feeds={await listFeeds(deps)} />),
  );

  app.get('/admin/news/feeds/new', page, async (request, reply) =>
    sendHtml(reply, <FeedFormPage ctx={pageContext(request, reply)} values={feedValues()} />),
  );

  app.post('/admin/news/feeds', form, async (request, reply) => {
    const values = inputOf(request.body);
    const result = await submit(() => createFeed(deps, values, actorOf(staffOf(request))));
    if (!result.ok) {
      const ctx = pageContext(request, reply);
      return sendHtml(reply, <FeedFormPage ctx={ctx} values={values} errors={result.errors} />, result.status);
    }
    return reply.redirect('/admin/news/feeds?done=created', 303);
  });

  app.get('/admin/news/feeds/:id', item, async (request, reply) => {
    const feed = await getFeed(deps, pageId(request.params.id, 'Feed'));
    return sendHtml(reply, <FeedFormPage ctx={pageContext(request, reply)} feed={feed} values={feedValues(feed)} />);
  });

  app.post('/admin/news/feeds/:id', itemForm, async (request, reply) => {
    const feed = await getFeed(deps, pageId(request.params.id, 'Feed'));
    const values = inputOf(request.body);
    const result = await submit(() => updateFeed(deps, feed.id, values, actorOf(staffOf(request))));
    if (!result.ok) {
      const ctx = pageContext(request, reply);
      return sendHtml(
        reply,
        <FeedFormPage ctx={ctx} feed={feed} values={values} errors={result.errors} />,
        result.status,
      );
    }
    return reply.redirect('/admin/news/feeds?done=saved', 303);
  });

  app.post('/admin/news/feeds/:id/delete', item, async (request, reply) => {
    await deleteFeed(deps, pageId(request.params.id, 'Feed'), actorOf(staffOf(request)));
    return reply.redirect('/admin/news/feeds?done=deleted', 303);
  });

  // On demand: the outcome is on the page at once (an error in the feed's box, counts in a notice).
  app.post('/admin/news/feeds/:id/import', item, async (request, reply) => {
    const result = await importFeedById(deps, pageId(request.params.id, 'Feed'), app.logger);
    const ctx = pageContext(request, reply);
    return sendHtml(reply, <FeedsPage ctx={ctx} feeds={await listFeeds(deps)} result={result} />);
  });
}
