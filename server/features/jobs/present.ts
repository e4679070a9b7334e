import type { JobRecord, JobState } from '../../platform/jobs/types.js';

export type Tone = 'info' | 'success' | 'warning' | 'danger';

/** The badge colour of each state; the state's name is always written out too. */
export const stateTone: Record<JobState, Tone> = {
  created: 'info',
  retry: 'warning',
  active: 'info',
  completed: 'success',
  cancelled: 'warning',
  failed: 'danger',
};

export interface JobView {
  id: string;
  name: string;
  state: JobState;
  attempts: number;
  maxAttempts: number;
  createdAt: Date;
  startAfter: Date;
  startedAt: Date | null;
  completedAt: Date | null;
  slot: Date | null;
  error: string | null;
  /** Reported counts, in the order the job gave them. */
  result: [string, string | number | boolean][];
  /** The payload as indented JSON (payloads hold ids and settings, not personal data). */
  payload: string;
}

/** A job as the back office shows it. */
export function presentJob(job: JobRecord): JobView {
  return {
    id: job.id,
    name: job.name,
    state: job.state,
    attempts: job.attempts,
    maxAttempts: job.maxAttempts,
    createdAt: job.createdAt,
    startAfter: job.startAfter,
    startedAt: job.startedAt,
    completedAt: job.completedAt,
    slot: job.slot,
    error: job.error,
    result: Object.entries(job.result ?? {}).filter(
      (e): e is [string, string | number | boolean] => e[1] !== undefined,
    ),
    payload: JSON.stringify(job.payload ?? {}, null, 2),
  };
}
