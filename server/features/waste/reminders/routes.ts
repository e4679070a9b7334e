import type { App, Deps } from '../../../platform/deps.js';
import { bodyLanguage, translateErrorsByBodyLanguage } from '../../../platform/http/body-language-errors.js';
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
    translateErrorsByBodyLanguage(scope, m, 'waste-reminders.');

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
        const language = bodyLanguage(m, b.language, request);
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
