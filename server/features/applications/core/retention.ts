import { Type as T } from '@sinclair/typebox';
import type { Deps } from '../../../platform/deps.js';
import { defineJob } from '../../../platform/jobs/types.js';
import {
  clearDeliveredCiphertexts,
  countDueApplications,
  deleteDueApplication,
  selectDueApplicationIds,
} from './applications-queries.js';

// What the platform keeps of applications, and how long: a FIT-Connect application's ciphertext only until a week
// after delivery (the office has it; the mailbox row stays), and any application that is decided or delivered
// until APPLICATIONS_RETENTION_DAYS after its last change, then all of it (mailbox and documents too).

const batchSize = 200;
const maxBatches = 100;
const ciphertextDays = 7;

export interface ApplicationRetentionResult {
  deleted: number;
  cleared: number;
  skipped: number;
  due?: number;
  dryRun?: boolean;
}

/** One sweep in bounded batches; each application is deleted in its own transaction and re-checked there. */
export async function purgeApplications(deps: Deps, options: { dryRun: boolean }): Promise<ApplicationRetentionResult> {
  const m = deps.config.municipality.id;
  const now = deps.now();
  const cutoff = new Date(now.getTime() - deps.config.applications.retentionDays * 86_400_000);
  const ciphertextCutoff = new Date(now.getTime() - ciphertextDays * 86_400_000);
  if (options.dryRun)
    return { deleted: 0, cleared: 0, skipped: 0, due: await countDueApplications(deps.db, m, cutoff), dryRun: true };
  let cleared = 0;
  for (let i = 0; i < maxBatches; i++) {
    const n = await deps.db.transaction((tx) => clearDeliveredCiphertexts(tx, m, ciphertextCutoff, batchSize));
    cleared += n;
    if (n < batchSize) break;
  }
  let deleted = 0;
  let skipped = 0;
  for (let i = 0; i < maxBatches; i++) {
    const ids = await selectDueApplicationIds(deps.db, m, cutoff, batchSize);
    for (const id of ids) {
      if (await deps.db.transaction((tx) => deleteDueApplication(tx, m, cutoff, id))) deleted++;
      else skipped++;
    }
    if (ids.length < batchSize) break;
  }
  return { deleted, cleared, skipped };
}

export const purgeApplicationsJob = defineJob({
  name: 'applications.purge',
  description:
    'Deletes decided or delivered online applications after the retention period, and delivered ciphertexts after a week',
  payload: T.Object({}, { additionalProperties: false }),
  schedule: { cron: '30 3 * * *', payload: {} },
  supportsDryRun: true,
  retry: { limit: 2, delaySeconds: 300, backoff: true },
  timeoutSeconds: 1800,
  async run(_payload, { deps, dryRun, log }) {
    const result = await purgeApplications(deps, { dryRun });
    log.info({ ...result }, dryRun ? 'applications due for deletion counted' : 'applications purged');
    return { ...result };
  },
});
