import { Type as T } from '@sinclair/typebox';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../platform/cli/run.js';
import { loadConfig } from '../../platform/config.js';
import { createQueue, type Queue } from '../../platform/jobs/queue.js';
import { defineJob, type JobDefinition } from '../../platform/jobs/types.js';
import { testDb } from '../../test/app.js';
import { testEnv } from '../../test/env.js';
import { waitForJob } from '../../test/wait.js';
import { jobCommands } from './cli.js';

const log = pino({ level: 'silent' });
const seen: boolean[] = [];
const definitions: JobDefinition[] = [
  defineJob({
    name: 'cli-test.sweep',
    description: 'Deletes what is due',
    payload: T.Object({ limit: T.Integer({ minimum: 1 }) }, { additionalProperties: false }),
    schedule: { cron: '15 3 * * *', payload: { limit: 100 } },
    supportsDryRun: true,
    async run(payload, ctx) {
      seen.push(ctx.dryRun);
      if (ctx.dryRun) return { due: 3, dryRun: true };
      return { deleted: Math.min(3, payload.limit) };
    },
  }),
  {
    name: 'cli-test.import-feed',
    description: 'Imports a feed',
    payload: T.Object({ url: T.String() }, { additionalProperties: false }),
    retry: { limit: 0, delaySeconds: 0, backoff: false },
    async run() {
      throw new Error('feed answered 503');
    },
  },
];

let queue: Queue;
async function cli(...argv: string[]): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const config = loadConfig(testEnv());
  const deps = { config, db: await testDb(), jobs: queue, now: () => new Date() };
  const code = await runCli(jobCommands, argv, { deps, queue, log, out: (l) => lines.push(l) });
  return { code, out: lines.join('\n') };
}

beforeAll(async () => {
  const config = loadConfig(testEnv({ JOBS_POLL_SECONDS: '0.5' }));
  queue = createQueue({ config, db: await testDb(), now: () => new Date() }, definitions);
  await queue.install();
});
afterAll(() => queue.stop());

describe('job CLI', () => {
  it('lists definitions with their schedule', async () => {
    const { code, out } = await cli('job', 'list');
    expect(code).toBe(0);
    expect(out).toContain('cli-test.sweep [--dry-run]');
    expect(out).toContain('15 3 * * * (Europe/Berlin), next 20');
    expect(out).toContain('cli-test.import-feed');
    expect(out).toContain('on demand; never run');
  });

  it('runs a job now, with --dry-run, and prints the counts', async () => {
    const dry = await cli('job', 'cli-test.sweep', '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.out).toMatch(/^cli-test\.sweep \(dry run\) finished in \d+ ms:\n {2}due: 3\n {2}dryRun: true$/);
    const real = await cli('job', 'cli-test.sweep', '--payload', '{"limit":2}');
    expect(real.out).toMatch(/ {2}deleted: 2$/);
    expect(seen).toEqual([true, false]);
  });

  it('explains bad input instead of running', async () => {
    expect(await cli('job', 'cli-test.nope')).toMatchObject({ code: 1, out: expect.stringContaining('Unknown job') });
    expect(await cli('job', 'cli-test.import-feed', '--dry-run', '--payload', '{"url":"x"}')).toMatchObject({
      code: 1,
      out: expect.stringContaining('does not support a dry run'),
    });
    expect(await cli('job', 'cli-test.import-feed')).toMatchObject({
      code: 1,
      out: expect.stringContaining('--payload'),
    });
    expect(await cli('job', 'cli-test.sweep', '--payload', '{limit')).toMatchObject({
      code: 1,
      out: expect.stringContaining('not valid JSON'),
    });
    const invalid = await cli('job', 'cli-test.sweep', '--payload', '{"limit":0}');
    expect(invalid.code).toBe(1);
    expect(invalid.out).toContain('limit:');
  });

  it('enqueues, lists failed jobs and retries them', async () => {
    const enqueued = await cli('job', 'enqueue', 'cli-test.import-feed', '--payload', '{"url":"https://feed.example"}');
    const id = /as ([0-9a-f-]{36})$/.exec(enqueued.out)?.[1] as string;
    expect(id).toBeDefined();
    await queue.startWorker(log);
    await waitForJob(queue, id, ['failed']);
    const failed = await cli('job', 'failed');
    expect(failed.out).toContain(`${id}  cli-test.import-feed  failed 20`);
    expect(failed.out).toContain('runs 1/1');
    expect(failed.out).toContain('  feed answered 503');
    const retried = await cli('job', 'retry', id);
    expect(retried).toEqual({ code: 0, out: `cli-test.import-feed ${id} will run again.` });
    expect(await cli('job', 'retry', '00000000-0000-4000-8000-000000000000')).toMatchObject({ code: 1 });
  });
});
