import { Type as T } from '@sinclair/typebox';
import type { App, Deps } from '../../../platform/deps.js';
import { pushSubscriptionSchema } from '../../../platform/push/schemas.js';
import { followByPush } from '../core/notify.js';

const problem = T.Object({ type: T.String(), title: T.String(), status: T.Integer() }, { additionalProperties: true });

/** Following an application by push from its status link (the token is the authorisation). JSON, no cookies. */
export default async function applicationPushRoutes(app: App, deps: Deps): Promise<void> {
  const m = deps.config.municipality.id;
  app.post(
    '/api/applications/status/:token/push',
    {
      config: { rateLimit: { max: deps.config.rateLimit.publicWritesPerMinute, timeWindow: '1 minute' } },
      schema: {
        tags: ['applications'],
        summary: 'Follow an online application by push (its reference and the kind of news only)',
        params: T.Object({ token: T.String({ maxLength: 100 }) }),
        body: T.Object(
          { subscription: pushSubscriptionSchema, language: T.Optional(T.String({ maxLength: 5 })) },
          { additionalProperties: false },
        ),
        response: { 201: T.Object({ following: T.Literal(true) }), 400: problem, 404: problem, 429: problem },
      },
    },
    async (request, reply) => {
      const { subscription } = request.body;
      await followByPush(deps, m, request.params.token, { endpoint: subscription.endpoint, keys: subscription.keys });
      reply.header('cache-control', 'no-store');
      return reply.code(201).send({ following: true as const });
    },
  );
}
