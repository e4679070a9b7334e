import { Type as T } from '@sinclair/typebox';
import { defineJob, type JobDefinition } from '../jobs/types.js';
import { deliverPending } from './deliver.js';
import { deleteFinishedMessages } from './outbox-queries.js';
import { deliverJobName } from './service.js';

const keepFinishedDays = 14;

/**
 * Drains the send queue. Enqueued by features right after they queue messages, and every two minutes as a safety
 * net (retries that came due, a run lost with its process). Several processes may run it at once: claims skip
 * rows others hold. Never retried as a job: the messages carry their own retries.
 */
export const deliverPushJob = defineJob({
  name: deliverJobName,
  description: 'Sends due push messages (Web Push) and records accepted, gone and failed ones',
  payload: T.Object({}, { additionalProperties: false }),
  schedule: { cron: '*/2 * * * *', payload: {} },
  retry: { limit: 0, delaySeconds: 0, backoff: false },
  timeoutSeconds: 3600,
  async run(_payload, { deps, log }) {
    const result = await deliverPending(deps, { log });
    if (result.sent + result.gone + result.failed + result.retried > 0) log.info({ ...result }, 'push delivered');
    return { ...result };
  },
});

/** Nightly: deletes finished messages after two weeks (their dedupe keys have done their work). */
export const deleteOldPushMessagesJob = defineJob({
  name: 'push.delete-old-messages',
  description: `Deletes sent, gone, failed and interrupted push messages older than ${keepFinishedDays} days`,
  payload: T.Object({}, { additionalProperties: false }),
  schedule: { cron: '55 2 * * *', payload: {} },
  retry: { limit: 2, delaySeconds: 300, backoff: true },
  timeoutSeconds: 600,
  async run(_payload, { deps, log }) {
    const before = new Date(deps.now().getTime() - keepFinishedDays * 24 * 3600 * 1000);
    let deleted = 0;
    for (let n = 1; n > 0; deleted += n) n = await deleteFinishedMessages(deps.db, before, 5000);
    log.info({ deleted }, 'old push messages deleted');
    return { deleted };
  },
});

export const pushJobs: JobDefinition[] = [deliverPushJob, deleteOldPushMessagesJob];
