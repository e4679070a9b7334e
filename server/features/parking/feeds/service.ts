import type { FastifyBaseLogger } from 'fastify';
import type { Deps } from '../../../platform/deps.js';
import { recordReadings } from '../core/service.js';
import type { FeedFormat } from '../core/statuses.js';
import { adapters } from './adapters.js';
import { FeedFormatError } from './errors.js';
import { FeedFetchError, fetchFeedText } from './fetch.js';
import { saveFeedFailure, saveFeedSuccess, selectFeedStates } from './state-queries.js';

export interface FeedPollResult {
  url: string;
  format: FeedFormat;
  outcome: 'ok' | 'failed' | 'backing_off' | 'dry_run';
  accepted: number;
  rejected: number;
  error?: string;
}

// After n failures in a row a feed waits 5 min · 2^(n-1), at most 6 hours, before it is asked again.
const baseBackoffMs = 5 * 60_000;
const maxBackoffMs = 6 * 3_600_000;

/** When a feed that has now failed `failures` times in a row is asked again. */
export function nextAttemptAfter(now: Date, failures: number): Date {
  return new Date(now.getTime() + Math.min(maxBackoffMs, baseBackoffMs * 2 ** Math.max(0, failures - 1)));
}

/**
 * Polls every configured feed that is not backing off: fetch with a deadline, parse with its adapter, store what
 * is plausible (core's recordReadings refuses lies per facility, which are logged). A failing feed changes no
 * reading; its facilities go stale after 30 minutes on their own.
 */
export async function pollFeeds(
  deps: Deps,
  options: {
    dryRun: boolean;
    log: FastifyBaseLogger /** Fetch feeds in backoff too (an admin's "now"). */;
    force?: boolean;
  },
): Promise<FeedPollResult[]> {
  const m = deps.config.municipality;
  const states = new Map((await selectFeedStates(deps.db, m.id)).map((s) => [s.url, s]));
  const results: FeedPollResult[] = [];
  for (const feed of deps.config.parking.feeds) {
    const now = deps.now();
    const state = states.get(feed.url);
    const base = { url: feed.url, format: feed.format, accepted: 0, rejected: 0 };
    if (!options.force && state?.nextAttemptAt && state.nextAttemptAt > now) {
      results.push({ ...base, outcome: 'backing_off' });
      continue;
    }
    try {
      const text = await fetchFeedText(feed.url, deps.config.parking.feedTimeoutMs);
      const readings = adapters[feed.format](text, m.timeZone);
      if (options.dryRun) {
        results.push({ ...base, outcome: 'dry_run', accepted: readings.length });
        continue;
      }
      const recorded = await recordReadings(deps, readings, feed.format);
      for (const r of recorded.rejected) {
        options.log.warn({ feed: feed.url, facility: r.ref, reason: r.reason }, 'parking reading refused');
      }
      await saveFeedSuccess(deps.db, m.id, feed.url, {
        at: now,
        accepted: recorded.accepted,
        rejected: recorded.rejected.length,
      });
      results.push({ ...base, outcome: 'ok', accepted: recorded.accepted, rejected: recorded.rejected.length });
    } catch (err) {
      if (!(err instanceof FeedFetchError || err instanceof FeedFormatError)) throw err;
      const failures = (state?.failures ?? 0) + 1;
      options.log.warn({ feed: feed.url, failures, error: err.message }, 'parking feed failed');
      if (!options.dryRun) {
        await saveFeedFailure(deps.db, m.id, feed.url, {
          at: now,
          error: err.message,
          failures,
          nextAttemptAt: nextAttemptAfter(now, failures),
        });
      }
      results.push({ ...base, outcome: 'failed', error: err.message });
    }
  }
  return results;
}
