import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows } from '../../test/app.js';
import { pushTestBed } from '../../test/push.js';
import { type LocalPushService, startPushService } from '../../test/push-service.js';
import { deliverPending } from './deliver.js';
import { listDailyCounts } from './outbox-queries.js';
import { createPushSender } from './sender.js';
import { enqueuePush, getVapidPublicKey } from './service.js';

let h2: LocalPushService;
let h1: LocalPushService;
let tlsH1: LocalPushService;
beforeAll(async () => {
  [h2, h1, tlsH1] = await Promise.all([
    startPushService(),
    startPushService({ protocol: 'http' }),
    startPushService({ http2: false }),
  ]);
});
afterAll(async () => {
  await Promise.all([h2.close(), h1.close(), tlsH1.close()]);
});

const message = (subscriptionId: number, n: number, extra: object = {}) => ({
  subscriptionId,
  dedupeKey: `test:${subscriptionId}:${n}`,
  topic: 'waste',
  payload: { title: 'Morgen: Restabfall', n },
  ttl: 43_200,
  urgency: 'high' as const,
  ...extra,
});

describe('delivery through the local push service', () => {
  it('encrypts so the subscriber decrypts, over HTTP/2 and HTTP/1.1, with TTL, Urgency and Topic', async () => {
    const bed = await pushTestBed();
    const a = await bed.subscribe(h2);
    const b = await bed.subscribe(h1);
    const c = await bed.subscribe(tlsH1);
    await bed.deps.db.transaction((tx) =>
      enqueuePush(tx, bed.municipalityId, [
        message(a.id, 1, { pushTopic: 'waste-2026-12-07' }),
        message(b.id, 1),
        message(c.id, 1, { urgency: 'low' }),
      ]),
    );
    const sender = createPushSender(bed.deps.config.push, { ca: [h2.cert!, tlsH1.cert!] });
    const result = await deliverPending(bed.deps, { sender });
    sender.close();
    expect(result).toMatchObject({ sent: 3, gone: 0, failed: 0, retried: 0 });

    const [atH2] = h2.received.filter((m) => m.subscriptionId === a.receiverId);
    expect(JSON.parse(atH2!.payload)).toEqual({ title: 'Morgen: Restabfall', n: 1 });
    expect(atH2!.headers).toEqual({ ttl: '43200', urgency: 'high', topic: 'waste-2026-12-07' });
    expect(atH2!.protocol).toBe('h2');
    const [atH1] = h1.received.filter((m) => m.subscriptionId === b.receiverId);
    expect(atH1).toMatchObject({ protocol: 'http/1.1', headers: { topic: undefined } });
    const [atTls] = tlsH1.received.filter((m) => m.subscriptionId === c.receiverId);
    expect(atTls).toMatchObject({ protocol: 'http/1.1', headers: { urgency: 'low' } });
    expect(sender.transport.protocols()).toEqual(
      new Map([
        [h2.origin, 'h2'],
        [h1.origin, 'http/1.1'],
        [tlsH1.origin, 'http/1.1'],
      ]),
    );
  });

  it('encrypts on a worker thread when configured: each subscriber decrypts its own message', async () => {
    const bed = await pushTestBed();
    const subs = await Promise.all([1, 2, 3, 4, 5].map(() => bed.subscribe(h2)));
    await bed.deps.db.transaction((tx) =>
      enqueuePush(
        tx,
        bed.municipalityId,
        subs.map((s, i) => message(s.id, i)),
      ),
    );
    const sender = createPushSender({ ...bed.deps.config.push, encryptThreads: 1 }, { ca: h2.cert! });
    const result = await deliverPending(bed.deps, { sender });
    sender.close();
    expect(sender.encryptor.threads).toBe(1);
    expect(result).toMatchObject({ sent: 5, failed: 0 });
    for (const [i, s] of subs.entries()) {
      const got = h2.received.filter((m) => m.subscriptionId === s.receiverId).map((m) => JSON.parse(m.payload));
      expect(got).toEqual([{ title: 'Morgen: Restabfall', n: i }]);
    }
  });

  it('signs one VAPID token per origin and reuses it; the service verifies it with the stored public key', async () => {
    const bed = await pushTestBed();
    const subs = await Promise.all([1, 2, 3, 4].map(() => bed.subscribe(h2)));
    const other = await bed.subscribe(h1);
    const sender = createPushSender(bed.deps.config.push, { ca: h2.cert! });
    const before = h2.tokensVerified();
    for (const round of [1, 2]) {
      await bed.deps.db.transaction((tx) =>
        enqueuePush(
          tx,
          bed.municipalityId,
          [...subs, other].map((s) => message(s.id, round)),
        ),
      );
      expect(await deliverPending(bed.deps, { sender })).toMatchObject({ sent: 5 });
    }
    sender.close();
    expect(sender.signer.signatures).toBe(2);
    expect(h2.tokensVerified() - before).toBe(1);
    expect(await getVapidPublicKey(bed.deps)).toMatch(/^B[A-Za-z0-9_-]{86}$/);
  });

  it('records success on the subscription and in the daily counts per topic and local day', async () => {
    const bed = await pushTestBed({ now: '2026-12-06T23:30:00Z' }); // 00:30 on 7 December in Bielefeld
    const a = await bed.subscribe(h1);
    const b = await bed.subscribe(h1, 'reports');
    await bed.deps.db.transaction((tx) =>
      enqueuePush(tx, bed.municipalityId, [
        message(a.id, 1),
        message(a.id, 2),
        { ...message(b.id, 1), topic: 'reports' },
      ]),
    );
    expect(await deliverPending(bed.deps)).toMatchObject({ sent: 3 });
    const counts = await listDailyCounts(bed.deps.db, bed.municipalityId, '2026-12-01', '2026-12-31');
    expect(counts).toEqual([
      { day: '2026-12-07', topic: 'reports', sent: 1, accepted: 1, gone: 0, failed: 0 },
      { day: '2026-12-07', topic: 'waste', sent: 2, accepted: 2, gone: 0, failed: 0 },
    ]);
    const { rows } = await bed.deps.db.query<{ last_success_at: Date; failures: number }>(
      'SELECT last_success_at, failures FROM push_subscriptions WHERE id = $1',
      [a.id],
    );
    expect(rows[0]).toEqual({ last_success_at: new Date('2026-12-06T23:30:00Z'), failures: 0 });
    expect(
      await countRows(
        bed.deps.db,
        `SELECT count(*)::int AS n FROM push_outbox WHERE subscription_id = $1 AND state = 'sent'`,
        [a.id],
      ),
    ).toBe(2);
  });

  it('is checked the same way by a service that decrypts after answering, as bench:push runs it', async () => {
    const later = await startPushService({ record: false, decrypt: 'deferred' });
    try {
      const bed = await pushTestBed();
      const a = await bed.subscribe(later);
      const b = await bed.subscribe(later);
      // b's stored key is another subscriber's: the service cannot tell before it decrypts.
      const { keys } = later.subscribe();
      await bed.deps.db.query('UPDATE push_subscriptions SET p256dh = $2 WHERE id = $1', [b.id, keys.p256dh]);
      await bed.deps.db.transaction((tx) => enqueuePush(tx, bed.municipalityId, [message(a.id, 1), message(b.id, 1)]));
      const sender = createPushSender(bed.deps.config.push, { ca: later.cert! });
      const result = await deliverPending(bed.deps, { sender });
      sender.close();
      expect(result).toMatchObject({ sent: 2, failed: 0 });
      expect(later.verifyDeferred()).toEqual({
        decrypted: 1,
        failed: [{ subscriptionId: b.receiverId, reason: expect.stringMatching(/auth|decrypt/i) }],
      });
      expect(later.verifyDeferred()).toEqual({ decrypted: 0, failed: [] });
    } finally {
      await later.close();
    }
  });
});
