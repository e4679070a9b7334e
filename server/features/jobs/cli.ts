import type { CliArgs, CliCommand, CliContext } from '../../platform/cli/types.js';
import { flag } from '../../platform/cli/types.js';
import { AppError } from '../../platform/errors.js';
import type { JobResult } from '../../platform/jobs/types.js';

function jobName(args: CliArgs, usage: string): string {
  const name = args.positional[0];
  if (!name) throw new AppError('validation_failed', `Usage: npm run cli -- ${usage}`);
  return name;
}

/** The --payload flag as JSON, else the definition's default payload (its schedule's, or {}). */
async function payloadOf(args: CliArgs, ctx: CliContext, name: string): Promise<unknown> {
  const raw = flag(args, 'payload');
  if (raw !== undefined) {
    try {
      return JSON.parse(raw);
    } catch {
      throw new AppError('validation_failed', '--payload is not valid JSON');
    }
  }
  const def = (await ctx.queue.listDefinitions()).find((d) => d.name === name);
  if (!def) throw new AppError('not_found', `Unknown job ${name} (see: npm run cli -- job list)`);
  if (def.defaultPayload === undefined) throw new AppError('validation_failed', `Job ${name} needs --payload '<json>'`);
  return def.defaultPayload;
}

function printResult(ctx: CliContext, result: JobResult): void {
  const entries = Object.entries(result ?? {}).filter(([, value]) => value !== undefined);
  if (entries.length === 0) ctx.out('  (no counts reported)');
  for (const [key, value] of entries) ctx.out(`  ${key}: ${value}`);
}

const list: CliCommand = {
  words: ['job', 'list'],
  usage: 'job list',
  description: 'Lists the job definitions with schedule, next and last run',
  async run(_args, ctx) {
    for (const d of await ctx.queue.listDefinitions()) {
      const schedule = d.cron ? `${d.cron} (${d.timeZone}), next ${d.nextRunAt?.toISOString() ?? '-'}` : 'on demand';
      const last = d.lastRun ? `last ${d.lastRun.state} ${d.lastRun.startedAt.toISOString()}` : 'never run';
      ctx.out(`${d.name}${d.supportsDryRun ? ' [--dry-run]' : ''}`);
      ctx.out(`  ${d.description}`);
      ctx.out(`  ${schedule}; ${last}`);
    }
  },
};

const runNow: CliCommand = {
  words: ['job'],
  usage: "job <name> [--dry-run] [--payload '<json>']",
  description: 'Runs a job now in this process and prints its counts (--dry-run: changes nothing)',
  async run(args, ctx) {
    const name = jobName(args, runNow.usage);
    const dryRun = args.flags['dry-run'] === true;
    const payload = await payloadOf(args, ctx, name);
    const started = performance.now();
    const result = await ctx.queue.runNow(name, payload, { dryRun, log: ctx.log });
    ctx.out(`${name}${dryRun ? ' (dry run)' : ''} finished in ${Math.round(performance.now() - started)} ms:`);
    printResult(ctx, result);
  },
};

const enqueue: CliCommand = {
  words: ['job', 'enqueue'],
  usage: "job enqueue <name> [--payload '<json>']",
  description: 'Queues a job for the workers',
  async run(args, ctx) {
    const name = jobName(args, enqueue.usage);
    const id = await ctx.queue.enqueue(name, await payloadOf(args, ctx, name));
    ctx.out(id ? `Enqueued ${name} as ${id}` : `${name} was already queued`);
  },
};

const failed: CliCommand = {
  words: ['job', 'failed'],
  usage: 'job failed [--limit N]',
  description: 'Lists failed jobs, newest first, with their error',
  async run(args, ctx) {
    const limit = Number(flag(args, 'limit') ?? 50);
    if (!Number.isInteger(limit) || limit < 1)
      throw new AppError('validation_failed', '--limit must be a positive number');
    const { jobs, total } = await ctx.queue.listJobs({ state: 'failed', limit });
    if (total === 0) ctx.out('No failed jobs.');
    for (const j of jobs) {
      ctx.out(`${j.id}  ${j.name}  failed ${j.completedAt?.toISOString() ?? '-'}  runs ${j.attempts}/${j.maxAttempts}`);
      ctx.out(`  ${j.error ?? '(no error message)'}`);
    }
    if (total > jobs.length) ctx.out(`… and ${total - jobs.length} more (--limit)`);
  },
};

const retry: CliCommand = {
  words: ['job', 'retry'],
  usage: 'job retry <id>',
  description: 'Queues a failed job to run again',
  async run(args, ctx) {
    const id = jobName(args, retry.usage);
    await ctx.queue.retryJob(id);
    const job = await ctx.queue.getJob(id);
    ctx.out(`${job.name} ${id} will run again.`);
  },
};

export const jobCommands: CliCommand[] = [list, enqueue, failed, retry, runNow];
