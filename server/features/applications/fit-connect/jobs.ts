import { Type as T } from '@sinclair/typebox';
import { defineJob } from '../../../platform/jobs/types.js';
import { deliverJobName } from '../core/fit-connect/destinations.js';
import { deliverApplication } from './deliver.js';
import { pollOutcomes } from './poll.js';

// FIT-Connect unreachable for a while: 1, 2, 4 … 256 minutes (about 8.5 hours in all); the last try gives up.
const deliverRetry = { limit: 9, delaySeconds: 60, backoff: true };

/** Delivers one stored application to its FIT-Connect destination (enqueued in the sending transaction). */
export const deliverFitConnectJob = defineJob({
  name: deliverJobName,
  description: 'Delivers an online application (ciphertext only) to its FIT-Connect destination, resuming on retry',
  payload: T.Object({ applicationId: T.String({ pattern: '^[0-9a-f-]{36}$' }) }, { additionalProperties: false }),
  retry: deliverRetry,
  // Attachments up to 20 MB each, every request with its own deadline; a run lost with its process resumes.
  timeoutSeconds: 900,
  async run(payload, { deps, log, attempt }) {
    const outcome = await deliverApplication(deps, payload.applicationId, attempt > deliverRetry.limit);
    log.info({ outcome }, 'FIT-Connect delivery done');
    return { outcome };
  },
});

/** Every five minutes: accepts and rejects from the FIT-Connect event log become mailbox events. */
export const pollFitConnectJob = defineJob({
  name: 'applications.poll-fit-connect',
  description: "Reads FIT-Connect's event log of delivered applications: accepted or rejected by the office",
  payload: T.Object({}, { additionalProperties: false }),
  schedule: { cron: '*/5 * * * *', payload: {} },
  retry: { limit: 1, delaySeconds: 60, backoff: false },
  timeoutSeconds: 600,
  async run(_payload, { deps, log }) {
    const result = await pollOutcomes(deps, log);
    log.info({ ...result }, 'FIT-Connect event log read');
    return { ...result };
  },
});
