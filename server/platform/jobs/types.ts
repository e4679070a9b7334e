import type { Static, TSchema } from '@sinclair/typebox';
import type { FastifyBaseLogger } from 'fastify';
import type { Registry } from 'prom-client';
import type { Queryable } from '../db.js';
import type { Deps } from '../deps.js';

export interface JobContext {
  deps: Deps;
  /** True when run as `cli job <name> --dry-run`: report what would change, change nothing. */
  dryRun: boolean;
  log: FastifyBaseLogger;
  jobId: string;
  /** 1 on the first run, 2 on the first retry, … (a run lost with its process counts too). */
  attempt: number;
  /** For a scheduled run: the slot it belongs to. */
  slot?: Date;
}

/** What a run reports back: counts only, never personal data. Shown in the job overview and the CLI. */
export type JobResult = Record<string, number | string | boolean | undefined> | undefined;

export interface JobDefinition<S extends TSchema = TSchema> {
  /** `<feature>.<verb-noun>`, e.g. `waste.send-reminders`. */
  name: string;
  description: string;
  payload: S;
  run(payload: Static<S>, ctx: JobContext): Promise<JobResult | undefined>;
  /**
   * Retries on failure (default: 2 retries, 30 s apart, doubling). With backoff the n-th retry waits between
   * delaySeconds·2^(n-1) and twice that. An AppError with a 4xx code (bad payload, missing entity) fails at once.
   */
  retry?: { limit: number; delaySeconds: number; backoff: boolean };
  /**
   * A running job not finished after this long counts as lost (e.g. its process died) and runs again as a
   * retry (default 15 minutes, at most 23 hours).
   */
  timeoutSeconds?: number;
  /** Cron expression in the municipality's time zone; each slot runs once across all processes. */
  schedule?: { cron: string; payload: Static<S> };
  /** Whether the job honours dryRun (destructive jobs must). */
  supportsDryRun?: boolean;
}

export interface EnqueueOptions {
  startAfter?: Date;
  /** A stable id makes enqueueing idempotent: a second enqueue with the same id is ignored. */
  id?: string;
}

export const jobStates = ['created', 'retry', 'active', 'completed', 'cancelled', 'failed'] as const;
export type JobState = (typeof jobStates)[number];

/** One job as the overview and the CLI show it. */
export interface JobRecord {
  id: string;
  name: string;
  state: JobState;
  payload: unknown;
  /** What a completed run reported. */
  result: JobResult | null;
  /** Why the last run failed (also set while a retry waits). */
  error: string | null;
  /** Runs started so far (0 while waiting for the first). */
  attempts: number;
  /** Runs allowed in total. */
  maxAttempts: number;
  createdAt: Date;
  startAfter: Date;
  startedAt: Date | null;
  completedAt: Date | null;
  /** The schedule slot, for scheduled runs. */
  slot: Date | null;
}

/** A job definition as the overview shows it. */
export interface JobDefinitionInfo {
  name: string;
  description: string;
  cron?: string;
  timeZone: string;
  nextRunAt?: Date;
  lastRun?: { state: JobState; startedAt: Date; completedAt: Date | null };
  supportsDryRun: boolean;
  /** The payload "run now" uses: the schedule's, or {} when the schema accepts it; undefined = needs input. */
  defaultPayload?: unknown;
}

/** Restricts what a caller sees: an admin sees platform jobs and those of their own municipality. */
export interface JobVisibility {
  municipalityId?: string;
}

export interface JobListFilter extends JobVisibility {
  state?: JobState;
  name?: string;
  limit?: number;
  offset?: number;
}

/** The job queue as features see it. */
export interface Jobs {
  /** Enqueues inside the caller's transaction when tx is given, so nothing is saved without its follow-up. */
  enqueue(name: string, payload: unknown, options?: EnqueueOptions & { tx?: Queryable }): Promise<string | null>;
  /** The registered definitions with schedule, next and last run. */
  listDefinitions(): Promise<JobDefinitionInfo[]>;
  /** Jobs newest first, filtered, with the total for paging. */
  listJobs(filter?: JobListFilter): Promise<{ jobs: JobRecord[]; total: number }>;
  /** One job; throws not_found when it does not exist or is not visible. */
  getJob(id: string, visibility?: JobVisibility): Promise<JobRecord>;
  /** Number of jobs per state. */
  countJobs(visibility?: JobVisibility): Promise<Record<JobState, number>>;
  /**
   * Queues a failed job to run again (inside the caller's transaction when tx is given); returns it as it was.
   * Throws not_found, or conflict when it has not failed.
   */
  retryJob(id: string, options?: JobVisibility & { tx?: Queryable }): Promise<JobRecord>;
  /** Adds the job counters and durations to a Prometheus registry (the app's /metrics). */
  registerMetrics(registry: Registry): void;
}

/** Declares a job with its payload type inferred from the schema, for the registry's plain JobDefinition list. */
export function defineJob<S extends TSchema>(definition: JobDefinition<S>): JobDefinition {
  return definition as unknown as JobDefinition;
}
