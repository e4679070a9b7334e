import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverPending } from '../../platform/push/index.js';
import { buildTestApp, countRows, type TestApp } from '../../test/app.js';
import { createReport } from '../../test/factories/reports.js';
import { type LocalPushService, startPushService } from '../../test/push-service.js';
import { appendEvent } from './core/events.js';

// Following a report by push spans rooms: intake (the API on the status link), notify (the push on a public
// status change), retention (the follow goes with the personal data).

const log = pino({ level: 'silent' });
const day = 24 * 3600 * 1000;
const t0 = new Date('2026-03-02T09:00:00Z');

let service: LocalPushService;
let t: TestApp;
beforeAll(async () => {
  service = await startPushService({ protocol: 'http' });
  t = await buildTestApp({ now: t0, env: { RATE_LIMIT_PUBLIC_WRITES_PER_MINUTE: '1000' } });
});
afterAll(async () => {
  await t?.close();
  await service?.close();
});

async function follow(token: string, language = 'de') {
  const receiver = service.subscribe();
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/reports/status/${token}/push`,
    headers: { 'content-type': 'application/json' },
    payload: { subscription: { endpoint: receiver.endpoint, keys: receiver.keys }, language },
  });
  return { res, receiverId: receiver.id };
}

async function changeStatus(reportId: number, statusFrom: string, statusTo: string): Promise<number> {
  return t.db.transaction(async (tx) => {
    await tx.query('UPDATE reports SET status = $2 WHERE id = $1', [reportId, statusTo]);
    return appendEvent(tx, {
      municipalityId: t.config.municipality.id,
      reportId,
      kind: 'status',
      statusFrom,
      statusTo,
      public: true,
      at: t.deps.now(),
    });
  });
}

const notify = (eventId: number) => t.queue.runNow('reports.notify-status', { eventId }, { dryRun: false, log });
const arrivals = (id: string) =>
  service.received.filter((m) => m.subscriptionId === id).map((m) => JSON.parse(m.payload));

describe('following a report by push', () => {
  it('sends the reference and the new status in each follower language, with a public URL, once per change', async () => {
    const report = await createReport(t.deps, { status: 'received' });
    const de = await follow(report.statusToken);
    expect(de.res.statusCode).toBe(201);
    const en = await follow(report.statusToken, 'en');
    const page = await t.app.inject({
      url: `/meldungen/status/${report.statusToken}`,
      headers: { accept: 'text/html' },
    });
    expect(page.body).toContain(`data-push-opt-in="/api/reports/status/${report.statusToken}/push"`);

    const eventId = await changeStatus(report.id, 'received', 'in_progress');
    expect(await notify(eventId)).toMatchObject({ pushed: 2 });
    expect(await notify(eventId)).not.toHaveProperty('pushed'); // a retried job queues nothing twice
    await deliverPending(t.deps);
    const url = `${t.config.publicUrl}/meldungen/${report.reference}`;
    expect(arrivals(de.receiverId)).toEqual([
      { title: `Meldung ${report.reference}`, body: 'Neuer Status: In Bearbeitung', url, tag: `report-${report.id}` },
    ]);
    expect(arrivals(en.receiverId)).toEqual([
      { title: `Report ${report.reference}`, body: 'New status: In progress', url, tag: `report-${report.id}` },
    ]);
    expect(JSON.stringify(arrivals(de.receiverId))).not.toContain(report.statusToken);
  });

  it('refuses unknown tokens and bad subscriptions', async () => {
    expect((await follow('A'.repeat(43))).res.statusCode).toBe(404);
    const report = await createReport(t.deps, { status: 'received' });
    const bad = await t.app.inject({
      method: 'POST',
      url: `/api/reports/status/${report.statusToken}/push`,
      headers: { 'content-type': 'application/json' },
      payload: { subscription: { endpoint: 'https://push.example/x', keys: { p256dh: 'AAAA', auth: 'AAAA' } } },
    });
    expect(bad.statusCode).toBe(400);
    expect(
      await countRows(t.db, 'SELECT count(*)::int AS n FROM report_push_follows WHERE report_id = $1', [report.id]),
    ).toBe(0);
  });

  it('the retention sweep deletes the follows with the personal data', async () => {
    const report = await createReport(t.deps, { status: 'done' });
    await follow(report.statusToken);
    const follows = () =>
      countRows(t.db, 'SELECT count(*)::int AS n FROM report_push_follows WHERE report_id = $1', [report.id]);
    expect(await follows()).toBe(1);
    await t.db.query('UPDATE reports SET closed_at = $2 WHERE id = $1', [report.id, t0]);
    t.clock.now = new Date(t0.getTime() + 400 * day);
    await t.queue.runNow('reports.anonymise', {}, { dryRun: false, log });
    expect(await follows()).toBe(0);
    expect((await follow(report.statusToken)).res.statusCode).toBe(404);
  });
});
