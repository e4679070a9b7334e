import { Type as T } from '@sinclair/typebox';
import { defineJob, type JobDefinition } from '../../platform/jobs/types.js';
import { confirmEmailJobName } from './core/email-confirmation.js';
import { purgeExpiredDrafts } from './intake/drafts.js';
import { sendEmailConfirmation } from './notify/confirm-service.js';
import { purgeDigestRecords, sendOverdueDigests } from './notify/digest-service.js';
import { notifyAboutEvent } from './notify/status-service.js';
import { anonymiseDueReports } from './retention/service.js';

/** Mails reporter and supporters about one public event; enqueued with the event, in its transaction. */
export const notifyStatusJob = defineJob({
  name: 'reports.notify-status',
  description: 'Mails the reporter and supporters about a public status change of a report',
  payload: T.Object({ eventId: T.Integer({ minimum: 1 }) }, { additionalProperties: false }),
  // A mail server that is down for a while: 1, 2, 4 … 128 minutes, about four hours in all.
  retry: { limit: 8, delaySeconds: 60, backoff: true },
  timeoutSeconds: 300,
  async run(payload, { deps, log }) {
    const result = await notifyAboutEvent(deps, payload.eventId);
    log.info({ ...result }, 'report notification mails done');
    return { ...result };
  },
});

/** The double opt-in mail of an address that came without a proof of work; enqueued with its row. */
export const confirmEmailJob = defineJob({
  name: confirmEmailJobName,
  description: 'Mails a reporter or supporter the link that confirms their address (double opt-in)',
  payload: T.Object(
    { kind: T.Union([T.Literal('reporter'), T.Literal('supporter')]), id: T.Integer({ minimum: 1 }) },
    { additionalProperties: false },
  ),
  retry: { limit: 8, delaySeconds: 60, backoff: true },
  timeoutSeconds: 120,
  async run(payload, { deps, log }) {
    const outcome = await sendEmailConfirmation(deps, payload);
    log.info({ outcome, kind: payload.kind }, 'address confirmation mail done');
    return { outcome };
  },
});

/** Working-day mornings: each department's overdue reports to its staff, unassigned ones to the BSC. */
export const overdueDigestJob = defineJob({
  name: 'reports.overdue-digest',
  description: 'Mails staff the overdue reports of their department, and the BSC the unassigned ones',
  payload: T.Object({}, { additionalProperties: false }),
  schedule: { cron: '0 7 * * 1-5', payload: {} },
  supportsDryRun: true,
  retry: { limit: 4, delaySeconds: 120, backoff: true },
  timeoutSeconds: 1800,
  async run(_payload, { deps, dryRun, log, slot }) {
    const result = await sendOverdueDigests(deps, { dryRun, ...(slot ? { at: slot } : {}) });
    log.info({ ...result }, dryRun ? 'overdue digests counted' : 'overdue digests sent');
    return { ...result };
  },
});

/** Nightly: deletes the personal data of reports past their retention period (counts only in logs). */
export const anonymiseJob = defineJob({
  name: 'reports.anonymise',
  description: 'Deletes personal data of reports past their retention period (the anonymous remainder stays)',
  payload: T.Object({}, { additionalProperties: false }),
  schedule: { cron: '30 2 * * *', payload: {} },
  supportsDryRun: true,
  retry: { limit: 2, delaySeconds: 300, backoff: true },
  timeoutSeconds: 3600,
  async run(_payload, { deps, dryRun, log }) {
    const result = await anonymiseDueReports(deps, { dryRun });
    const digestRecords = dryRun ? 0 : await purgeDigestRecords(deps);
    log.info({ ...result, digestRecords }, dryRun ? 'reports due for anonymisation counted' : 'reports anonymised');
    return { ...result, ...(dryRun ? {} : { digestRecords }) };
  },
});

/** Hourly: photos of report forms left unsent (kept between the no-JavaScript steps) are deleted after a day. */
export const purgeDraftsJob = defineJob({
  name: 'reports.purge-drafts',
  description: 'Deletes photos of unsent report forms (kept between the steps without JavaScript) after a day',
  payload: T.Object({}, { additionalProperties: false }),
  schedule: { cron: '17 * * * *', payload: {} },
  retry: { limit: 2, delaySeconds: 300, backoff: true },
  timeoutSeconds: 300,
  async run(_payload, { deps, log }) {
    const deleted = await purgeExpiredDrafts(deps);
    log.info({ deleted }, 'expired report drafts deleted');
    return { deleted };
  },
});

export const reportJobs: JobDefinition[] = [
  notifyStatusJob,
  confirmEmailJob,
  overdueDigestJob,
  anonymiseJob,
  purgeDraftsJob,
];
