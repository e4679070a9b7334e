import { Type as T } from '@sinclair/typebox';
import { defineJob, type JobDefinition } from '../jobs/types.js';
import { deleteOldMailFiles } from './files.js';
import { deleteOldRecipientCounts } from './quota.js';

/** Nightly: deletes mails the file transport wrote longer ago than MAIL_FILE_RETENTION_DAYS (counts only in logs). */
export const deleteOldMailFilesJob = defineJob({
  name: 'mail.delete-old-files',
  description: 'Deletes .eml files in DATA_DIR/mail older than the retention period (they hold personal data)',
  payload: T.Object({}, { additionalProperties: false }),
  schedule: { cron: '45 2 * * *', payload: {} },
  supportsDryRun: true,
  retry: { limit: 2, delaySeconds: 300, backoff: true },
  timeoutSeconds: 600,
  async run(_payload, { deps, dryRun, log }) {
    const result = await deleteOldMailFiles(deps.config, deps.now(), { dryRun });
    log.info({ ...result }, dryRun ? 'old mail files counted' : 'old mail files deleted');
    return { ...result };
  },
});

/** Nightly: forgets the per-address mail counts of days that cap nothing any more (pseudonymous data). */
export const deleteOldRecipientCountsJob = defineJob({
  name: 'mail.delete-old-counts',
  description: 'Deletes the per-address daily mail counts of days before yesterday',
  payload: T.Object({}, { additionalProperties: false }),
  schedule: { cron: '50 2 * * *', payload: {} },
  retry: { limit: 2, delaySeconds: 300, backoff: true },
  timeoutSeconds: 120,
  async run(_payload, { deps, log }) {
    const deleted = await deleteOldRecipientCounts(deps.db, deps.config, deps.now());
    log.info({ deleted }, 'old mail counts deleted');
    return { deleted };
  },
});

export const mailJobs: JobDefinition[] = [deleteOldMailFilesJob, deleteOldRecipientCountsJob];
