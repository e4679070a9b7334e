import { Type as T } from '@sinclair/typebox';
import type { App, Deps } from '../../../platform/deps.js';
import { bodyLanguage, translateErrorsByBodyLanguage } from '../../../platform/http/body-language-errors.js';
import { supportedLanguages } from '../../../platform/i18n.js';
import { pushSubscriptionSchema } from '../../../platform/push/schemas.js';
import { problemSchema } from '../../addresses/schemas.js';
import { subscribeNewsPush } from './service.js';

const optInBody = T.Object(
  {
    subscription: pushSubscriptionSchema,
    topics: T.Array(T.String({ maxLength: 30 }), { maxItems: 10 }),
    language: T.Optional(T.Union(supportedLanguages.map((l) => T.Literal(l)))),
  },
  { additionalProperties: false },
);
const createdSchema = T.Object({ managePath: T.String(), manageUrl: T.String() });

/** The news push opt-in (the browser subscribes, then posts its subscription with the topics). JSON only. */
export default async function newsPushRoutes(app: App, deps: Deps): Promise<void> {
  const m = deps.config.municipality;
  const writes = { rateLimit: { max: deps.config.rateLimit.publicWritesPerMinute, timeWindow: '1 minute' } };
  await app.register(async (scope: App) => {
    translateErrorsByBodyLanguage(scope, m, 'news.');
    scope.post(
      '/api/news/push',
      {
        config: writes,
        schema: {
          tags: ['news'],
          summary: 'Opt a browser in to push messages of news topics (sent only for items an editor approves)',
          body: optInBody,
          response: { 201: createdSchema, 400: problemSchema, 429: problemSchema },
        },
      },
      async (request, reply) => {
        const b = request.body;
        const { managePath } = await subscribeNewsPush(deps, {
          subscription: { endpoint: b.subscription.endpoint, keys: b.subscription.keys },
          topics: b.topics,
          language: bodyLanguage(m, b.language, request),
        });
        reply.header('cache-control', 'no-store');
        return reply
          .code(201)
          .send({ managePath, manageUrl: `${deps.config.publicUrl.replace(/\/$/, '')}${managePath}` });
      },
    );
  });
}
