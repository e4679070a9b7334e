import type { FastifyBaseLogger } from 'fastify';
import type { Deps } from '../deps.js';
import type { JobDefinition, JobResult, Jobs } from './types.js';

/** The queue as main.ts, the CLI and the admin pages use it. (Implementation: see the job-queue work.) */
export interface Queue extends Jobs {
  install(): Promise<void>;
  startWorker(log: FastifyBaseLogger): Promise<void>;
  startScheduler(log: FastifyBaseLogger): Promise<void>;
  stop(): Promise<void>;
  runNow(name: string, payload: unknown, options: { dryRun: boolean; log: FastifyBaseLogger }): Promise<JobResult>;
}

export function createQueue(_base: Omit<Deps, 'jobs'>, _definitions: JobDefinition[]): Queue {
  const noop = async () => undefined;
  return {
    install: noop,
    startWorker: noop,
    startScheduler: noop,
    stop: noop,
    runNow: noop,
    enqueue: async () => null,
  };
}
