import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pushTestBed } from '../../test/push.js';
import { type LocalPushService, startPushService } from '../../test/push-service.js';
import type { Queryable } from '../db.js';
import { deliverPending } from './deliver.js';
import { listDailyCounts } from './outbox-queries.js';
import { createPushSender, type PushSender } from './sender.js';
import { enqueuePush } from './service.js';

// Answers of the push service and what they do to messages and subscriptions. The clock is pinned: a retry is
// checked through next_attempt_at and by moving the clock, never by waiting.

let service: LocalPushService;
let sender: PushSender;
beforeAll(async () => {
  service = await startPushService();
});
afterAll(async () => {
  await service.close();
});

const message = (subscriptionId: number, key: string, extra: object = {}) => ({
  subscriptionId,
  dedupeKey: key,
  topic: 'waste',
  payload: { key },
  ttl: 3600,
  urgency: 'normal' as const,
  ...extra,
});

async function outbox(db: Queryable, subscriptionId: number) {
  const { rows } = await db.query<{ state: string; attempts: number; next_attempt_at: Date; last_error: string }>(
    'SELECT state, attempts, next_attempt_at, last_error FROM push_outbox WHERE subscription_id = $1 ORDER BY id',
    [subscriptionId],
  );
  return rows;
}

async function setup() {
  const bed = await pushTestBed({ now: '2026-03-29T16:00:00Z' });
  sender = createPushSender(bed.deps.config.push, { ca: service.cert! });
  const deliver = () => deliverPending(bed.deps, { sender });
  return { bed, deliver };
}

describe('answers of the push service', () => {
  it('404/410 delete the subscription with its queued messages and count it as gone', async () => {
    const { bed, deliver } = await setup();
    const gone = await bed.subscribe(service);
    const alive = await bed.subscribe(service);
    service.program(gone.receiverId, { status: 410, times: Number.POSITIVE_INFINITY });
    await bed.deps.db.transaction((tx) =>
      enqueuePush(tx, bed.municipalityId, [message(gone.id, 'g1'), message(alive.id, 'a1')]),
    );
    expect(await deliver()).toMatchObject({ sent: 1, gone: 1, failed: 0 });
    const { rows } = await bed.deps.db.query('SELECT id FROM push_subscriptions WHERE municipality_id = $1', [
      bed.municipalityId,
    ]);
    expect(rows).toEqual([{ id: alive.id }]);
    expect(await outbox(bed.deps.db, gone.id)).toEqual([]);
    const [counts] = await listDailyCounts(bed.deps.db, bed.municipalityId, '2026-03-29', '2026-03-29');
    expect(counts).toMatchObject({ sent: 2, accepted: 1, gone: 1, failed: 0 });
  });

  it('429 with Retry-After delays the retry by at least that and pauses the origin; then it arrives once', async () => {
    const { bed, deliver } = await setup();
    const a = await bed.subscribe(service);
    const b = await bed.subscribe(service);
    service.program(a.receiverId, { status: 429, retryAfter: '600' });
    // b is claimed in the same batch but sent after a's 429 only when concurrency is 1.
    bed.deps.config.push = { ...bed.deps.config.push, concurrency: 1 };
    await bed.deps.db.transaction((tx) =>
      enqueuePush(tx, bed.municipalityId, [message(a.id, 'a1'), message(b.id, 'b1')]),
    );
    const start = bed.clock.now.getTime();
    expect(await deliver()).toMatchObject({ sent: 0, retried: 1, deferred: 1 });
    const [first] = await outbox(bed.deps.db, a.id);
    expect(first).toMatchObject({ state: 'pending', attempts: 1, last_error: 'HTTP 429' });
    expect(first!.next_attempt_at.getTime() - start).toBeGreaterThanOrEqual(600_000);
    const [deferred] = await outbox(bed.deps.db, b.id);
    expect(deferred).toMatchObject({ state: 'pending', attempts: 0 });
    expect(deferred!.next_attempt_at.getTime() - start).toBeGreaterThanOrEqual(600_000);

    bed.clock.advance(599_000);
    expect(await deliver()).toMatchObject({ sent: 0, retried: 0 });
    bed.clock.advance(1_000);
    expect(await deliver()).toMatchObject({ sent: 2 });
    expect(service.counts.get(a.receiverId)).toBe(1);
    expect(service.counts.get(b.receiverId)).toBe(1);
    expect(await outbox(bed.deps.db, a.id)).toMatchObject([{ state: 'sent', attempts: 2 }]);
  });

  it('429 with an HTTP date as Retry-After waits until that date', async () => {
    const { bed, deliver } = await setup();
    const a = await bed.subscribe(service);
    const until = new Date(bed.clock.now.getTime() + 3 * 3600_000);
    service.program(a.receiverId, { status: 429, retryAfter: until.toUTCString() });
    await bed.deps.db.transaction((tx) => enqueuePush(tx, bed.municipalityId, [message(a.id, 'a1')]));
    await deliver();
    expect((await outbox(bed.deps.db, a.id))[0]!.next_attempt_at).toEqual(until);
  });

  it('5xx backs off exponentially and gives up after PUSH_MAX_ATTEMPTS, counting a failure', async () => {
    const { bed, deliver } = await setup();
    bed.deps.config.push = { ...bed.deps.config.push, maxAttempts: 3 };
    const a = await bed.subscribe(service);
    service.program(a.receiverId, { status: 503, times: 3 });
    await bed.deps.db.transaction((tx) => enqueuePush(tx, bed.municipalityId, [message(a.id, 'a1')]));
    const waits: number[] = [];
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      const before = bed.clock.now.getTime();
      await deliver();
      const [row] = await outbox(bed.deps.db, a.id);
      if (row!.state === 'pending') {
        waits.push(row!.next_attempt_at.getTime() - before);
        bed.clock.now = row!.next_attempt_at;
      }
    }
    expect(waits).toEqual([30_000, 60_000]);
    expect(await outbox(bed.deps.db, a.id)).toMatchObject([
      { state: 'failed', attempts: 3, last_error: 'HTTP 503 (attempts exhausted)' },
    ]);
    const { rows } = await bed.deps.db.query(
      'SELECT failures, last_failure_reason FROM push_subscriptions WHERE id = $1',
      [a.id],
    );
    expect(rows[0]).toEqual({ failures: 3, last_failure_reason: 'HTTP 503 (attempts exhausted)' });
    expect(service.counts.get(a.receiverId)).toBeUndefined();
  });

  it('413 fails at once and is not retried', async () => {
    const { bed, deliver } = await setup();
    const a = await bed.subscribe(service);
    service.program(a.receiverId, { status: 413 });
    await bed.deps.db.transaction((tx) => enqueuePush(tx, bed.municipalityId, [message(a.id, 'a1')]));
    expect(await deliver()).toMatchObject({ failed: 1, retried: 0 });
    bed.clock.advance(24 * 3600_000);
    expect(await deliver()).toMatchObject({ sent: 0, failed: 0 });
    expect(await outbox(bed.deps.db, a.id)).toMatchObject([{ state: 'failed', attempts: 1, last_error: 'HTTP 413' }]);
  });

  it('a newer message with the same Topic replaces the pending one; a repeated dedupe key is skipped', async () => {
    const { bed, deliver } = await setup();
    const a = await bed.subscribe(service);
    const enqueue = (key: string, day: string) =>
      bed.deps.db.transaction((tx) =>
        enqueuePush(tx, bed.municipalityId, [message(a.id, key, { pushTopic: 'waste-reminder', payload: { day } })]),
      );
    expect(await enqueue('r:2026-03-31', '2026-03-31')).toBe(1);
    expect(await enqueue('r:2026-04-01', '2026-04-01')).toBe(1);
    expect(await enqueue('r:2026-04-01', '2026-04-01')).toBe(0);
    await deliver();
    const got = service.received.filter((m) => m.subscriptionId === a.receiverId);
    expect(got.map((m) => JSON.parse(m.payload))).toEqual([{ day: '2026-04-01' }]);
    expect(got[0]!.headers.topic).toBe('waste-reminder');
  });
});
