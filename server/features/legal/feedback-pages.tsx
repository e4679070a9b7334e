import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App, Deps } from '../../platform/deps.js';
import type { FieldErrors } from '../../platform/errors.js';
import { submit } from '../../platform/http/forms.js';
import { formBodySchema, type PageQuery, pageQuerySchema } from '../../platform/http/page-schemas.js';
import { pageContext } from '../../platform/views/context.js';
import { sendHtml } from '../../platform/views/render.js';
import { feedbackLimits, submitFeedback } from './feedback-service.js';
import { emptyFeedback, FeedbackFormPage, FeedbackThanksPage, type FeedbackValues } from './views/feedback.js';

const formPath = '/barrierefreiheit/rueckmeldung';
const thanksPath = '/barrierefreiheit/rueckmeldung/danke';

/** A form field as a string (a repeated field counts with its first value), cut to a sane length. */
function field(body: PageQuery, name: string, max = 20_000): string {
  const v = body[name];
  const s = Array.isArray(v) ? v[0] : v;
  return (s ?? '').slice(0, max);
}

/** The feedback form on barriers (BITV NRW feedback mechanism) and its thank-you page. */
export default async function feedbackPages(app: App, deps: Deps): Promise<void> {
  const writes = { rateLimit: { max: deps.config.rateLimit.publicWritesPerMinute, timeWindow: '1 minute' } };

  function render(request: FastifyRequest, reply: FastifyReply, values: FeedbackValues, errors: FieldErrors = {}) {
    const status = Object.keys(errors).length > 0 ? 400 : 200;
    return sendHtml(
      reply,
      <FeedbackFormPage ctx={pageContext(request, reply)} values={values} errors={errors} />,
      status,
    );
  }

  app.get(formPath, { schema: { hide: true, querystring: pageQuerySchema } }, async (request, reply) => {
    const values = emptyFeedback();
    values.page = field(request.query, 'seite', feedbackLimits.page);
    return render(request, reply, values);
  });

  app.post(formPath, { schema: { hide: true, body: formBodySchema }, config: writes }, async (request, reply) => {
    const body = request.body;
    const values: FeedbackValues = {
      page: field(body, 'page'),
      message: field(body, 'message'),
      name: field(body, 'name'),
      email: field(body, 'email'),
      consent: field(body, 'consent') === '1',
      website: field(body, 'website'),
    };
    const result = await submit(() => submitFeedback(deps, { ...values, language: request.i18n.lang }));
    if (!result.ok) return render(request, reply, values, result.errors);
    return reply.redirect(thanksPath, 303);
  });

  app.get(thanksPath, { schema: { hide: true } }, async (request, reply) =>
    sendHtml(reply, <FeedbackThanksPage ctx={pageContext(request, reply)} />),
  );
}
