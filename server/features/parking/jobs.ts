import { Type as T } from '@sinclair/typebox';
import { defineJob, type JobDefinition } from '../../platform/jobs/types.js';
import { runSimulatedFeed } from './demo/simulate-feed.js';
import { pollFeeds } from './feeds/service.js';
import { purgeHistory } from './history/service.js';

/** Every 5 minutes: each configured feed not backing off (its own deadline); in demo mode the simulated feed. */
export const pollFeedsJob = defineJob({
  name: 'parking.poll-feeds',
  description: 'Fetches the parking feeds (with backoff after failures); in demo mode the simulated feed',
  payload: T.Object({}, { additionalProperties: false }),
  schedule: { cron: '*/5 * * * *', payload: {} },
  supportsDryRun: true,
  // A failing feed is handled inside (backoff, logged); a retry only helps when the database was away.
  retry: { limit: 1, delaySeconds: 60, backoff: true },
  timeoutSeconds: 240,
  async run(_payload, { deps, dryRun, log }) {
    const feeds = await pollFeeds(deps, { dryRun, log });
    const simulated = dryRun ? 0 : (await runSimulatedFeed(deps)).accepted;
    const failed = feeds.filter((f) => f.outcome === 'failed').length;
    const accepted = feeds.reduce((n, f) => n + f.accepted, 0);
    const rejected = feeds.reduce((n, f) => n + f.rejected, 0);
    log.info({ feeds: feeds.length, failed, accepted, rejected, simulated, dryRun }, 'parking feeds polled');
    return { feeds: feeds.length, failed, accepted, rejected, simulated, dryRun };
  },
});

/** Nightly: history beyond PARKING_HISTORY_DAYS is deleted in bounded batches. */
export const purgeHistoryJob = defineJob({
  name: 'parking.purge-history',
  description: 'Deletes parking history older than PARKING_HISTORY_DAYS in bounded batches',
  payload: T.Object({}, { additionalProperties: false }),
  schedule: { cron: '40 3 * * *', payload: {} },
  supportsDryRun: true,
  retry: { limit: 2, delaySeconds: 300, backoff: true },
  timeoutSeconds: 1800,
  async run(_payload, { deps, dryRun, log }) {
    const result = await purgeHistory(deps, { dryRun });
    log.info({ ...result, dryRun }, dryRun ? 'parking history due' : 'parking history purged');
    return { ...result, dryRun };
  },
});

export const parkingJobs: JobDefinition[] = [pollFeedsJob, purgeHistoryJob];
