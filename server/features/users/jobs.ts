import { Type as T } from '@sinclair/typebox';
import { purgeExpiredSessions } from '../../platform/auth/sessions.js';
import type { JobDefinition, JobResult } from '../../platform/jobs/types.js';

/** Hourly: deletes staff sessions whose idle or maximum age has passed (the hook ignores them already). */
export const purgeExpiredSessionsJob: JobDefinition = {
  name: 'users.purge-expired-sessions',
  description: 'Deletes expired staff sessions',
  payload: T.Object({}, { additionalProperties: false }),
  schedule: { cron: '0 * * * *', payload: {} },
  supportsDryRun: true,
  retry: { limit: 2, delaySeconds: 60, backoff: true },
  async run(_payload, { deps, dryRun, log }) {
    const sessions = await purgeExpiredSessions(deps.db, deps.now(), { dryRun });
    log.info({ sessions, dryRun }, dryRun ? 'expired staff sessions found' : 'expired staff sessions deleted');
    const result: JobResult = dryRun ? { expired: sessions, dryRun } : { deleted: sessions };
    return result;
  },
};

export const userJobs: JobDefinition[] = [purgeExpiredSessionsJob];
