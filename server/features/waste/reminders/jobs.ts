import { Type as T } from '@sinclair/typebox';
import { defineJob, type JobDefinition } from '../../../platform/jobs/types.js';
import { sendSlotReminders } from './service.js';

/**
 * Every half hour (Europe/Berlin wall clock, the scheduler maps slots across DST): queues the reminders of the
 * slot and asks for delivery. A slot run again (retry, a lost process, `cli job … `) queues nothing twice.
 * Without a slot (run by hand) the current half hour is used.
 */
export const sendRemindersJobName = 'waste.send-reminders';

export const sendRemindersJob = defineJob({
  name: sendRemindersJobName,
  description: 'Queues the waste collection push reminders of the current half hour (evening before / morning of)',
  payload: T.Object({}, { additionalProperties: false }),
  schedule: { cron: '0,30 * * * *', payload: {} },
  retry: { limit: 3, delaySeconds: 60, backoff: true },
  timeoutSeconds: 900,
  supportsDryRun: true,
  async run(_payload, { deps, slot, dryRun, log }) {
    const run = await sendSlotReminders(deps, slot ?? deps.now(), { dryRun });
    if (run.enqueued > 0) log.info({ enqueued: run.enqueued, day: run.collectionDay }, 'waste reminders queued');
    return {
      mode: run.mode ?? 'none',
      collectionDay: run.collectionDay ?? '',
      enqueued: run.enqueued,
      withdrawn: run.withdrawn,
    };
  },
});

export const wasteReminderJobs: JobDefinition[] = [sendRemindersJob];
