import { Type as T } from '@sinclair/typebox';

// The browser side of a subscription as APIs receive it: PushSubscription.toJSON() (browsers) or the same shape
// from a UnifiedPush distributor. The engine checks the keys and the endpoint (savePushSubscription).

const base64url = (description: string) => T.String({ pattern: '^[A-Za-z0-9_-]+={0,2}$', maxLength: 200, description });

export const pushSubscriptionSchema = T.Object(
  {
    endpoint: T.String({ minLength: 8, maxLength: 2048, description: 'the push service URL (https)' }),
    expirationTime: T.Optional(T.Union([T.Null(), T.Number()])),
    keys: T.Object(
      { p256dh: base64url('P-256 public key of the browser'), auth: base64url('16-byte auth secret') },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false, description: 'PushSubscription.toJSON() of the browser' },
);
