import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Queryable } from '../db.js';
import type { Deps } from '../deps.js';
import { AppError, notFound } from '../errors.js';
import { bossDb, createBoss, installBoss, jobOptions } from './boss.js';
import { checkPayload, defaultPayload, validateDefinitions } from './definitions.js';
import { createJobMetrics } from './metrics.js';
import {
  claimMaintenance,
  countJobStates,
  exhaustRetries,
  findJobRow,
  findSlotOfJob,
  type JobRow,
  type JobScope,
  listJobRows,
  listLastRuns,
  listReadyQueues,
} from './queries.js';
import { toRecord } from './records.js';
import { errorMessage, isPermanent, runWithTimeout } from './run.js';
import { nextSlot } from './schedule.js';
import { enqueueDueSlots, type SchedulerDeps, startScheduler } from './scheduler.js';
import type { JobDefinition, JobResult, JobState, Jobs, JobVisibility } from './types.js';
import { jobStates } from './types.js';
import { type FetchedJob, startWorkerLoop, type WorkerLoop } from './worker.js';

export type { EnqueueOptions, JobContext, JobDefinition, JobResult, Jobs } from './types.js';

/** The queue as main.ts, the CLI and the tests use it. */
export interface Queue extends Jobs {
  readonly definitions: readonly JobDefinition[];
  /** Creates or migrates the pg-boss schema and one queue per definition (idempotent). */
  install(): Promise<void>;
  /** Works all queues with config.jobs settings and runs maintenance (lost jobs → retry). */
  startWorker(log: FastifyBaseLogger): Promise<void>;
  /** Enqueues scheduled slots as they fall due. */
  startScheduler(log: FastifyBaseLogger): Promise<void>;
  /** Stops scheduling and fetching, waits for running jobs, then stops pg-boss. The database stays open. */
  stop(): Promise<void>;
  /** Runs a definition in this process, outside the queue (CLI); dryRun only for definitions that support it. */
  runNow(name: string, payload: unknown, options: { dryRun: boolean; log: FastifyBaseLogger }): Promise<JobResult>;
  /** Enqueues the slots of a scheduled job in (after, until] that are not yet enqueued; returns how many. */
  enqueueDueSlots(name: string, after: Date, until: Date): Promise<number>;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The job queue on pg-boss: enqueue (optionally in the caller's transaction), worker, scheduler, overview. */
export function createQueue(base: Omit<Deps, 'jobs'>, definitions: JobDefinition[]): Queue {
  validateDefinitions(definitions);
  const { config, db } = base;
  const defs = new Map(definitions.map((d) => [d.name, d]));
  const names = [...defs.keys()];
  const timeZone = config.municipality.timeZone;
  const boss = createBoss(db);
  const metrics = createJobMetrics(db);
  let log: FastifyBaseLogger | undefined;
  boss.on('error', (err) => log?.error({ err }, 'job queue error'));

  let worker: WorkerLoop | undefined;
  let scheduler: { stop(): Promise<void> } | undefined;
  let maintenanceTimer: NodeJS.Timeout | undefined;
  let maintaining: Promise<void> = Promise.resolve();

  const definition = (name: string): JobDefinition => {
    const def = defs.get(name);
    if (!def) throw new AppError('not_found', `Unknown job ${name}`);
    return def;
  };
  const scope = (visibility?: JobVisibility): JobScope => ({ names, municipalityId: visibility?.municipalityId });
  const findVisible = async (id: string, visibility?: JobVisibility, tx: Queryable = db): Promise<JobRow> => {
    const row = uuidPattern.test(id) ? await findJobRow(tx, scope(visibility), id) : undefined;
    if (!row) throw notFound('Job');
    return row;
  };

  const execute = async (job: FetchedJob, workerLog: FastifyBaseLogger): Promise<void> => {
    const def = definition(job.name);
    const attempt = job.retryCount + 1;
    const jobLog = workerLog.child({ job: job.name, jobId: job.id, attempt });
    const started = performance.now();
    const seconds = () => (performance.now() - started) / 1000;
    jobLog.info('job started');
    let result: JobResult;
    try {
      const payload = checkPayload(def, job.data);
      const slot = def.schedule ? await findSlotOfJob(db, job.name, job.id) : undefined;
      const ctx = { deps: { ...base, jobs: queue }, dryRun: false, log: jobLog, jobId: job.id, attempt, slot };
      result = await runWithTimeout(
        async () => (await def.run(payload, ctx)) ?? undefined,
        jobOptions(def).expireInSeconds,
      );
    } catch (err) {
      const final = isPermanent(err) || job.retryCount >= job.retryLimit;
      metrics.duration.observe({ job: job.name, outcome: 'failed' }, seconds());
      (final ? metrics.failed : metrics.retried).inc({ job: job.name });
      jobLog[final ? 'error' : 'warn'](
        { err, ms: Math.round(seconds() * 1000) },
        final ? 'job failed' : 'job failed, will retry',
      );
      try {
        if (isPermanent(err)) await exhaustRetries(db, job.name, job.id);
        await boss.fail(job.name, job.id, { message: errorMessage(err) });
      } catch (recordErr) {
        jobLog.error({ err: recordErr }, 'recording the failure failed; the job expires and runs again');
      }
      return;
    }
    metrics.duration.observe({ job: job.name, outcome: 'completed' }, seconds());
    metrics.completed.inc({ job: job.name });
    jobLog.info({ result, ms: Math.round(seconds() * 1000) }, 'job completed');
    try {
      await boss.complete(job.name, job.id, result);
    } catch (err) {
      jobLog.error({ err }, 'recording the completion failed; the job expires and runs again');
    }
  };

  const maintain = async (maintenanceLog: FastifyBaseLogger) => {
    try {
      // Claimed by one process per interval; expire() turns jobs running past their timeout into retries.
      if (await claimMaintenance(db, config.jobs.maintenanceSeconds * 0.8)) await boss.maintain();
    } catch (err) {
      maintenanceLog.error({ err }, 'job maintenance failed');
    }
  };

  const schedulerDeps: SchedulerDeps = {
    db,
    timeZone,
    catchUpMinutes: config.jobs.catchUpMinutes,
    now: base.now,
    enqueueSlot: async (tx, def, id) => {
      await boss.send(def.name, def.schedule?.payload as object, { ...jobOptions(def), id, db: bossDb(tx) });
    },
    enqueued: () => worker?.wake(),
  };

  const queue: Queue = {
    definitions,

    async install() {
      await installBoss(db, boss, definitions);
    },

    async enqueue(name, payload, options = {}) {
      const def = definition(name);
      checkPayload(def, payload);
      const id = await boss.send(name, payload as object, {
        ...jobOptions(def),
        ...(options.id ? { id: options.id } : {}),
        ...(options.startAfter ? { startAfter: options.startAfter } : {}),
        ...(options.tx ? { db: bossDb(options.tx) } : {}),
      });
      if (!options.tx) worker?.wake();
      return id;
    },

    async startWorker(workerLog) {
      if (worker) return;
      log = workerLog;
      worker = startWorkerLoop({
        boss,
        names,
        concurrency: config.jobs.concurrency,
        pollMs: config.jobs.pollSeconds * 1000,
        log: workerLog,
        execute: (job) => execute(job, workerLog),
        ready: (queueNames) => listReadyQueues(db, queueNames),
      });
      const tick = () => {
        maintaining = maintain(workerLog).finally(() => {
          if (worker) maintenanceTimer = setTimeout(tick, config.jobs.maintenanceSeconds * 1000);
        });
      };
      tick();
    },

    async startScheduler(schedulerLog) {
      if (scheduler) return;
      log ??= schedulerLog;
      scheduler = startScheduler(schedulerDeps, definitions, {
        intervalMs: config.jobs.pollSeconds * 1000,
        log: schedulerLog,
      });
    },

    async stop() {
      await scheduler?.stop();
      scheduler = undefined;
      const stopping = worker;
      worker = undefined;
      clearTimeout(maintenanceTimer);
      await stopping?.stop();
      await maintaining;
      await boss.stop({ graceful: false, close: false });
    },

    async runNow(name, payload, options) {
      const def = definition(name);
      if (options.dryRun && !def.supportsDryRun) {
        throw new AppError('bad_request', `Job ${name} does not support a dry run`);
      }
      checkPayload(def, payload);
      const jobId = randomUUID();
      const jobLog = options.log.child({ job: name, jobId, dryRun: options.dryRun });
      const ctx = { deps: { ...base, jobs: queue }, dryRun: options.dryRun, log: jobLog, jobId, attempt: 1 };
      return (await def.run(payload, ctx)) ?? undefined;
    },

    async enqueueDueSlots(name, after, until) {
      return (await enqueueDueSlots(schedulerDeps, definition(name), after, until)).length;
    },

    async listDefinitions() {
      const lastRuns = new Map((await listLastRuns(db, names)).map((r) => [r.name, r]));
      const now = base.now();
      return definitions.map((def) => {
        const last = lastRuns.get(def.name);
        return {
          name: def.name,
          description: def.description,
          timeZone,
          supportsDryRun: def.supportsDryRun === true,
          defaultPayload: defaultPayload(def),
          ...(def.schedule ? { cron: def.schedule.cron, nextRunAt: nextSlot(def.schedule.cron, timeZone, now) } : {}),
          ...(last
            ? { lastRun: { state: last.state, startedAt: last.started_on, completedAt: last.completed_on } }
            : {}),
        };
      });
    },

    async listJobs(filter = {}) {
      const limit = Math.min(Math.max(filter.limit ?? 50, 1), 500);
      const { rows, total } = await listJobRows(db, scope(filter), {
        ...(filter.state ? { state: filter.state } : {}),
        ...(filter.name ? { name: filter.name } : {}),
        limit,
        offset: Math.max(filter.offset ?? 0, 0),
      });
      return { jobs: rows.map(toRecord), total };
    },

    async getJob(id, visibility) {
      return toRecord(await findVisible(id, visibility));
    },

    async countJobs(visibility) {
      const counts = Object.fromEntries(jobStates.map((s) => [s, 0])) as Record<JobState, number>;
      for (const { state, n } of await countJobStates(db, scope(visibility))) counts[state] = n;
      return counts;
    },

    async retryJob(id, options = {}) {
      const row = await findVisible(id, options, options.tx);
      if (row.state !== 'failed') throw new AppError('conflict', 'Only a failed job can be run again');
      const result = (await boss.retry(row.name, id, options.tx ? { db: bossDb(options.tx) } : {})) as unknown as {
        affected: number;
      };
      if (result.affected !== 1) throw new AppError('conflict', 'Only a failed job can be run again');
      if (!options.tx) worker?.wake();
      return toRecord(row);
    },

    registerMetrics(registry) {
      metrics.register(registry);
    },
  };
  return queue;
}
