import type { Static, TSchema } from '@sinclair/typebox';
import type { FastifyBaseLogger } from 'fastify';
import type { Queryable } from '../db.js';
import type { Deps } from '../deps.js';

export interface JobContext {
  deps: Deps;
  /** True when run as `cli job <name> --dry-run`: report what would change, change nothing. */
  dryRun: boolean;
  log: FastifyBaseLogger;
  jobId: string;
}

/** What a run reports back: counts only, never personal data. Shown in the job overview and the CLI. */
export type JobResult = Record<string, number | string | boolean> | undefined;

export interface JobDefinition<S extends TSchema = TSchema> {
  /** `<feature>.<verb-noun>`, e.g. `waste.send-reminders`. */
  name: string;
  description: string;
  payload: S;
  run(payload: Static<S>, ctx: JobContext): Promise<JobResult | undefined>;
  /** Retries on failure; delays grow exponentially from delaySeconds when backoff is true. */
  retry?: { limit: number; delaySeconds: number; backoff: boolean };
  /** A running job not finished after this long counts as lost (e.g. its process died) and runs again. */
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

/** The job queue as features see it. */
export interface Jobs {
  /** Enqueues inside the caller's transaction when tx is given, so nothing is saved without its follow-up. */
  enqueue(name: string, payload: unknown, options?: EnqueueOptions & { tx?: Queryable }): Promise<string | null>;
}
