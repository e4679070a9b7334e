import { Type as T } from '@sinclair/typebox';
import { defineJob, type JobDefinition } from '../../platform/jobs/types.js';
import { indexDueNews } from './core/service.js';
import { importAllFeeds, sumResults } from './import/service.js';

/** Every 15 minutes: the city's news feeds (conditional GET; a failing feed changes nothing and is reported). */
export const importFeedsJob = defineJob({
  name: 'news.import-feeds',
  description: 'Imports the enabled news feeds (RSS, Atom): new items added, changed ones updated, removed ones hidden',
  payload: T.Object({}, { additionalProperties: false }),
  schedule: { cron: '*/15 * * * *', payload: {} },
  supportsDryRun: true,
  retry: { limit: 2, delaySeconds: 120, backoff: true },
  timeoutSeconds: 600,
  async run(_payload, { deps, dryRun, log }) {
    const result = sumResults(await importAllFeeds(deps, { dryRun, log }));
    log.info({ ...result, dryRun }, dryRun ? 'news feeds checked' : 'news feeds imported');
    return { ...result, dryRun };
  },
});

/** Every 5 minutes: scheduled news whose time has come enter the search and the start page. */
export const publishScheduledJob = defineJob({
  name: 'news.publish-scheduled',
  description: 'Indexes scheduled news items whose publishing time has come and refreshes the cached pages',
  payload: T.Object({}, { additionalProperties: false }),
  schedule: { cron: '*/5 * * * *', payload: {} },
  supportsDryRun: true,
  retry: { limit: 2, delaySeconds: 60, backoff: true },
  timeoutSeconds: 300,
  async run(_payload, { deps, dryRun, log }) {
    const due = await indexDueNews(deps, { dryRun });
    log.info({ due, dryRun }, 'scheduled news indexed');
    return { due, dryRun };
  },
});

export const newsJobs: JobDefinition[] = [importFeedsJob, publishScheduledJob];
