import { Type as T } from '@sinclair/typebox';
import type { App, Deps } from '../../../platform/deps.js';
import { supportedLanguages } from '../../../platform/i18n.js';
import { pushSubscriptionSchema } from '../../../platform/push/schemas.js';
import { problemSchema } from '../../addresses/schemas.js';
import { followReportByPush } from '../core/push-follows.js';

const tokenParams = T.Object({ token: T.String({ maxLength: 100 }) });
const followBody = T.Object(
  {
    subscription: pushSubscriptionSchema,
    language: T.Optional(T.Union(supportedLanguages.map((l) => T.Literal(l)))),
  },
  { additionalProperties: false },
);

/**
 * Following a report's status by push, from the receipt or the private status page (the status token is the
 * authorisation). JSON only, no cookies (the API scope).
 */
export default async function reportPushRoutes(app: App, deps: Deps): Promise<void> {
  const writes = { rateLimit: { max: deps.config.rateLimit.publicWritesPerMinute, timeWindow: '1 minute' } };
  app.post(
    '/api/reports/status/:token/push',
    {
      config: writes,
      schema: {
        tags: ['reports'],
        summary: "Follow a report's status by push (reference and new status only)",
        params: tokenParams,
        body: followBody,
        response: {
          201: T.Object({ following: T.Literal(true) }),
          400: problemSchema,
          404: problemSchema,
          429: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const { subscription, language } = request.body;
      const lang = language ?? deps.config.municipality.defaultLanguage;
      await followReportByPush(
        deps,
        request.params.token,
        { endpoint: subscription.endpoint, keys: subscription.keys },
        lang,
      );
      reply.header('cache-control', 'no-store');
      return reply.code(201).send({ following: true as const });
    },
  );
}
