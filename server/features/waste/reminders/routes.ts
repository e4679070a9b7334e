import type { App, Deps } from '../../../platform/deps.js';
import { toAppError, translateFieldErrors } from '../../../platform/errors.js';
import { i18nFor, negotiateLanguage } from '../../../platform/i18n.js';
import { getVapidPublicKey } from '../../../platform/push/index.js';
import { problemSchema } from '../../addresses/schemas.js';
import { reminderBodySchema, reminderCreatedSchema, vapidKeySchema } from './schemas.js';
import { subscribeWasteReminder } from './service.js';

/**
 * The JSON API of the push opt-in (the browser subscribes, then posts its subscription with the choices). JSON
 * only and no cookies (the API scope), so a cross-site form cannot post here.
 */
export default async function wasteReminderRoutes(app: App, deps: Deps): Promise<void> {
  const m = deps.config.municipality;
  const writes = { rateLimit: { max: deps.config.rateLimit.publicWritesPerMinute, timeWindow: '1 minute' } };
  const reads = { rateLimit: { max: deps.config.rateLimit.apiPerMinute, timeWindow: '1 minute' } };

  await app.register(async (scope: App) => {
    scope.setErrorHandler((error, request) => {
      const body: unknown = request.body;
      const asked = body && typeof body === 'object' ? Reflect.get(body, 'language') : undefined;
      const lang = negotiateLanguage(
        m.languages,
        m.defaultLanguage,
        typeof asked === 'string' ? asked : undefined,
        undefined,
        request.headers['accept-language'],
      );
      throw translateFieldErrors(toAppError(error), i18nFor(lang, m.timeZone).t, 'waste-reminders.');
    });

    scope.get(
      '/api/push/vapid-public-key',
      {
        config: reads,
        schema: {
          tags: ['push'],
          summary: 'The VAPID public key (applicationServerKey) for PushManager.subscribe',
          response: { 200: vapidKeySchema, 429: problemSchema },
        },
      },
      async () => ({ publicKey: await getVapidPublicKey(deps) }),
    );

    scope.post(
      '/api/waste/reminders',
      {
        config: writes,
        schema: {
          tags: ['waste'],
          summary: 'Opt in to push reminders of waste collections at an address',
          body: reminderBodySchema,
          response: { 201: reminderCreatedSchema, 400: problemSchema, 429: problemSchema },
        },
      },
      async (request, reply) => {
        const b = request.body;
        const language = negotiateLanguage(
          m.languages,
          m.defaultLanguage,
          b.language,
          undefined,
          request.headers['accept-language'],
        );
        const { managePath } = await subscribeWasteReminder(deps, {
          subscription: { endpoint: b.subscription.endpoint, keys: b.subscription.keys },
          addressId: b.addressId,
          binTypeKeys: b.bins,
          mode: b.mode,
          time: b.time,
          language,
        });
        reply.header('cache-control', 'no-store');
        return reply
          .code(201)
          .send({ managePath, manageUrl: `${deps.config.publicUrl.replace(/\/$/, '')}${managePath}` });
      },
    );
  });
}
