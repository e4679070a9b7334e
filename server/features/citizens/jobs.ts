import { Type as T } from '@sinclair/typebox';
import { defineJob, type JobDefinition } from '../../platform/jobs/types.js';
import { purgeAllExpired } from './service.js';

/**
 * Nightly: expired citizen sessions (with the attributes they hold), login requests, completion codes and used
 * assertion IDs. Logins trim a few of each on the way; this takes the rest, in bounded batches.
 */
export const purgeExpiredJob = defineJob({
  name: 'citizens.purge-expired',
  description: 'Deletes expired citizen sessions, login requests, completion codes and assertion IDs in batches',
  payload: T.Object({}, { additionalProperties: false }),
  schedule: { cron: '25 3 * * *', payload: {} },
  supportsDryRun: true,
  retry: { limit: 2, delaySeconds: 300, backoff: true },
  timeoutSeconds: 900,
  async run(_payload, { deps, dryRun, log }) {
    const counts = await purgeAllExpired(deps, { dryRun });
    log.info({ ...counts, dryRun }, dryRun ? 'expired citizen login data found' : 'expired citizen login data deleted');
    return { ...counts, dryRun };
  },
});

export const citizenJobs: JobDefinition[] = [purgeExpiredJob];
