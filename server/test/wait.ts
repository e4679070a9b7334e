import { vi } from 'vitest';
import type { JobRecord, JobState } from '../platform/jobs/types.js';

/** Waits until `check` gives a truthy value (polled); fails naming `what` after `timeout` ms. */
export async function waitFor<T>(
  what: string | (() => string),
  check: () => T | Promise<T>,
  timeout = 20_000,
): Promise<NonNullable<T>> {
  try {
    return (await vi.waitUntil(check, { timeout, interval: 50 })) as NonNullable<T>;
  } catch (err) {
    // A check that throws fails at once, with its own error.
    if (!(err instanceof Error) || err.message !== 'Timed out in waitUntil!') throw err;
    const text = typeof what === 'string' ? what : what();
    throw new Error(`timed out after ${timeout} ms waiting for: ${text}`, { cause: err });
  }
}

/** Waits until the job reaches one of the states and returns it. */
export async function waitForJob(
  queue: { getJob(id: string): Promise<JobRecord> },
  id: string,
  states: JobState[],
  timeout = 20_000,
): Promise<JobRecord> {
  let last: JobState | undefined;
  return waitFor(
    () => `job ${id} to be ${states.join(' or ')} (last seen ${last ?? 'never'})`,
    async () => {
      const job = await queue.getJob(id);
      last = job.state;
      return states.includes(job.state) ? job : undefined;
    },
    timeout,
  );
}
