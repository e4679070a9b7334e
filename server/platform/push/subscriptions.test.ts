import { createECDH, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { countRows } from '../../test/app.js';
import { pushTestBed } from '../../test/push.js';
import {
  enqueuePush,
  findPushSubscriptionByManageToken,
  removePushSubscription,
  removeSubscriptionTopic,
  savePushSubscription,
} from './service.js';

const subscription = (n: number) => ({
  endpoint: `https://push.example.org/up/${n}`,
  keys: {
    p256dh: createECDH('prime256v1').generateKeys().toString('base64url'),
    auth: randomBytes(16).toString('base64url'),
  },
});

describe('subscriptions of several features', () => {
  it('a feature leaving drops only its pending messages; the last one leaving deletes the subscription', async () => {
    const bed = await pushTestBed();
    const { db } = bed.deps;
    const m = bed.municipalityId;
    const sub = subscription(1);
    const { id } = await savePushSubscription(bed.deps, m, sub, 'waste');
    await savePushSubscription(bed.deps, m, sub, 'reports');
    const msg = (topic: string) => ({
      subscriptionId: id,
      dedupeKey: topic,
      topic,
      payload: {},
      ttl: 60,
      urgency: 'low' as const,
    });
    await db.transaction((tx) => enqueuePush(tx, m, [msg('waste'), msg('reports')]));
    const pending = (topic: string) =>
      countRows(db, 'SELECT count(*)::int AS n FROM push_outbox WHERE subscription_id = $1 AND topic = $2', [
        id,
        topic,
      ]);

    expect(await removeSubscriptionTopic(db, m, sub.endpoint, 'waste')).toEqual(['reports']);
    expect([await pending('waste'), await pending('reports')]).toEqual([0, 1]);
    expect(await removeSubscriptionTopic(db, m, id, 'reports')).toEqual([]);
    expect(await countRows(db, 'SELECT count(*)::int AS n FROM push_subscriptions WHERE id = $1', [id])).toBe(0);
    expect(await pending('reports')).toBe(0);
    expect(await removeSubscriptionTopic(db, m, id, 'reports')).toBeUndefined();
  });

  it('is removed by endpoint or id, only within its municipality, and found by its manage token', async () => {
    const bed = await pushTestBed();
    const other = await pushTestBed();
    const sub = subscription(2);
    const saved = await savePushSubscription(bed.deps, bed.municipalityId, sub, 'waste', { manageToken: true });
    expect((await findPushSubscriptionByManageToken(bed.deps.db, bed.municipalityId, saved.manageToken!))?.id).toBe(
      saved.id,
    );
    expect(await findPushSubscriptionByManageToken(bed.deps.db, bed.municipalityId, 'wrong')).toBeUndefined();
    expect(await removePushSubscription(bed.deps.db, other.municipalityId, sub.endpoint)).toBe(false);
    expect(await removePushSubscription(bed.deps.db, bed.municipalityId, sub.endpoint)).toBe(true);
    const again = await savePushSubscription(bed.deps, bed.municipalityId, sub, 'waste');
    expect(await removePushSubscription(bed.deps.db, bed.municipalityId, again.id)).toBe(true);
    expect(await removePushSubscription(bed.deps.db, bed.municipalityId, again.id)).toBe(false);
  });
});
