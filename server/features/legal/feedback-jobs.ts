import { Type as T } from '@sinclair/typebox';
import { defineJob, type JobDefinition } from '../../platform/jobs/types.js';
import { purgeFeedback, purgeFeedbackJob, sendFeedback, sendFeedbackJob } from './feedback-service.js';

/** Mails one accessibility feedback to the municipality; enqueued with the feedback, in its transaction. */
export const sendAccessibilityFeedbackJob = defineJob({
  name: sendFeedbackJob,
  description: 'Mails a barrier reported through the accessibility feedback form to the feedback address',
  payload: T.Object({ id: T.Integer({ minimum: 1 }) }, { additionalProperties: false }),
  // A mail server that is down for a while: 1, 2, 4 … 128 minutes, about four hours in all.
  retry: { limit: 8, delaySeconds: 60, backoff: true },
  timeoutSeconds: 300,
  async run(payload, { deps, log }) {
    const result = await sendFeedback(deps, payload.id);
    log.info({ ...result }, 'accessibility feedback mail done');
    return { ...result };
  },
});

/** Nightly: deletes accessibility feedback mailed more than 180 days ago. */
export const purgeAccessibilityFeedbackJob = defineJob({
  name: purgeFeedbackJob,
  description: 'Deletes accessibility feedback 180 days after it was mailed',
  payload: T.Object({}, { additionalProperties: false }),
  schedule: { cron: '45 2 * * *', payload: {} },
  supportsDryRun: true,
  retry: { limit: 2, delaySeconds: 300, backoff: true },
  async run(_payload, { deps, dryRun, log }) {
    const result = await purgeFeedback(deps, { dryRun });
    log.info(
      { ...result },
      dryRun ? 'accessibility feedback due for deletion counted' : 'accessibility feedback deleted',
    );
    return { ...result, ...(dryRun ? { dryRun } : {}) };
  },
});

export const legalJobs: JobDefinition[] = [sendAccessibilityFeedbackJob, purgeAccessibilityFeedbackJob];
