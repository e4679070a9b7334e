import { Type as T } from '@sinclair/typebox';
import { defineJob, type JobDefinition } from '../../../platform/jobs/types.js';
import {
  alertConfirmJobName,
  purgeAlerts,
  queueAlertPushes,
  sendAlertConfirmation,
  sendAlertDigests,
} from './service.js';

/** The double opt-in mail of an e-mail alert; enqueued with the alert, in its transaction. */
export const alertConfirmJob = defineJob({
  name: alertConfirmJobName,
  description: 'Mails the link that confirms an area alert by e-mail (double opt-in)',
  payload: T.Object({ alertId: T.Integer({ minimum: 1 }) }, { additionalProperties: false }),
  retry: { limit: 8, delaySeconds: 60, backoff: true },
  timeoutSeconds: 120,
  async run(payload, { deps, log }) {
    const outcome = await sendAlertConfirmation(deps, payload.alertId);
    log.info({ outcome }, 'area alert confirmation mail done');
    return { outcome };
  },
});

/** Every morning: one digest mail per address with the new public reports of its area alerts. */
export const alertDigestJob = defineJob({
  name: 'reports.alert-digest',
  description: 'Mails each area alert subscriber one list of the new public reports in their areas (daily at most)',
  payload: T.Object({}, { additionalProperties: false }),
  schedule: { cron: '0 7 * * *', payload: {} },
  supportsDryRun: true,
  retry: { limit: 4, delaySeconds: 120, backoff: true },
  timeoutSeconds: 1800,
  async run(_payload, { deps, dryRun, log, slot }) {
    const result = await sendAlertDigests(deps, { dryRun, ...(slot ? { at: slot } : {}) });
    log.info({ ...result }, dryRun ? 'area alert digests counted' : 'area alert digests sent');
    return { ...result };
  },
});

/** Every ten minutes: one push per new public report to the browsers whose area alert it falls in. */
export const alertPushJob = defineJob({
  name: 'reports.alert-push',
  description: 'Queues a push for each new public report to the browsers with an area alert for its place',
  payload: T.Object({}, { additionalProperties: false }),
  schedule: { cron: '*/10 * * * *', payload: {} },
  supportsDryRun: true,
  retry: { limit: 3, delaySeconds: 60, backoff: true },
  timeoutSeconds: 600,
  async run(_payload, { deps, dryRun, log }) {
    const result = await queueAlertPushes(deps, { dryRun });
    if (result.queued > 0) log.info({ ...result, dryRun }, 'area alert pushes queued');
    return { ...result, ...(dryRun ? { dryRun } : {}) };
  },
});

/** Nightly: expired unconfirmed alerts, ended ones after seven days, delivery records after fourteen. */
export const alertPurgeJob = defineJob({
  name: 'reports.alert-purge',
  description: 'Deletes unconfirmed area alerts after 48 hours, ended ones after 7 days, delivery records after 14',
  payload: T.Object({}, { additionalProperties: false }),
  schedule: { cron: '40 2 * * *', payload: {} },
  supportsDryRun: true,
  retry: { limit: 2, delaySeconds: 300, backoff: true },
  timeoutSeconds: 600,
  async run(_payload, { deps, dryRun, log }) {
    const result = await purgeAlerts(deps, { dryRun });
    log.info({ ...result, dryRun }, dryRun ? 'area alerts due for deletion counted' : 'area alerts purged');
    return { ...result, ...(dryRun ? { dryRun } : {}) };
  },
});

export const reportAlertJobs: JobDefinition[] = [alertConfirmJob, alertDigestJob, alertPushJob, alertPurgeJob];
