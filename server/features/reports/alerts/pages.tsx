import type { App, Deps } from '../../../platform/deps.js';
import { notFound } from '../../../platform/errors.js';
import { submit, text } from '../../../platform/http/forms.js';
import { formBodySchema, idOf, pageQuerySchema, tokenParamsSchema } from '../../../platform/http/page-schemas.js';
import { pageContext } from '../../../platform/views/context.js';
import { sendHtml } from '../../../platform/views/render.js';
import { selectDistrictOptions } from '../core/districts-queries.js';
import { privatePage } from '../core/views/private-page.js';
import {
  alertEndedPath,
  alertManagePath,
  alertSentPath,
  alertsPath,
  confirmAlert,
  findAlertByToken,
  subscribeByEmail,
  unsubscribeAlert,
} from './service.js';
import { type AlertFormValues, EndedPage, emptyAlertForm, ManagePage, SentPage, SubscribePage } from './views/pages.js';

/**
 * Area alerts for citizens: the subscribe page (e-mail without JavaScript, push where the browser can), the page
 * after subscribing by e-mail, and the manage page behind the token (GET only shows buttons: mail scanners follow
 * links; POST confirms or ends).
 */
export default async function reportAlertPages(app: App, deps: Deps): Promise<void> {
  const m = deps.config.municipality.id;
  const writes = { rateLimit: { max: deps.config.rateLimit.publicWritesPerMinute, timeWindow: '1 minute' } };
  const reads = { rateLimit: { max: deps.config.rateLimit.apiPerMinute, timeWindow: '1 minute' } };

  app.get(alertsPath, { schema: { hide: true }, config: reads }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    const districts = await selectDistrictOptions(deps.db, m);
    return sendHtml(reply, <SubscribePage ctx={ctx} districts={districts} values={emptyAlertForm} />);
  });

  app.post(alertsPath, { schema: { hide: true, body: formBodySchema }, config: writes }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    const b = request.body;
    const values: AlertFormValues = {
      area: text(b, 'area'),
      districtId: text(b, 'districtId'),
      address: text(b, 'address'),
      addressId: text(b, 'addressId'),
      radius: text(b, 'radius'),
      email: text(b, 'email'),
    };
    const outcome = await submit(() =>
      subscribeByEmail(deps, {
        area: values.area,
        districtId: idOf(values.districtId),
        address: values.address,
        addressId: idOf(values.addressId),
        radius: /^\d{1,5}$/.test(values.radius) ? Number(values.radius) : undefined,
        email: values.email,
        language: ctx.i18n.lang,
      }),
    );
    if (outcome.ok) return reply.redirect(alertSentPath, 303);
    const districts = await selectDistrictOptions(deps.db, m);
    return sendHtml(
      reply,
      <SubscribePage ctx={ctx} districts={districts} values={values} errors={outcome.errors} />,
      outcome.status,
    );
  });

  app.get(alertSentPath, { schema: { hide: true }, config: reads }, async (request, reply) => {
    privatePage(reply);
    return sendHtml(reply, <SentPage ctx={pageContext(request, reply)} />);
  });

  app.get(alertEndedPath, { schema: { hide: true }, config: reads }, async (request, reply) => {
    privatePage(reply);
    return sendHtml(reply, <EndedPage ctx={pageContext(request, reply)} />);
  });

  const view = { hide: true, params: tokenParamsSchema, querystring: pageQuerySchema };
  app.get(`${alertsPath}/:token`, { schema: view, config: reads }, async (request, reply) => {
    privatePage(reply);
    const { token } = request.params;
    const alert = await findAlertByToken(deps, token);
    if (!alert) throw notFound('Alert');
    const q = request.query;
    const done = q.bestaetigt !== undefined ? 'confirmed' : q.beendet !== undefined ? 'ended' : undefined;
    return sendHtml(
      reply,
      <ManagePage
        ctx={pageContext(request, reply)}
        action={alertManagePath(token)}
        alert={alert}
        {...(done ? { done } : {})}
      />,
    );
  });

  const form = { hide: true, params: tokenParamsSchema, body: formBodySchema };
  app.post(`${alertsPath}/:token/bestaetigen`, { schema: form, config: writes }, async (request, reply) => {
    privatePage(reply);
    const { token } = request.params;
    const confirmed = await confirmAlert(deps, token);
    return reply.redirect(`${alertManagePath(token)}${confirmed ? '?bestaetigt' : ''}`, 303);
  });

  app.post(`${alertsPath}/:token/abbestellen`, { schema: form, config: writes }, async (request, reply) => {
    privatePage(reply);
    const { token } = request.params;
    await unsubscribeAlert(deps, token, { all: text(request.body, 'scope') === 'all' });
    // A push alert may be gone with its subscription (its browser had nothing else with us).
    const still = await findAlertByToken(deps, token);
    return reply.redirect(still ? `${alertManagePath(token)}?beendet` : alertEndedPath, 303);
  });
}
