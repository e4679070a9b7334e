import { applicationJobs } from './features/applications/jobs.js';
import { citizenJobs } from './features/citizens/jobs.js';
import { legalJobs } from './features/legal/feedback-jobs.js';
import { newsJobs } from './features/news/jobs.js';
import { parkingJobs } from './features/parking/jobs.js';
import { reportAlertJobs } from './features/reports/alerts/jobs.js';
import { reportCoreJobs } from './features/reports/core/jobs.js';
import { reportJobs } from './features/reports/jobs.js';
import { searchJobs } from './features/search/jobs.js';
import { userJobs } from './features/users/jobs.js';
import { wasteImportJobs } from './features/waste/import/jobs.js';
import { wasteReminderJobs } from './features/waste/reminders/jobs.js';
import { dbJobs } from './platform/db-statistics.js';
import type { JobDefinition } from './platform/jobs/types.js';
import { mailJobs } from './platform/mail/jobs.js';
import { pushJobs } from './platform/push/jobs.js';

/** The job registry: every feature's job definitions, the only list besides app.ts that names all features. */
export const jobDefinitions: JobDefinition[] = [
  ...userJobs,
  ...reportJobs,
  ...reportCoreJobs,
  ...wasteImportJobs,
  ...legalJobs,
  ...mailJobs,
  ...dbJobs,
  ...pushJobs,
  ...wasteReminderJobs,
  ...reportAlertJobs,
  ...newsJobs,
  ...searchJobs,
  ...parkingJobs,
  ...applicationJobs,
  ...citizenJobs,
];
