import type { App, Deps } from '../../../platform/deps.js';
import { notFound } from '../../../platform/errors.js';
import { list, submit, text } from '../../../platform/http/forms.js';
import { formBodySchema, pageQuerySchema, tokenParamsSchema } from '../../../platform/http/page-schemas.js';
import { pageContext } from '../../../platform/views/context.js';
import { sendHtml } from '../../../platform/views/render.js';
import { onWasteChange } from '../core/cache.js';
import { setAddressReminderSlot } from '../core/page-slots.js';
import { listBinTypes } from '../core/service.js';
import { sendRemindersJobName } from './jobs.js';
import { cancelWasteReminder, changeWasteReminder, findReminderByToken } from './service.js';
import { formatReminderTime } from './slots.js';
import { reminderManagePath } from './token.js';
import { parseWhen, whenValue } from './views/choice-fields.js';
import { CancelledPage, ManagePage } from './views/manage-page.js';
import { ReminderOptIn } from './views/opt-in.js';

const cancelledPath = '/abfall/erinnerungen/abbestellt';

/**
 * The manage link of every reminder notification: change bins and time, or cancel, without JavaScript. The token in
 * the URL is the only key; the pages are private (no referrer, not indexed, never cached).
 */
export default async function wasteReminderPages(app: App, deps: Deps): Promise<void> {
  const m = deps.config.municipality.id;
  const writes = { rateLimit: { max: deps.config.rateLimit.publicWritesPerMinute, timeWindow: '1 minute' } };
  const reads = { rateLimit: { max: deps.config.rateLimit.apiPerMinute, timeWindow: '1 minute' } };
  const privatePage = { 'referrer-policy': 'no-referrer', 'x-robots-tag': 'noindex, nofollow' };
  setAddressReminderSlot((ctx, a) => <ReminderOptIn ctx={ctx} addressId={a.addressId} binTypes={a.binTypes} />);
  // After an import changed the calendar, the current slot runs again: a reminder whose bins for the day changed
  // is queued anew and replaces its pending message (Topic); unchanged ones are not queued twice (dedupe key).
  const off = onWasteChange((municipalityId) => {
    if (municipalityId !== m) return;
    deps.jobs.enqueue(sendRemindersJobName, {}).catch((err: unknown) => {
      app.logger.error({ err }, 'could not re-run the waste reminder slot after an import');
    });
  });
  app.addHook('onClose', async () => {
    off();
  });

  app.get(cancelledPath, { schema: { hide: true }, config: reads }, async (request, reply) => {
    reply.headers(privatePage);
    return sendHtml(reply, <CancelledPage ctx={pageContext(request, reply)} />);
  });

  const page = { hide: true, params: tokenParamsSchema };
  const view = { ...page, querystring: pageQuerySchema };
  app.get('/abfall/erinnerungen/:token', { schema: view, config: reads }, async (request, reply) => {
    reply.headers(privatePage);
    const { token } = request.params;
    const r = await findReminderByToken(deps, token);
    if (!r) throw notFound('Reminder');
    const ctx = pageContext(request, reply);
    const saved = request.query.gespeichert !== undefined;
    return sendHtml(
      reply,
      <ManagePage
        ctx={ctx}
        action={reminderManagePath(token)}
        addressLabel={r.addressLabel}
        addressId={r.addressId}
        binTypes={await listBinTypes(deps.db, m)}
        selected={r.binTypeKeys}
        when={whenValue(r.mode, formatReminderTime(r))}
        saved={saved}
      />,
    );
  });

  const form = { hide: true, params: tokenParamsSchema, body: formBodySchema };
  app.post('/abfall/erinnerungen/:token', { schema: form, config: writes }, async (request, reply) => {
    reply.headers(privatePage);
    const { token } = request.params;
    const r = await findReminderByToken(deps, token);
    if (!r) throw notFound('Reminder');
    const ctx = pageContext(request, reply);
    const bins = list(request.body, 'bins');
    const when = text(request.body, 'when');
    const outcome = await submit(() =>
      changeWasteReminder(deps, token, { binTypeKeys: bins, ...parseWhen(when), language: ctx.i18n.lang }),
    );
    if (outcome.ok) return reply.redirect(`${reminderManagePath(token)}?gespeichert`, 303);
    return sendHtml(
      reply,
      <ManagePage
        ctx={ctx}
        action={reminderManagePath(token)}
        addressLabel={r.addressLabel}
        addressId={r.addressId}
        binTypes={await listBinTypes(deps.db, m)}
        selected={bins}
        when={when}
        errors={outcome.errors}
      />,
      outcome.status,
    );
  });

  app.post('/abfall/erinnerungen/:token/abbestellen', { schema: page, config: writes }, async (request, reply) => {
    reply.headers(privatePage);
    await cancelWasteReminder(deps, request.params.token);
    return reply.redirect(cancelledPath, 303);
  });
}
