import type { App, Deps } from '../../../platform/deps.js';
import { notFound } from '../../../platform/errors.js';
import { tokenParamsSchema } from '../../../platform/http/page-schemas.js';
import { pageContext } from '../../../platform/views/context.js';
import { sendHtml } from '../../../platform/views/render.js';
import { confirmEmail, emailConfirmationPath, findByConfirmationToken } from '../core/email-confirmation.js';
import {
  findSupporterByUnsubscribeToken,
  supporterUnsubscribePath,
  unsubscribeSupporter,
} from '../core/subscriptions.js';
import { privatePage } from '../core/views/private-page.js';
import { ConfirmEmailPage } from './views/confirm-page.js';
import { SupporterUnsubscribePage } from './views/unsubscribe-page.js';

/**
 * A supporter's unsubscribe link and the double opt-in link of reporters and supporters: GET only shows the
 * button (mail scanners follow links), POST unsubscribes or confirms.
 */
export default async function reportUnsubscribePages(app: App, deps: Deps): Promise<void> {
  const writes = { rateLimit: { max: deps.config.rateLimit.publicWritesPerMinute, timeWindow: '1 minute' } };
  const reads = { rateLimit: { max: deps.config.rateLimit.apiPerMinute, timeWindow: '1 minute' } };

  const page = { hide: true, params: tokenParamsSchema };
  app.get('/meldungen/abbestellen/:token', { schema: page, config: reads }, async (request, reply) => {
    privatePage(reply);
    const { token } = request.params;
    const supporter = await findSupporterByUnsubscribeToken(deps, token);
    if (!supporter) throw notFound('Supporter');
    const ctx = pageContext(request, reply);
    return sendHtml(
      reply,
      <SupporterUnsubscribePage
        ctx={ctx}
        action={supporterUnsubscribePath(token)}
        reference={supporter.reference}
        notifyEmail={supporter.notifyEmail}
      />,
    );
  });

  app.post('/meldungen/abbestellen/:token', { schema: page, config: writes }, async (request, reply) => {
    privatePage(reply);
    const { token } = request.params;
    await unsubscribeSupporter(deps, token);
    return reply.redirect(supporterUnsubscribePath(token), 303);
  });

  app.get('/meldungen/bestaetigen/:token', { schema: page, config: reads }, async (request, reply) => {
    privatePage(reply);
    const { token } = request.params;
    const found = await findByConfirmationToken(deps, token);
    if (!found) throw notFound('Confirmation');
    const ctx = pageContext(request, reply);
    return sendHtml(
      reply,
      <ConfirmEmailPage
        ctx={ctx}
        action={emailConfirmationPath(token)}
        reference={found.row.reference}
        confirmed={found.row.confirmed}
      />,
    );
  });

  app.post('/meldungen/bestaetigen/:token', { schema: page, config: writes }, async (request, reply) => {
    privatePage(reply);
    const { token } = request.params;
    await confirmEmail(deps, token);
    return reply.redirect(emailConfirmationPath(token), 303);
  });
}
