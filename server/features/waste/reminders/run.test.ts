import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scheduleSlots } from '../../../platform/jobs/schedule.js';
import { deliverPending } from '../../../platform/push/index.js';
import { localParts } from '../../../platform/time.js';
import { buildTestApp, countRows, type TestApp } from '../../../test/app.js';
import { seedTestAddresses } from '../../../test/factories/addresses.js';
import { type ExactCalendar, seedExactCalendar, testAddressId } from '../../../test/factories/waste.js';
import { type LocalPushService, type ReceivedPush, startPushService } from '../../../test/push-service.js';
import { waitFor } from '../../../test/wait.js';
import { forgetWasteCaches } from '../core/cache.js';
import { deleteCollections, upsertCollections } from '../core/collections-queries.js';
import { getReminderFigures } from './figures.js';
import { sendRemindersJob } from './jobs.js';
import { findReminderByToken, subscribeWasteReminder } from './service.js';

// The scheduled run end to end: slots of the job's cron in Europe/Berlin → queued messages → delivered through the
// local push service → decrypted there. Clocks are pinned; the DST days are those of 2027.

let service: LocalPushService;
beforeAll(async () => {
  service = await startPushService({ protocol: 'http' });
});
afterAll(() => service.close());

const tz = 'Europe/Berlin';
const log = pino({ level: 'silent' });
const autumn = { key: '2027-28', startsOn: '2027-10-01', endsOn: '2028-09-30' };

async function setup(now: string, calendars: Omit<ExactCalendar, 'addressId'>[], addresses = ['Herforder Straße 22a']) {
  const t = await buildTestApp({ now });
  await seedTestAddresses(t.deps);
  const ids: number[] = [];
  for (const [i, text] of addresses.entries()) {
    const addressId = await testAddressId(t.deps, text);
    ids.push(addressId);
    await seedExactCalendar(t.deps, { addressId, routeKey: `r${i}`, ...calendars[i]! });
  }
  return { t, addressIds: ids };
}

async function optIn(t: TestApp, addressId: number, mode: string, time: string, bins = ['restabfall', 'papier']) {
  const receiver = service.subscribe();
  const r = await subscribeWasteReminder(t.deps, {
    subscription: { endpoint: receiver.endpoint, keys: receiver.keys },
    addressId,
    binTypeKeys: bins,
    mode,
    time,
    language: 'de',
  });
  return { receiverId: receiver.id, ...r };
}

/** Runs the job for one slot instant (as the scheduler would) and delivers what it queued. */
async function runSlot(t: TestApp, slot: Date) {
  t.clock.now = slot;
  const result = await sendRemindersJob.run({}, { deps: t.deps, slot, dryRun: false, log, jobId: 'test', attempt: 1 });
  await deliverPending(t.deps);
  return result;
}

/** What arrived, with the local wall-clock time of the slot that sent it. */
const slotOf = new Map<ReceivedPush, string>();

/** Every slot of the job's cron in (from, until], run in order as the scheduler would. */
async function runSlots(t: TestApp, from: string, until: string) {
  const slots = scheduleSlots(sendRemindersJob.schedule!.cron, tz, new Date(from), new Date(until));
  for (const slot of slots) {
    const before = service.received.length;
    await runSlot(t, slot);
    for (const m of service.received.slice(before)) slotOf.set(m, wall(slot));
  }
  return slots;
}

const arrivals = (receiverId: string) => service.received.filter((m) => m.subscriptionId === receiverId);
const wall = (d: Date) => {
  const p = localParts(d, tz);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')} ${p.hour}:${String(p.minute).padStart(2, '0')}`;
};

describe('waste.send-reminders through the local push service', () => {
  it('sends one decryptable reminder at the chosen evening hour, listing all chosen bins collected tomorrow', async () => {
    const { t, addressIds } = await setup('2026-12-07T08:00:00Z', [
      { dates: { restabfall: ['2026-12-08', '2026-12-22'], papier: ['2026-12-08'], bioabfall: ['2026-12-08'] } },
    ]);
    const sub = await optIn(t, addressIds[0]!, 'evening', '19:00');
    await runSlots(t, '2026-12-07T12:00:00+01:00', '2026-12-08T12:00:00+01:00');
    const got = arrivals(sub.receiverId);
    expect(got).toHaveLength(1);
    expect(slotOf.get(got[0]!)).toBe('2026-12-07 19:00');
    const payload = JSON.parse(got[0]!.payload);
    expect(payload).toMatchObject({ title: 'Morgen: Restabfall, Papier', tag: `waste-${sub.reminder.id}` });
    expect(payload.body).toContain('Herforder Straße 22a');
    // The notification's link is the reminder's manage link (its HMAC computed in SQL, checked here in JS).
    expect(payload.url).toBe(`${t.config.publicUrl}${sub.managePath}`);
    expect((await findReminderByToken(t.deps, sub.token))?.id).toBe(sub.reminder.id);
    // TTL until 6:00 on the collection morning; Urgency normal in the evening; Topic per reminder.
    expect(got[0]!.headers).toEqual({ ttl: String(11 * 3600), urgency: 'normal', topic: `waste-${sub.reminder.id}` });
    await t.close();
  });

  it('sends nothing for bins not chosen, and one message per address', async () => {
    const { t, addressIds } = await setup(
      '2026-12-07T08:00:00Z',
      [{ dates: { bioabfall: ['2026-12-08'], papier: ['2026-12-08'] } }, { dates: { restabfall: ['2026-12-08'] } }],
      ['Herforder Straße 22a', 'Jöllenbecker Straße 12a'],
    );
    const onlyRest = await optIn(t, addressIds[0]!, 'evening', '18:00', ['restabfall', 'papier']);
    const bioNotChosen = await optIn(t, addressIds[0]!, 'evening', '18:00', ['restabfall']);
    const second = await optIn(t, addressIds[1]!, 'evening', '18:00', ['restabfall']);
    await runSlots(t, '2026-12-07T17:00:00+01:00', '2026-12-07T19:00:00+01:00');
    expect(arrivals(onlyRest.receiverId).map((m) => JSON.parse(m.payload).title)).toEqual(['Morgen: Papier']);
    expect(arrivals(bioNotChosen.receiverId)).toHaveLength(0);
    expect(arrivals(second.receiverId).map((m) => JSON.parse(m.payload).title)).toEqual(['Morgen: Restabfall']);
    await t.close();
  });

  it('one browser with two addresses gets two messages', async () => {
    const { t, addressIds } = await setup(
      '2026-12-07T08:00:00Z',
      [{ dates: { restabfall: ['2026-12-08'] } }, { dates: { papier: ['2026-12-08'] } }],
      ['Herforder Straße 22a', 'Jöllenbecker Straße 12a'],
    );
    const receiver = service.subscribe();
    const subscription = { endpoint: receiver.endpoint, keys: receiver.keys };
    for (const addressId of addressIds) {
      const choices = {
        binTypeKeys: ['restabfall', 'papier'],
        mode: 'evening',
        time: '20:00',
        language: 'de' as const,
      };
      await subscribeWasteReminder(t.deps, { subscription, addressId, ...choices });
    }
    await runSlots(t, '2026-12-07T19:00:00+01:00', '2026-12-07T21:00:00+01:00');
    const titles = arrivals(receiver.id).map((m) => JSON.parse(m.payload).title);
    expect(titles.sort()).toEqual(['Morgen: Papier', 'Morgen: Restabfall']);
    await t.close();
  });

  for (const dst of [
    { name: 'spring (28 Mar 2027)', day: '2027-03-28', next: '2027-03-29', before: '2027-03-27', season: undefined },
    { name: 'autumn (31 Oct 2027)', day: '2027-10-31', next: '2027-11-01', before: '2027-10-30', season: autumn },
  ]) {
    it(`DST ${dst.name}: evening before, morning of, and the day after, each exactly once at its hour`, async () => {
      const { t, addressIds } = await setup(`${dst.before}T06:00:00Z`, [
        { dates: { restabfall: [dst.day], papier: [dst.next] }, ...(dst.season ? { season: dst.season } : {}) },
      ]);
      const id = addressIds[0]!;
      const evening = await optIn(t, id, 'evening', '21:00');
      const morning = await optIn(t, id, 'morning', '05:30');
      const early = await optIn(t, id, 'morning', '05:00');
      await runSlots(t, `${dst.before}T12:00:00Z`, `${dst.next}T12:00:00Z`);
      const seen = (s: { receiverId: string }) =>
        arrivals(s.receiverId).map((m) => `${slotOf.get(m)} ${JSON.parse(m.payload).title}`);
      expect(seen(evening)).toEqual([`${dst.before} 21:00 Morgen: Restabfall`, `${dst.day} 21:00 Morgen: Papier`]);
      expect(seen(morning)).toEqual([`${dst.day} 5:30 Heute: Restabfall`, `${dst.next} 5:30 Heute: Papier`]);
      expect(seen(early)).toEqual([`${dst.day} 5:00 Heute: Restabfall`, `${dst.next} 5:00 Heute: Papier`]);
      // The morning message is urgent and lives until 6:00 (30 minutes).
      expect(arrivals(morning.receiverId)[0]!.headers).toMatchObject({ urgency: 'high', ttl: '1800' });
      await t.close();
    });
  }

  it('a 410 from the push service removes the subscription and its reminders', async () => {
    const { t, addressIds } = await setup('2026-12-07T08:00:00Z', [{ dates: { restabfall: ['2026-12-08'] } }]);
    const sub = await optIn(t, addressIds[0]!, 'evening', '19:00');
    service.program(sub.receiverId, { status: 410, times: Number.POSITIVE_INFINITY });
    const m = t.config.municipality.id;
    const reminders = () =>
      countRows(t.db, 'SELECT count(*)::int AS n FROM waste_reminders WHERE municipality_id = $1', [m]);
    expect(await reminders()).toBe(1);
    await runSlot(t, new Date('2026-12-07T19:00:00+01:00'));
    expect(arrivals(sub.receiverId)).toHaveLength(0);
    expect(await reminders()).toBe(0);
    expect(
      await countRows(t.db, 'SELECT count(*)::int AS n FROM push_subscriptions WHERE municipality_id = $1', [m]),
    ).toBe(0);
    const figures = await getReminderFigures(t.deps);
    expect(figures.activeReminders).toBe(0);
    expect(figures.days[0]).toEqual({ day: '2026-12-07', sent: 1, accepted: 0, gone: 1, failed: 0 });
    expect(figures.lastSevenDays).toEqual({ sent: 1, accepted: 0, gone: 1, failed: 0 });
    await t.close();
  });

  it('a slot run again after a partial delivery sends nothing twice and the rest once', async () => {
    const { t, addressIds } = await setup('2026-12-07T08:00:00Z', [{ dates: { restabfall: ['2026-12-08'] } }]);
    const subs = [];
    for (let i = 0; i < 4; i++) subs.push(await optIn(t, addressIds[0]!, 'evening', '19:00'));
    const slot = new Date('2026-12-07T19:00:00+01:00');
    t.clock.now = slot;
    const ctx = { deps: t.deps, slot, dryRun: false, log, jobId: 'test', attempt: 1 };
    expect(await sendRemindersJob.run({}, ctx)).toMatchObject({ enqueued: 4 });
    // The run is cut off after one message (its process died); the scheduler's retry runs the slot again.
    expect(await deliverPending(t.deps, { limit: 1 })).toMatchObject({ sent: 1 });
    expect(await sendRemindersJob.run({}, { ...ctx, attempt: 2 })).toMatchObject({ enqueued: 0 });
    expect(await deliverPending(t.deps)).toMatchObject({ sent: 3 });
    expect(await sendRemindersJob.run({}, { ...ctx, attempt: 3 })).toMatchObject({ enqueued: 0 });
    await deliverPending(t.deps);
    expect(subs.map((s) => arrivals(s.receiverId).length)).toEqual([1, 1, 1, 1]);
    await t.close();
  });

  it('a date moved by a re-import before delivery replaces the pending reminder (Topic)', async () => {
    const { t, addressIds } = await setup('2026-12-07T08:00:00Z', [
      { dates: { restabfall: ['2026-12-08'], papier: ['2026-12-08'] } },
    ]);
    const sub = await optIn(t, addressIds[0]!, 'evening', '19:00');
    const slot = new Date('2026-12-07T19:00:00+01:00');
    t.clock.now = slot;
    const ctx = { deps: t.deps, slot, dryRun: false, log, jobId: 'test', attempt: 1 };
    expect(await sendRemindersJob.run({}, ctx)).toMatchObject({ enqueued: 1 });
    // Papier moves from Tuesday to Wednesday before the message went out.
    const { rows } = await t.db.query<{ id: number }>(
      `SELECT r.id::int FROM waste_routes r JOIN waste_bin_types b ON b.id = r.bin_type_id
        WHERE r.municipality_id = $1 AND b.key = 'papier'`,
      [t.config.municipality.id],
    );
    const routeId = rows[0]!.id;
    await t.db.transaction(async (tx) => {
      await deleteCollections(tx, [{ routeId, date: '2026-12-08' }]);
      await upsertCollections(tx, t.config.municipality.id, [
        { routeId, date: '2026-12-09', shiftedFrom: '2026-12-08', note: '' },
      ]);
    });
    expect(await sendRemindersJob.run({}, { ...ctx, attempt: 2 })).toMatchObject({ enqueued: 1 });
    const pending = await countRows(
      t.db,
      `SELECT count(*)::int AS n FROM push_outbox WHERE subscription_id = $1 AND state = 'pending'`,
      [sub.reminder.subscriptionId],
    );
    expect(pending).toBe(1);
    await deliverPending(t.deps);
    expect(arrivals(sub.receiverId).map((m) => JSON.parse(m.payload).title)).toEqual(['Morgen: Restabfall']);
    await t.close();
  });
});

describe('a date moved away before delivery', () => {
  it('withdraws the pending reminder when the day has no chosen bin any more', async () => {
    const { t, addressIds } = await setup('2026-12-07T08:00:00Z', [{ dates: { papier: ['2026-12-08'] } }]);
    const sub = await optIn(t, addressIds[0]!, 'evening', '19:00');
    const other = await optIn(t, addressIds[0]!, 'evening', '20:00');
    const slot = new Date('2026-12-07T19:00:00+01:00');
    t.clock.now = slot;
    const ctx = { deps: t.deps, slot, dryRun: false, log, jobId: 'test', attempt: 1 };
    expect(await sendRemindersJob.run({}, ctx)).toMatchObject({ enqueued: 1, withdrawn: 0 });
    const later = new Date('2026-12-07T20:00:00+01:00');
    expect(await sendRemindersJob.run({}, { ...ctx, slot: later })).toMatchObject({ enqueued: 1 });
    const { rows } = await t.db.query<{ id: number }>(
      `SELECT r.id::int FROM waste_routes r WHERE r.municipality_id = $1`,
      [t.config.municipality.id],
    );
    await t.db.transaction(async (tx) => {
      await deleteCollections(tx, [{ routeId: rows[0]!.id, date: '2026-12-08' }]);
      await upsertCollections(tx, t.config.municipality.id, [
        { routeId: rows[0]!.id, date: '2026-12-09', shiftedFrom: '2026-12-08', note: '' },
      ]);
    });
    // The 19:00 slot runs again: its message is withdrawn; the 20:00 slot's is another slot's and stays.
    expect(await sendRemindersJob.run({}, { ...ctx, attempt: 2 })).toMatchObject({ enqueued: 0, withdrawn: 1 });
    await deliverPending(t.deps);
    expect(arrivals(sub.receiverId)).toEqual([]);
    expect(arrivals(other.receiverId)).toHaveLength(1);
    await t.close();
  });
});

describe('after an import', () => {
  it('the current slot runs again, so a changed day replaces the pending reminder', async () => {
    const t = await buildTestApp({ now: '2026-12-07T18:10:00Z' });
    await t.queue.install();
    const before = (await t.queue.listJobs({ name: sendRemindersJob.name })).total;
    forgetWasteCaches(t.config.municipality.id);
    const queued = async () => (await t.queue.listJobs({ name: sendRemindersJob.name })).total === before + 1;
    await waitFor('the slot job to be queued', queued);
    // Another municipality's import does not touch this one's reminders.
    forgetWasteCaches('elsewhere');
    expect((await t.queue.listJobs({ name: sendRemindersJob.name })).total).toBe(before + 1);
    await t.close();
  });
});
