import { Type as T } from '@sinclair/typebox';
import type { JobDefinition, JobResult } from '../../../platform/jobs/types.js';
import { idempotencyTtlMs } from './idempotency.js';
import { countIdempotentRequestsBefore, deleteIdempotentRequestsBefore } from './idempotency-queries.js';

const batch = 5000;

/**
 * Daily: deletes idempotency records and used proof-of-work solutions older than a day (the records carry the
 * status token of the answer, so they are not kept longer than a client may retry).
 */
export const purgeIdempotencyJob: JobDefinition = {
  name: 'reports.purge-idempotency',
  description: 'Deletes idempotency records and used proof-of-work solutions older than 24 hours',
  payload: T.Object({}, { additionalProperties: false }),
  schedule: { cron: '15 3 * * *', payload: {} },
  supportsDryRun: true,
  retry: { limit: 2, delaySeconds: 300, backoff: true },
  async run(_payload, { deps, dryRun, log }) {
    const before = new Date(deps.now().getTime() - idempotencyTtlMs);
    if (dryRun) {
      const due = await countIdempotentRequestsBefore(deps.db, before);
      log.info({ due }, 'idempotency records due');
      const result: JobResult = { due, dryRun };
      return result;
    }
    let deleted = 0;
    for (;;) {
      const n = await deleteIdempotentRequestsBefore(deps.db, before, batch);
      deleted += n;
      if (n < batch) break;
    }
    log.info({ deleted }, 'idempotency records deleted');
    return { deleted };
  },
};

export const reportCoreJobs: JobDefinition[] = [purgeIdempotencyJob];
