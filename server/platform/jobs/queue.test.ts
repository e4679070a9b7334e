import { randomBytes } from 'node:crypto';
import { Type as T } from '@sinclair/typebox';
import pino from 'pino';
import { Registry } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import { testDb } from '../../test/app.js';
import { testEnv } from '../../test/env.js';
import { waitForJob } from '../../test/wait.js';
import { loadConfig } from '../config.js';
import type { Db } from '../db.js';
import { AppError } from '../errors.js';
import { createQueue, type Queue } from './queue.js';
import { defineJob, type JobContext, type JobDefinition } from './types.js';

const log = pino({ level: 'silent' });
const queues: Queue[] = [];

afterEach(async () => {
  while (queues.length) await queues.pop()?.stop();
});

/** A unique job name per test: the tests of this file share one database. */
const jobName = (what: string) => `test.${what}-${randomBytes(3).toString('hex')}`;

async function makeQueue(definitions: JobDefinition[], db?: Db): Promise<Queue> {
  const config = loadConfig(testEnv({ JOBS_POLL_SECONDS: '0.5', JOBS_MAINTENANCE_SECONDS: '1' }));
  const queue = createQueue({ config, db: db ?? (await testDb()), now: () => new Date() }, definitions);
  await queue.install();
  queues.push(queue);
  return queue;
}

const countPayload = T.Object({ count: T.Integer({ minimum: 0 }) }, { additionalProperties: false });

describe('enqueue', () => {
  it('enqueues inside the caller transaction: kept on commit, gone on rollback', async () => {
    const name = jobName('tx');
    const queue = await makeQueue([
      { name, description: 'tx test', payload: countPayload, run: async () => undefined },
    ]);
    const db = await testDb();
    const committed = await db.transaction((tx) => queue.enqueue(name, { count: 1 }, { tx }));
    expect(committed).toMatch(/^[0-9a-f-]{36}$/);
    await expect(
      db.transaction(async (tx) => {
        await queue.enqueue(name, { count: 2 }, { tx });
        throw new Error('business rule failed after enqueue');
      }),
    ).rejects.toThrow('business rule failed');
    const { jobs, total } = await queue.listJobs({ name });
    expect(total).toBe(1);
    expect(jobs.map((j) => [j.id, j.state, j.payload])).toEqual([[committed, 'created', { count: 1 }]]);
  });

  it('rejects a payload that does not match the schema, and unknown jobs', async () => {
    const name = jobName('validate');
    const queue = await makeQueue([{ name, description: 'v', payload: countPayload, run: async () => undefined }]);
    const err = await queue.enqueue(name, { count: -1, extra: true }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('validation_failed');
    expect(Object.keys((err as AppError).details ?? {})).toEqual(expect.arrayContaining(['count']));
    await expect(queue.enqueue('test.unknown', {})).rejects.toMatchObject({ code: 'not_found' });
    expect((await queue.listJobs({ name })).total).toBe(0);
  });

  it('ignores a second enqueue with the same id', async () => {
    const name = jobName('id');
    const queue = await makeQueue([{ name, description: 'id', payload: countPayload, run: async () => undefined }]);
    const id = '0b7c6a4e-1d2f-4a3b-9c8d-7e6f5a4b3c2d';
    expect(await queue.enqueue(name, { count: 1 }, { id })).toBe(id);
    expect(await queue.enqueue(name, { count: 2 }, { id })).toBeNull();
    expect((await queue.getJob(id)).payload).toEqual({ count: 1 });
  });

  it('installs the same new queues from several processes at once (pg-boss alone deadlocks here)', async () => {
    const definitions = [1, 2, 3].map((n) => ({
      name: jobName(`install${n}`),
      description: 'install race',
      payload: countPayload,
      run: async () => undefined,
    }));
    await Promise.all([1, 2, 3, 4].map(() => makeQueue(definitions)));
    const db = await testDb();
    const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM pgboss.queue WHERE name = ANY($1)', [
      definitions.map((d) => d.name),
    ]);
    expect(rows[0]?.n).toBe(3);
  });

  it('refuses definitions that cannot work', () => {
    const config = loadConfig(testEnv());
    const base = { config, db: {} as Db, now: () => new Date() };
    const def = { name: 'test.ok', description: 'x', payload: countPayload, run: async () => undefined };
    expect(() => createQueue(base, [def, def])).toThrow('defined twice');
    expect(() => createQueue(base, [{ ...def, name: 'NoFeature' }])).toThrow('<feature>.<verb-noun>');
    expect(() => createQueue(base, [{ ...def, schedule: { cron: 'every day', payload: { count: 1 } } }])).toThrow();
    expect(() => createQueue(base, [{ ...def, schedule: { cron: '0 3 * * *', payload: {} } }])).toThrow('payload');
    expect(() => createQueue(base, [{ ...def, timeoutSeconds: 90_000 }])).toThrow('timeoutSeconds');
  });
});

describe('worker', () => {
  it('retries with exponential backoff until the job succeeds', async () => {
    const name = jobName('flaky');
    const attempts: { attempt: number; at: number }[] = [];
    const queue = await makeQueue([
      defineJob({
        name,
        description: 'fails twice, then works',
        payload: countPayload,
        retry: { limit: 3, delaySeconds: 1, backoff: true },
        async run(payload, ctx) {
          attempts.push({ attempt: ctx.attempt, at: Date.now() });
          if (ctx.attempt < 3) throw new Error(`transient failure ${ctx.attempt}`);
          return { processed: payload.count };
        },
      }),
    ]);
    const registry = new Registry();
    queue.registerMetrics(registry);
    await queue.startWorker(log);
    const id = (await queue.enqueue(name, { count: 7 })) as string;
    const job = await waitForJob(queue, id, ['completed', 'failed']);
    expect(job.state).toBe('completed');
    expect(job.result).toEqual({ processed: 7 });
    expect(job.attempts).toBe(3);
    expect(attempts.map((a) => a.attempt)).toEqual([1, 2, 3]);
    // pg-boss waits delay·2^(n-1) .. delay·2^n before retry n: at least 1 s, then at least 2 s.
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(1000);
    expect(attempts[2]!.at - attempts[1]!.at).toBeGreaterThanOrEqual(2000);
    const text = await registry.metrics();
    expect(text).toContain(`jobs_retried_total{job="${name}"} 2`);
    expect(text).toContain(`jobs_completed_total{job="${name}"} 1`);
    expect(text).toContain(`job_duration_seconds_count{job="${name}",outcome="completed"} 1`);
    expect(text).toMatch(/jobs_in_state\{state="completed"\} [1-9]/);
  });

  it('shows a permanently failing job as failed and runs it again on retryJob', async () => {
    const name = jobName('broken');
    let fixed = false;
    const queue = await makeQueue([
      {
        name,
        description: 'fails until fixed',
        payload: countPayload,
        retry: { limit: 1, delaySeconds: 0, backoff: false },
        async run() {
          if (!fixed) throw new Error('feed server answered 500');
          return { imported: 3 };
        },
      },
    ]);
    await queue.startWorker(log);
    const id = (await queue.enqueue(name, { count: 1 })) as string;
    const failed = await waitForJob(queue, id, ['failed', 'completed']);
    expect(failed).toMatchObject({ state: 'failed', attempts: 2, maxAttempts: 2, error: 'feed server answered 500' });
    expect((await queue.listJobs({ state: 'failed', name })).jobs.map((j) => j.id)).toEqual([id]);
    expect((await queue.countJobs()).failed).toBeGreaterThanOrEqual(1);

    fixed = true;
    await queue.retryJob(id);
    const done = await waitForJob(queue, id, ['completed', 'failed']);
    expect(done).toMatchObject({ state: 'completed', result: { imported: 3 }, error: null });
    await expect(queue.retryJob(id)).rejects.toMatchObject({ code: 'conflict' });
    await expect(queue.retryJob('not-a-uuid')).rejects.toMatchObject({ code: 'not_found' });
  });

  it('does not retry a failure no retry can fix (an AppError for bad input)', async () => {
    const name = jobName('permanent');
    let runs = 0;
    const queue = await makeQueue([
      {
        name,
        description: 'entity gone',
        payload: countPayload,
        retry: { limit: 3, delaySeconds: 0, backoff: false },
        async run() {
          runs++;
          throw new AppError('not_found', 'Report not found');
        },
      },
    ]);
    await queue.startWorker(log);
    const id = (await queue.enqueue(name, { count: 1 })) as string;
    const job = await waitForJob(queue, id, ['failed']);
    expect(job.error).toBe('not_found: Report not found');
    expect(runs).toBe(1);
  });

  it('runs a job again whose process died while running it (expiry)', async () => {
    const name = jobName('lost');
    const runs: number[] = [];
    const queue = await makeQueue([
      {
        name,
        description: 'lost run',
        payload: countPayload,
        timeoutSeconds: 2,
        retry: { limit: 2, delaySeconds: 0, backoff: false },
        async run(_payload, ctx) {
          runs.push(ctx.attempt);
          return { ok: true };
        },
      },
    ]);
    const db = await testDb();
    const id = (await queue.enqueue(name, { count: 1 })) as string;
    // What a killed process leaves behind: the job claimed (active) and never finished.
    await db.query(
      `UPDATE pgboss.job SET state = 'active', started_on = now() - interval '1 minute' WHERE name = $1 AND id = $2`,
      [name, id],
    );
    await queue.startWorker(log);
    const job = await waitForJob(queue, id, ['completed', 'failed']);
    expect(job.state).toBe('completed');
    expect(runs).toEqual([2]);
  });

  it('lets running jobs finish when stopped', async () => {
    const name = jobName('slow');
    let release: () => void = () => undefined;
    const started = new Promise<void>((resolve) => {
      release = resolve;
    });
    const queue = await makeQueue([
      {
        name,
        description: 'slow',
        payload: countPayload,
        async run() {
          release();
          await new Promise((r) => setTimeout(r, 700));
          return { slept: 700 };
        },
      },
    ]);
    await queue.startWorker(log);
    const id = (await queue.enqueue(name, { count: 1 })) as string;
    await started;
    await queue.stop();
    expect((await queue.getJob(id)).state).toBe('completed');
  });
});

describe('runNow', () => {
  it('runs in this process with dryRun and returns the counts', async () => {
    const name = jobName('sweep');
    const seen: Pick<JobContext, 'dryRun' | 'attempt'>[] = [];
    const queue = await makeQueue([
      defineJob({
        name,
        description: 'sweep',
        payload: countPayload,
        supportsDryRun: true,
        async run(payload, ctx) {
          seen.push({ dryRun: ctx.dryRun, attempt: ctx.attempt });
          return { due: payload.count, deleted: ctx.dryRun ? 0 : payload.count };
        },
      }),
      { name: `${name}x`, description: 'no dry run', payload: countPayload, run: async () => undefined },
    ]);
    expect(await queue.runNow(name, { count: 4 }, { dryRun: true, log })).toEqual({ due: 4, deleted: 0 });
    expect(await queue.runNow(name, { count: 4 }, { dryRun: false, log })).toEqual({ due: 4, deleted: 4 });
    expect(seen).toEqual([
      { dryRun: true, attempt: 1 },
      { dryRun: false, attempt: 1 },
    ]);
    await expect(queue.runNow(`${name}x`, { count: 1 }, { dryRun: true, log })).rejects.toMatchObject({
      code: 'bad_request',
    });
    await expect(queue.runNow(name, { count: 'x' }, { dryRun: true, log })).rejects.toMatchObject({
      code: 'validation_failed',
    });
    expect((await queue.listJobs({ name })).total).toBe(0);
  });
});
