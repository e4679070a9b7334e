import { requireStaff, staffOf } from '../../../platform/auth/guards.js';
import type { App, Deps } from '../../../platform/deps.js';
import { notFound } from '../../../platform/errors.js';
import { list, submit } from '../../../platform/http/forms.js';
import {
  formBodySchema,
  pageId,
  pageQuerySchema,
  pageRoutes,
  tokenParamsSchema,
} from '../../../platform/http/page-schemas.js';
import { pageContext } from '../../../platform/views/context.js';
import { sendHtml } from '../../../platform/views/render.js';
import { actorOf } from '../../audit/service.js';
import { getNewsItem } from '../core/service.js';
import {
  approveNewsPush,
  cancelNewsOptin,
  changeNewsOptin,
  countTopicFollowers,
  findNewsOptin,
  newsManagePath,
} from './service.js';
import { CancelledPage, ConfirmPushPage, ManagePage, OptInPage } from './views/pages.js';

const cancelledPath = '/aktuelles/benachrichtigungen/abbestellt';
const privatePage = { 'referrer-policy': 'no-referrer', 'x-robots-tag': 'noindex, nofollow' };

/** The citizens' opt-in and manage pages (no JavaScript needed to change or cancel). */
export async function newsPushPages(app: App, deps: Deps): Promise<void> {
  const writes = { rateLimit: { max: deps.config.rateLimit.publicWritesPerMinute, timeWindow: '1 minute' } };
  const reads = { rateLimit: { max: deps.config.rateLimit.apiPerMinute, timeWindow: '1 minute' } };

  app.get('/aktuelles/benachrichtigungen', { schema: { hide: true }, config: reads }, async (request, reply) =>
    sendHtml(reply, <OptInPage ctx={pageContext(request, reply)} />),
  );

  app.get(cancelledPath, { schema: { hide: true }, config: reads }, async (request, reply) => {
    reply.headers(privatePage);
    return sendHtml(reply, <CancelledPage ctx={pageContext(request, reply)} />);
  });

  const view = { hide: true, params: tokenParamsSchema, querystring: pageQuerySchema };
  app.get('/aktuelles/benachrichtigungen/:token', { schema: view, config: reads }, async (request, reply) => {
    reply.headers(privatePage);
    const optin = await findNewsOptin(deps, request.params.token);
    if (!optin) throw notFound('Subscription');
    const ctx = pageContext(request, reply);
    return sendHtml(
      reply,
      <ManagePage
        ctx={ctx}
        action={newsManagePath(request.params.token)}
        selected={optin.topics}
        saved={request.query.gespeichert !== undefined}
      />,
    );
  });

  const form = { hide: true, params: tokenParamsSchema, body: formBodySchema };
  app.post('/aktuelles/benachrichtigungen/:token', { schema: form, config: writes }, async (request, reply) => {
    reply.headers(privatePage);
    const { token } = request.params;
    const ctx = pageContext(request, reply);
    const topics = list(request.body, 'topics');
    const outcome = await submit(() => changeNewsOptin(deps, token, topics, ctx.i18n.lang));
    if (outcome.ok) return reply.redirect(`${newsManagePath(token)}?gespeichert`, 303);
    return sendHtml(
      reply,
      <ManagePage ctx={ctx} action={newsManagePath(token)} selected={topics} errors={outcome.errors} />,
      outcome.status,
    );
  });

  app.post(
    '/aktuelles/benachrichtigungen/:token/abbestellen',
    { schema: { hide: true, params: tokenParamsSchema }, config: writes },
    async (request, reply) => {
      reply.headers(privatePage);
      await cancelNewsOptin(deps, request.params.token);
      return reply.redirect(cancelledPath, 303);
    },
  );
}

const { item } = pageRoutes(requireStaff('editor', 'admin'));

/** The editor's "Push senden": a confirm page, then the approval (once per item). */
export async function newsPushAdminPages(app: App, deps: Deps): Promise<void> {
  const m = deps.config.municipality.id;
  app.get('/admin/news/:id/push', item, async (request, reply) => {
    const row = await getNewsItem(deps.db, m, pageId(request.params.id, 'News item'));
    const followers = await countTopicFollowers(deps, row.topic);
    return sendHtml(reply, <ConfirmPushPage ctx={pageContext(request, reply)} item={row} followers={followers} />);
  });

  app.post('/admin/news/:id/push', item, async (request, reply) => {
    const id = pageId(request.params.id, 'News item');
    const outcome = await submit(() => approveNewsPush(deps, id, actorOf(staffOf(request))));
    if (outcome.ok) return reply.redirect(`/admin/news?done=pushed`, 303);
    const row = await getNewsItem(deps.db, m, id);
    const followers = await countTopicFollowers(deps, row.topic);
    const ctx = pageContext(request, reply);
    return sendHtml(
      reply,
      <ConfirmPushPage ctx={ctx} item={row} followers={followers} error={outcome.errors.push} />,
      outcome.status,
    );
  });
}
