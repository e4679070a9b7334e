import { randomBytes, randomUUID } from 'node:crypto';
import { Type as T } from '@sinclair/typebox';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { testDb } from '../../test/app.js';
import { testEnv } from '../../test/env.js';
import { waitFor } from '../../test/wait.js';
import { loadConfig } from '../config.js';
import { createQueue, type Queue } from './queue.js';
import { slotJobId } from './schedule.js';
import type { JobDefinition } from './types.js';

const log = pino({ level: 'silent' });
const queues: Queue[] = [];
afterEach(async () => {
  while (queues.length) await queues.pop()?.stop();
});

const empty = T.Object({}, { additionalProperties: false });

function definition(cron: string, run: JobDefinition['run'] = async () => undefined): JobDefinition {
  const name = `test.tick-${randomBytes(3).toString('hex')}`;
  return { name, description: 'tick', payload: empty, schedule: { cron, payload: {} }, run };
}

async function makeQueue(definitions: JobDefinition[], now = () => new Date()): Promise<Queue> {
  const config = loadConfig(testEnv({ JOBS_POLL_SECONDS: '0.5', JOBS_CATCH_UP_MINUTES: '60' }));
  const queue = createQueue({ config, db: await testDb(), now }, definitions);
  await queue.install();
  queues.push(queue);
  return queue;
}

async function recordSlot(name: string, slot: string): Promise<void> {
  const db = await testDb();
  await db.query('INSERT INTO job_schedule_slots (job_name, slot_at, job_id) VALUES ($1, $2, $3)', [
    name,
    slot,
    randomUUID(),
  ]);
}

describe('scheduled slots', () => {
  it('enqueues a slot once, however often and by however many schedulers it is seen', async () => {
    const def = definition('30 2 * * *');
    const a = await makeQueue([def]);
    const b = await makeQueue([def]);
    const after = new Date('2026-10-24T12:00:00Z');
    const until = new Date('2026-10-25T12:00:00Z');
    expect(await a.enqueueDueSlots(def.name, after, until)).toBe(1);
    expect(await a.enqueueDueSlots(def.name, after, until)).toBe(0);
    const both = await Promise.all([
      a.enqueueDueSlots(def.name, after, new Date('2026-10-26T12:00:00Z')),
      b.enqueueDueSlots(def.name, after, new Date('2026-10-26T12:00:00Z')),
    ]);
    expect(both[0] + both[1]).toBe(1);
    const { jobs } = await a.listJobs({ name: def.name });
    expect(jobs.map((j) => [j.id, j.slot?.toISOString()]).sort()).toEqual(
      [
        [slotJobId(def.name, new Date('2026-10-25T00:30:00Z')), '2026-10-25T00:30:00.000Z'],
        [slotJobId(def.name, new Date('2026-10-26T01:30:00Z')), '2026-10-26T01:30:00.000Z'],
      ].sort(),
    );
  });

  it('gives the run its slot', async () => {
    const slots: (Date | undefined)[] = [];
    const def = definition('0 7 * * *', async (_payload, ctx) => {
      slots.push(ctx.slot);
      return { ran: true };
    });
    const queue = await makeQueue([def]);
    expect(
      await queue.enqueueDueSlots(def.name, new Date('2026-06-01T00:00:00Z'), new Date('2026-06-02T00:00:00Z')),
    ).toBe(1);
    await queue.startWorker(log);
    await waitFor('the run', () => slots.length > 0);
    expect(slots.map((s) => s?.toISOString())).toEqual(['2026-06-01T05:00:00.000Z']);
  });
});

describe('startScheduler', () => {
  const now = new Date('2026-06-01T10:00:30Z');

  it('does not backfill the history of a job that never ran on schedule', async () => {
    const def = definition('*/10 * * * *');
    const queue = await makeQueue([def], () => now);
    await queue.startScheduler(log);
    await queue.stop(); // waits for the first check
    expect((await queue.listJobs({ name: def.name })).total).toBe(0);
  });

  it('catches up on slots missed since the latest recorded one', async () => {
    const def = definition('*/10 * * * *');
    await recordSlot(def.name, '2026-06-01T09:20:00Z');
    const queue = await makeQueue([def], () => now);
    await queue.startScheduler(log);
    await queue.stop();
    const { jobs } = await queue.listJobs({ name: def.name });
    expect(jobs.map((j) => j.slot?.toISOString()).sort()).toEqual([
      '2026-06-01T09:30:00.000Z',
      '2026-06-01T09:40:00.000Z',
      '2026-06-01T09:50:00.000Z',
      '2026-06-01T10:00:00.000Z',
    ]);
  });

  it('catches up no further back than the configured window', async () => {
    const def = definition('*/10 * * * *');
    await recordSlot(def.name, '2026-06-01T06:00:00Z');
    const queue = await makeQueue([def], () => now);
    await queue.startScheduler(log);
    await queue.stop();
    const { jobs } = await queue.listJobs({ name: def.name });
    expect(jobs.map((j) => j.slot?.toISOString()).sort()).toEqual([
      '2026-06-01T09:10:00.000Z',
      '2026-06-01T09:20:00.000Z',
      '2026-06-01T09:30:00.000Z',
      '2026-06-01T09:40:00.000Z',
      '2026-06-01T09:50:00.000Z',
      '2026-06-01T10:00:00.000Z',
    ]);
  });
});
