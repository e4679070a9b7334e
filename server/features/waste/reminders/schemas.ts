import { type Static, Type as T } from '@sinclair/typebox';
import { supportedLanguages } from '../../../platform/i18n.js';
import { pushSubscriptionSchema } from '../../../platform/push/schemas.js';
import { reminderModes } from './slots.js';

// The reminders API: the browser's PushSubscription (toJSON) and the citizen's choices.

export const reminderBodySchema = T.Object(
  {
    subscription: pushSubscriptionSchema,
    addressId: T.Integer({ minimum: 1 }),
    bins: T.Array(T.String({ maxLength: 40 }), { maxItems: 20, description: 'bin type keys' }),
    mode: T.Union(
      reminderModes.map((m) => T.Literal(m)),
      { description: 'evening: the day before; morning: the collection day' },
    ),
    time: T.String({
      pattern: '^[0-9]{2}:[0-9]{2}$',
      description: "'HH:MM': evenings 16:00–22:00, mornings 05:00 or 05:30",
    }),
    language: T.Optional(T.Union(supportedLanguages.map((l) => T.Literal(l)))),
  },
  { additionalProperties: false },
);
export type ReminderBody = Static<typeof reminderBodySchema>;

export const reminderCreatedSchema = T.Object({
  managePath: T.String({ description: 'change or cancel page (keep it: it is the only key to this reminder)' }),
  manageUrl: T.String(),
});

export const vapidKeySchema = T.Object({
  publicKey: T.String({ description: 'base64url VAPID public key: the applicationServerKey' }),
});
