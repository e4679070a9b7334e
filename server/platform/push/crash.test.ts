import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pushTestBed } from '../../test/push.js';
import { type LocalPushService, startPushService } from '../../test/push-service.js';
import { deliverPending } from './deliver.js';
import { listDailyCounts } from './outbox-queries.js';
import { createPushSender } from './sender.js';
import { enqueuePushFromSelect } from './service.js';

let service: LocalPushService;
beforeAll(async () => {
  service = await startPushService();
});
afterAll(() => service.close());

describe('a run that dies in the middle', () => {
  it('sends nothing twice: in-flight messages are given up after the lease, all others arrive once', async () => {
    const bed = await pushTestBed({ now: '2026-10-25T00:30:00Z' }); // the night the clocks go back
    const push = { ...bed.deps.config.push, concurrency: 4, batchSize: 8 };
    bed.deps.config.push = push;
    const subs = await Promise.all(Array.from({ length: 60 }, () => bed.subscribe(service)));
    const enqueue = () =>
      bed.deps.db.transaction((tx) =>
        enqueuePushFromSelect(
          tx,
          bed.municipalityId,
          `SELECT s.id AS subscription_id, 'crash:' || s.id AS dedupe_key, 'waste' AS topic, NULL AS push_topic,
                  jsonb_build_object('n', s.id) AS payload, 3600 AS ttl, 'high' AS urgency
             FROM push_subscriptions s WHERE s.municipality_id = $1`,
          [bed.municipalityId],
        ),
      );
    expect(await enqueue()).toBe(60);

    // The "crash": once 20 messages arrived, the run is stopped while requests are in flight; their answers never
    // reach us, exactly as if the process had died after sending.
    const ours = new Set(subs.map((s) => s.receiverId));
    const crash = new AbortController();
    let arrived = 0;
    const sender = createPushSender(push, { ca: service.cert! });
    service.onMessage = (m) => {
      if (ours.has(m.subscriptionId) && ++arrived === 20) crash.abort();
    };
    const first = await deliverPending(bed.deps, { sender, signal: crash.signal });
    service.onMessage = undefined;
    expect(first.sent).toBeLessThan(20);

    // A resumed run (and a resumed enqueue) right away: the claims of the dead run are still within their lease.
    expect(await enqueue()).toBe(0);
    const second = await deliverPending(bed.deps, { sender });
    const { rows: left } = await bed.deps.db.query<{ id: number; subscription_id: number }>(
      `SELECT id, subscription_id FROM push_outbox WHERE municipality_id = $1 AND state = 'sending'`,
      [bed.municipalityId],
    );
    expect(left.length).toBeGreaterThan(0);
    expect(left.length).toBeLessThanOrEqual(push.concurrency);
    expect(first.sent + second.sent).toBe(60 - left.length);

    // After the lease they are given up, never sent.
    bed.clock.advance(push.leaseSeconds * 1000 + 1000);
    const third = await deliverPending(bed.deps, { sender });
    sender.close();
    expect(third).toMatchObject({ sent: 0, interrupted: left.length });

    const counts = subs.map((s) => service.counts.get(s.receiverId) ?? 0);
    expect(Math.max(...counts)).toBe(1);
    const unsent = new Set(left.map((r) => r.subscription_id));
    for (const s of subs) {
      if (!unsent.has(s.id)) expect(service.counts.get(s.receiverId), `subscription ${s.id}`).toBe(1);
    }
    const { rows: states } = await bed.deps.db.query<{ state: string; n: number }>(
      `SELECT state, count(*)::int AS n FROM push_outbox WHERE municipality_id = $1 GROUP BY state ORDER BY state`,
      [bed.municipalityId],
    );
    expect(states).toEqual([
      { state: 'interrupted', n: left.length },
      { state: 'sent', n: 60 - left.length },
    ]);
    const [day] = await listDailyCounts(bed.deps.db, bed.municipalityId, '2026-10-25', '2026-10-25');
    expect(day).toMatchObject({ accepted: 60 - left.length, failed: left.length });
  });
});
