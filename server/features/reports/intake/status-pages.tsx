import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App, Deps } from '../../../platform/deps.js';
import { notFound } from '../../../platform/errors.js';
import { submit, text } from '../../../platform/http/forms.js';
import {
  formBodySchema,
  idOf,
  pageQuerySchema,
  photoParamsSchema,
  single,
  tokenParamsSchema,
} from '../../../platform/http/page-schemas.js';
import { pageContext } from '../../../platform/views/context.js';
import { addHomeModule } from '../../../platform/views/registry.js';
import { sendHtml } from '../../../platform/views/render.js';
import { statusPathFor } from '../core/status-token.js';
import { reporterMailState, setReporterNotify } from '../core/subscriptions.js';
import { privatePage } from '../core/views/private-page.js';
import { answerFixed } from './fixed-service.js';
import { listMyReports, minePath, withMine, withoutMine } from './mine.js';
import { readMine, storeMine } from './mine-cookie.js';
import { findReportByStatusToken, findReporterPhoto } from './reporter-view.js';
import { type FixedForm, fixedAnchor } from './views/fixed-section.js';
import { MyReportsPage } from './views/mine-page.js';
import { StatusPage } from './views/status-page.js';

/**
 * The reporter's pages: the private status page with "Ist es behoben?" and their own photos, the mail setting,
 * and "Meine Meldungen" (the links this browser keeps). The token in the path is the only authorisation.
 */
export default async function reportStatusPages(app: App, deps: Deps): Promise<void> {
  const https = deps.config.publicUrl.startsWith('https://');
  const writes = { rateLimit: { max: deps.config.rateLimit.publicWritesPerMinute, timeWindow: '1 minute' } };
  const reads = { rateLimit: { max: deps.config.rateLimit.apiPerMinute, timeWindow: '1 minute' } };
  addHomeModule(app, {
    href: minePath,
    titleKey: 'reports-mine.module.title',
    textKey: 'reports-mine.module.text',
    order: 21,
  });

  async function renderStatus(
    request: FastifyRequest,
    reply: FastifyReply,
    token: string,
    extra: { email?: string; fixed?: { form?: FixedForm; notice?: 'fixed' | 'reopened' } } = {},
    status = 200,
  ) {
    privatePage(reply);
    const report = await findReportByStatusToken(deps, token);
    if (!report) throw notFound('Report');
    const state = await reporterMailState(deps, token);
    const notice = (['stopped', 'resumed', 'confirm'] as const).find((n) => n === extra.email);
    const mail = state && { action: `${statusPathFor(token)}/email`, ...state, ...(notice ? { notice } : {}) };
    return sendHtml(
      reply,
      <StatusPage
        ctx={pageContext(request, reply)}
        report={report}
        statusPath={statusPathFor(token)}
        {...(mail ? { mail } : {})}
        {...(extra.fixed ? { fixed: extra.fixed } : {})}
      />,
      status,
    );
  }

  const statusPage = { hide: true, params: tokenParamsSchema, querystring: pageQuerySchema };
  app.get('/meldungen/status/:token', { schema: statusPage, config: reads }, async (request, reply) => {
    const email = single(request.query.email);
    const answered = single(request.query.behoben);
    const notice = answered === 'ja' ? 'fixed' : answered === 'nein' ? 'reopened' : undefined;
    return renderStatus(request, reply, request.params.token, {
      ...(email ? { email } : {}),
      ...(notice ? { fixed: { notice } } : {}),
    });
  });

  // Status mails off (or on again) from the status page; back to it with a notice.
  const tokenForm = { hide: true, params: tokenParamsSchema, body: formBodySchema };
  app.post('/meldungen/status/:token/email', { schema: tokenForm, config: writes }, async (request, reply) => {
    privatePage(reply);
    const { token } = request.params;
    const outcome = await setReporterNotify(deps, token, request.body.notify === 'on');
    return reply.redirect(`${statusPathFor(token)}?email=${outcome}`, 303);
  });

  // "Ist es behoben?": yes records, no (with a comment) reopens into the BSC inbox. A question that is gone
  // (answered meanwhile, past 28 days) leads back to the page, which says what is known.
  app.post('/meldungen/status/:token/behoben', { schema: tokenForm, config: writes }, async (request, reply) => {
    privatePage(reply);
    const { token } = request.params;
    const input = { answer: text(request.body, 'answer'), comment: text(request.body, 'comment', true) };
    const result = await submit(() => answerFixed(deps, token, input));
    if (result.ok) {
      const done = result.value === 'fixed' ? 'ja' : 'nein';
      return reply.redirect(`${statusPathFor(token)}?behoben=${done}#${fixedAnchor}`, 303);
    }
    if (result.code === 'conflict') return reply.redirect(`${statusPathFor(token)}#${fixedAnchor}`, 303);
    return renderStatus(request, reply, token, { fixed: { form: { ...input, errors: result.errors } } }, 400);
  });

  // The reporter's own photos (any review state), only through the status link; never cached anywhere.
  const photo = { hide: true, params: photoParamsSchema };
  for (const [suffix, size] of [
    ['', 'full'],
    ['/klein', 'thumbnail'],
  ] as const) {
    app.get(
      `/meldungen/status/:id/fotos/:photoId${suffix}`,
      { schema: photo, config: reads },
      async (request, reply) => {
        privatePage(reply);
        const photoId = idOf(request.params.photoId);
        const found =
          photoId === undefined ? undefined : await findReporterPhoto(deps, request.params.id, photoId, size);
        if (!found) throw notFound('Photo');
        return reply.type(found.contentType).header('cache-control', 'private, no-store').send(found.data);
      },
    );
  }

  app.get(minePath, { schema: { hide: true, querystring: pageQuerySchema } }, async (request, reply) => {
    privatePage(reply);
    const { tokens, pending } = readMine(request);
    const reports = await listMyReports(deps, tokens);
    // Links whose report is gone (anonymised) are forgotten; the receipt's pending cookies are folded in.
    const kept = reports.map((r) => r.token);
    if (pending.length > 0 || kept.length !== tokens.length) storeMine(reply, kept, pending, https);
    const shown = single(request.query.erledigt);
    const notice = shown === 'gespeichert' ? 'saved' : shown === 'entfernt' ? 'removed' : undefined;
    return sendHtml(
      reply,
      <MyReportsPage ctx={pageContext(request, reply)} reports={reports} {...(notice ? { notice } : {})} />,
    );
  });

  // Saving a status link opened in this browser (e.g. from the mail), and removing one; no JavaScript needed.
  const mineForm = { hide: true, body: formBodySchema };
  app.post(minePath, { schema: mineForm, config: writes }, async (request, reply) => {
    privatePage(reply);
    const token = text(request.body, 'token');
    if (!(await findReportByStatusToken(deps, token))) throw notFound('Report');
    const { tokens, pending } = readMine(request);
    storeMine(reply, withMine(tokens, token), pending, https);
    return reply.redirect(`${minePath}?erledigt=gespeichert`, 303);
  });

  app.post(`${minePath}/entfernen`, { schema: mineForm, config: writes }, async (request, reply) => {
    privatePage(reply);
    const { tokens, pending } = readMine(request);
    storeMine(reply, withoutMine(tokens, text(request.body, 'token')), pending, https);
    return reply.redirect(`${minePath}?erledigt=entfernt`, 303);
  });
}
