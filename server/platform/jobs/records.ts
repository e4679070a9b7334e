import type { JobRow } from './queries.js';
import type { JobRecord, JobResult } from './types.js';

/** A pg-boss job row as the overview and the CLI see it. */
export function toRecord(row: JobRow): JobRecord {
  const output = (row.output ?? null) as { message?: string; value?: { message?: string } } | null;
  const failed = row.state === 'failed' || row.state === 'retry';
  return {
    id: row.id,
    name: row.name,
    state: row.state,
    payload: row.data,
    result: row.state === 'completed' ? ((output as JobResult) ?? null) : null,
    error: failed ? (output?.message ?? output?.value?.message ?? null) : null,
    attempts: row.started_on ? row.retry_count + 1 : 0,
    maxAttempts: row.retry_limit + 1,
    createdAt: row.created_on,
    startAfter: row.start_after,
    startedAt: row.started_on,
    completedAt: row.completed_on,
    slot: row.slot_at,
  };
}
