import { Type as T } from '@sinclair/typebox';
import { defineJob } from '../../../platform/jobs/types.js';
import { purgeExpiredDrafts } from './service.js';

/** Nightly: deletes drafts (with their files) 30 days after their last change. */
export const purgeDraftsJob = defineJob({
  name: 'applications.purge-drafts',
  description: 'Deletes drafts of online applications and their attachments after 30 days without a change',
  payload: T.Object({}, { additionalProperties: false }),
  schedule: { cron: '20 3 * * *', payload: {} },
  supportsDryRun: true,
  retry: { limit: 2, delaySeconds: 300, backoff: true },
  timeoutSeconds: 900,
  async run(_payload, { deps, dryRun, log }) {
    const result = await purgeExpiredDrafts(deps, { dryRun });
    log.info({ ...result }, dryRun ? 'expired drafts counted' : 'expired drafts deleted');
    return { ...result, ...(dryRun ? { dryRun } : {}) };
  },
});
