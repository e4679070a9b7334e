import { Type as T } from '@sinclair/typebox';
import type { App, Deps } from '../../../platform/deps.js';
import { notFound } from '../../../platform/errors.js';
import { bodyLanguage, translateErrorsByBodyLanguage } from '../../../platform/http/body-language-errors.js';
import { registerOneClickUnsubscribe } from '../../../platform/http/one-click-unsubscribe.js';
import { idOf } from '../../../platform/http/page-schemas.js';
import { supportedLanguages } from '../../../platform/i18n.js';
import { pushSubscriptionSchema } from '../../../platform/push/schemas.js';
import { problemSchema } from '../../addresses/schemas.js';
import { looksLikeStatusToken } from '../core/status-token.js';
import { alertManagePath, subscribeByPush, unsubscribeOneClick } from './service.js';

/** The push opt-in form's fields as client/push-opt-in.ts posts them (choices as strings, ids maybe as numbers). */
const choice = T.String({ maxLength: 200 });
const alertBody = T.Object(
  {
    subscription: pushSubscriptionSchema,
    area: T.Union([T.Literal('district'), T.Literal('radius')]),
    districtId: T.Optional(choice),
    address: T.Optional(choice),
    addressId: T.Optional(choice),
    radius: T.Optional(choice),
    language: T.Optional(T.Union(supportedLanguages.map((l) => T.Literal(l)))),
  },
  { additionalProperties: false },
);
const createdSchema = T.Object({ managePath: T.String(), manageUrl: T.String() });

/**
 * Area alerts in the API scope: the push subscription (the browser subscribes, then posts it with the area) and
 * RFC 8058 one-click unsubscribe (the token in the URL is the authorisation; a GET only leads to the manage page).
 */
export default async function reportAlertRoutes(app: App, deps: Deps): Promise<void> {
  const m = deps.config.municipality;
  const writes = { rateLimit: { max: deps.config.rateLimit.publicWritesPerMinute, timeWindow: '1 minute' } };

  await app.register(async (scope: App) => {
    translateErrorsByBodyLanguage(scope, m, 'reports-alerts.');

    scope.post(
      '/api/reports/alerts',
      {
        config: writes,
        schema: {
          tags: ['reports'],
          summary: 'Subscribe a browser by push to new public reports in a district or around an address',
          body: alertBody,
          response: { 201: createdSchema, 400: problemSchema, 429: problemSchema },
        },
      },
      async (request, reply) => {
        const b = request.body;
        const language = bodyLanguage(m, b.language, request);
        const radius = b.radius !== undefined && /^\d{1,5}$/.test(b.radius) ? Number(b.radius) : undefined;
        const { managePath } = await subscribeByPush(deps, {
          subscription: { endpoint: b.subscription.endpoint, keys: b.subscription.keys },
          area: b.area,
          districtId: idOf(b.districtId),
          address: b.address,
          addressId: idOf(b.addressId),
          radius,
          language,
        });
        reply.header('cache-control', 'no-store');
        return reply
          .code(201)
          .send({ managePath, manageUrl: `${deps.config.publicUrl.replace(/\/$/, '')}${managePath}` });
      },
    );
  });

  await registerOneClickUnsubscribe(app, deps.config.rateLimit.publicWritesPerMinute, {
    path: '/api/reports/alerts/unsubscribe/:token',
    unsubscribe: (token) => unsubscribeOneClick(deps, token),
    pageFor: async (token) => {
      if (!looksLikeStatusToken(token)) throw notFound('Alert');
      return alertManagePath(token);
    },
  });
}
