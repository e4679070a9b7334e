import type { JobDefinition } from '../../platform/jobs/types.js';
import { notifyMailJob } from './core/notify.js';
import { purgeApplicationsJob } from './core/retention.js';
import { deliverFitConnectJob, pollFitConnectJob } from './fit-connect/jobs.js';
import { purgeDraftsJob } from './forms/jobs.js';

/** The online applications' jobs (the registry in server/jobs.ts lists them). */
export const applicationJobs: JobDefinition[] = [
  notifyMailJob,
  purgeDraftsJob,
  deliverFitConnectJob,
  pollFitConnectJob,
  purgeApplicationsJob,
];
