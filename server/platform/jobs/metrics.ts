import { Counter, Gauge, Histogram, type Metric, type Registry } from 'prom-client';
import type { Queryable } from '../db.js';
import { countAllJobStates } from './queries.js';
import { jobStates } from './types.js';

export interface JobMetrics {
  completed: Counter<'job'>;
  failed: Counter<'job'>;
  retried: Counter<'job'>;
  duration: Histogram<'job' | 'outcome'>;
  register(registry: Registry): void;
}

/**
 * Job counters of this process (runs finished here) and a gauge of the queue by state, read from the database
 * when /metrics is scraped. Created unregistered: the queue exists before the app and its registry.
 */
export function createJobMetrics(db: Queryable): JobMetrics {
  const completed = new Counter({
    name: 'jobs_completed_total',
    help: 'Job runs that completed, by job name',
    labelNames: ['job'] as const,
    registers: [],
  });
  const failed = new Counter({
    name: 'jobs_failed_total',
    help: 'Job runs that failed for good (no retry left), by job name',
    labelNames: ['job'] as const,
    registers: [],
  });
  const retried = new Counter({
    name: 'jobs_retried_total',
    help: 'Job runs that failed and will be retried, by job name',
    labelNames: ['job'] as const,
    registers: [],
  });
  const duration = new Histogram({
    name: 'job_duration_seconds',
    help: 'Job run duration by job name and outcome (completed, failed)',
    labelNames: ['job', 'outcome'] as const,
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300, 900],
    registers: [],
  });
  const queued = new Gauge({
    name: 'jobs_in_state',
    help: 'Jobs in the queue by state (all processes)',
    labelNames: ['state'] as const,
    registers: [],
    async collect() {
      try {
        const counts = new Map((await countAllJobStates(db)).map((r) => [r.state, r.n]));
        for (const state of jobStates) this.set({ state }, counts.get(state) ?? 0);
      } catch {
        // The database is closing or unreachable; /ready reports that, the gauge just keeps its last values.
      }
    },
  });
  const all = [completed, failed, retried, duration, queued] as Metric[];
  const registered = new WeakSet<Registry>();
  return {
    completed,
    failed,
    retried,
    duration,
    register(registry) {
      if (registered.has(registry)) return;
      registered.add(registry);
      for (const metric of all) registry.registerMetric(metric);
    },
  };
}
