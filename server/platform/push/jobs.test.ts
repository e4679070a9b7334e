import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobDefinitions } from '../../jobs.js';
import { buildTestApp, countRows, type TestApp } from '../../test/app.js';
import { type LocalPushService, startPushService } from '../../test/push-service.js';
import { deleteOldPushMessagesJob, deliverPushJob } from './jobs.js';
import { enqueuePush, savePushSubscription } from './service.js';

let t: TestApp;
let service: LocalPushService;
beforeAll(async () => {
  [t, service] = await Promise.all([
    buildTestApp({ now: '2026-12-06T17:00:00Z' }),
    startPushService({ protocol: 'http' }),
  ]);
});
afterAll(async () => {
  await Promise.all([t.close(), service.close()]);
});

describe('push jobs', () => {
  it('are registered: delivery every two minutes as a safety net, the nightly clean-up', () => {
    expect(jobDefinitions).toContain(deliverPushJob);
    expect(deliverPushJob.schedule?.cron).toBe('*/2 * * * *');
    expect(jobDefinitions).toContain(deleteOldPushMessagesJob);
  });

  it('enqueueing with jobs requests a delivery in the same transaction; the job sends; old messages go later', async () => {
    const m = t.config.municipality.id;
    const receiver = service.subscribe();
    const { id } = await savePushSubscription(t.deps, m, receiver, 'reports');
    const before = (await t.queue.listJobs({ name: 'push.deliver' })).total;
    await t.db.transaction((tx) =>
      enqueuePush(
        tx,
        m,
        [{ subscriptionId: id, dedupeKey: 'job:1', topic: 'reports', payload: { s: 'done' }, ttl: 60, urgency: 'low' }],
        { jobs: t.deps.jobs },
      ),
    );
    expect((await t.queue.listJobs({ name: 'push.deliver' })).total).toBe(before + 1);

    const ctx = { deps: t.deps, log: t.app.log, jobId: 'test', attempt: 1, dryRun: false };
    expect(await deliverPushJob.run({}, ctx)).toMatchObject({ sent: 1 });
    expect(service.received.map((r) => JSON.parse(r.payload))).toEqual([{ s: 'done' }]);

    const rows = () => countRows(t.db, 'SELECT count(*)::int AS n FROM push_outbox WHERE subscription_id = $1', [id]);
    expect(await deleteOldPushMessagesJob.run({}, ctx)).toEqual({ deleted: 0 });
    expect(await rows()).toBe(1);
    t.clock.advance(15 * 24 * 3600_000);
    expect(await deleteOldPushMessagesJob.run({}, ctx)).toMatchObject({ deleted: 1 });
    expect(await rows()).toBe(0);
  });
});
