import { requireStaff, staffOf } from '../../../platform/auth/guards.js';
import type { App, Deps } from '../../../platform/deps.js';
import { type FormBody, submit, text } from '../../../platform/http/forms.js';
import {
  formBodySchema,
  idParamsSchema,
  pageId,
  pageQuerySchema,
  pageRoutes,
  single,
} from '../../../platform/http/page-schemas.js';
import { pageContext } from '../../../platform/views/context.js';
import { addAdminNavItem } from '../../../platform/views/registry.js';
import { sendHtml } from '../../../platform/views/render.js';
import { actorOf } from '../../audit/service.js';
import { getNewsItem, listAllNews } from '../core/service.js';
import { createNewsItem, deleteNewsItem, newsFlagActions, setNewsItemFlag, updateNewsItem } from './service.js';
import type { NewsInput } from './validation.js';
import { NewsFormPage, newsValues } from './views/form.js';
import { NewsListPage } from './views/list.js';

const guard = requireStaff('editor', 'admin');
const { form, item, itemForm } = pageRoutes(guard);
const perPage = 25;

function inputOf(body: FormBody): NewsInput {
  return {
    topic: text(body, 'topic'),
    titleDe: text(body, 'titleDe'),
    titleEn: text(body, 'titleEn'),
    summaryDe: text(body, 'summaryDe'),
    summaryEn: text(body, 'summaryEn'),
    bodyDe: text(body, 'bodyDe', true),
    bodyEn: text(body, 'bodyEn', true),
    publishDate: text(body, 'publishDate'),
    publishTime: text(body, 'publishTime'),
    pinned: text(body, 'pinned') === '1',
  };
}

/** The editors' news pages: list, write, change, pin, unpublish, delete (editor and admin roles). */
export default async function newsEditorPages(app: App, deps: Deps): Promise<void> {
  const m = deps.config.municipality;
  addAdminNavItem(app, { href: '/admin/news', labelKey: 'news.editor.nav', roles: ['editor', 'admin'], order: 60 });

  app.get(
    '/admin/news',
    { schema: { hide: true, querystring: pageQuerySchema }, preHandler: guard },
    async (request, reply) => {
      const page = Math.max(1, Math.min(10_000, Number(single(request.query.seite)) || 1));
      const { items, total } = await listAllNews(deps.db, m.id, { page, perPage });
      const pages = Math.max(1, Math.ceil(total / perPage));
      const ctx = pageContext(request, reply);
      return sendHtml(
        reply,
        <NewsListPage ctx={ctx} items={items} total={total} page={page} pages={pages} now={deps.now()} />,
      );
    },
  );

  app.get('/admin/news/new', { schema: { hide: true }, preHandler: guard }, async (request, reply) =>
    sendHtml(reply, <NewsFormPage ctx={pageContext(request, reply)} values={newsValues(undefined, m.timeZone)} />),
  );

  app.post('/admin/news', form, async (request, reply) => {
    const values = inputOf(request.body);
    const result = await submit(() => createNewsItem(deps, values, actorOf(staffOf(request))));
    if (!result.ok) {
      const ctx = pageContext(request, reply);
      return sendHtml(reply, <NewsFormPage ctx={ctx} values={values} errors={result.errors} />, result.status);
    }
    return reply.redirect(`/admin/news/${result.value.id}?done=created`, 303);
  });

  app.get('/admin/news/:id', item, async (request, reply) => {
    const row = await getNewsItem(deps.db, m.id, pageId(request.params.id, 'News item'));
    const ctx = pageContext(request, reply);
    return sendHtml(reply, <NewsFormPage ctx={ctx} item={row} values={newsValues(row, m.timeZone)} />);
  });

  app.post('/admin/news/:id', itemForm, async (request, reply) => {
    const id = pageId(request.params.id, 'News item');
    const row = await getNewsItem(deps.db, m.id, id);
    const values = inputOf(request.body);
    const result = await submit(() => updateNewsItem(deps, id, values, actorOf(staffOf(request))));
    if (!result.ok) {
      const ctx = pageContext(request, reply);
      return sendHtml(
        reply,
        <NewsFormPage ctx={ctx} item={row} values={values} errors={result.errors} />,
        result.status,
      );
    }
    return reply.redirect('/admin/news?done=saved', 303);
  });

  const actionParams = { hide: true, params: idParamsSchema, body: formBodySchema };
  for (const action of newsFlagActions) {
    app.post(`/admin/news/:id/${action}`, { schema: actionParams, preHandler: guard }, async (request, reply) => {
      await setNewsItemFlag(deps, pageId(request.params.id, 'News item'), action, actorOf(staffOf(request)));
      return reply.redirect(`/admin/news?done=${action}`, 303);
    });
  }
  app.post('/admin/news/:id/delete', { schema: actionParams, preHandler: guard }, async (request, reply) => {
    await deleteNewsItem(deps, pageId(request.params.id, 'News item'), actorOf(staffOf(request)));
    return reply.redirect('/admin/news?done=deleted', 303);
  });
}
