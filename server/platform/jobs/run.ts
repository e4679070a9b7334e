import { AppError } from '../errors.js';
import type { JobResult } from './types.js';

const permanentCodes = new Set(['validation_failed', 'bad_request', 'invalid_json', 'not_found', 'forbidden']);

/** Failures a retry cannot fix: bad input or a missing entity. Everything else is worth another try. */
export function isPermanent(err: unknown): boolean {
  return err instanceof AppError && permanentCodes.has(err.code);
}

/** Runs the job's handler; rejects when it takes longer than the timeout (the handler is not interrupted). */
export async function runWithTimeout(run: () => Promise<JobResult>, seconds: number): Promise<JobResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${seconds} s`)), seconds * 1000);
  });
  try {
    return await Promise.race([run(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** A short, storable description of a failure (no stack: the log has it). */
export function errorMessage(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const code = err instanceof AppError ? `${err.code}: ` : '';
  return `${code}${message}`.slice(0, 1000);
}
