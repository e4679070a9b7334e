import { createHash } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import { slugify } from '../../../../shared/formats.js';
import type { Deps } from '../../../platform/deps.js';
import { notFound } from '../../../platform/errors.js';
import { type NewsFeedRow, recordFeedFetch, selectNewsFeed, selectNewsFeeds } from '../core/feeds-queries.js';
import {
  insertNewsItem,
  markMissingFromFeed,
  type NewsItemWrite,
  selectNewsItemsBySourceKey,
  updateNewsItemContent,
} from '../core/items-queries.js';
import { plainText, sanitiseNewsHtml, shorten } from '../core/sanitise.js';
import { syncNewsIndexByIds } from '../core/service.js';
import { FetchProblem, fetchFeed } from './fetch.js';
import { downloadNewsImage } from './images.js';
import { FeedFormatError, type ParsedFeedItem, parseFeed } from './parse.js';

export const feedLimits = { timeoutMs: 15_000, maxBytes: 5 * 1024 * 1024 };

export interface FeedImportResult {
  feedId: number;
  status: 'ok' | 'not_modified' | 'error';
  added: number;
  updated: number;
  hidden: number;
  unchanged: number;
  error?: string;
}

const hashOf = (w: unknown) => createHash('sha256').update(JSON.stringify(w)).digest('hex');

/** An imported item's fields: sanitised body, plain summary, slug from the title. */
function contentOf(p: ParsedFeedItem, feed: NewsFeedRow, now: Date, imageId: number | null): NewsItemWrite {
  const body = sanitiseNewsHtml(p.html);
  const summary = shorten(plainText(p.summaryHtml || p.html));
  const fields = {
    topic: feed.topic,
    slug: slugify(p.title, 80) || 'meldung',
    titleDe: p.title.slice(0, 300),
    titleEn: null,
    summaryDe: summary,
    summaryEn: null,
    bodyDe: body,
    bodyEn: null,
    markdownDe: null,
    markdownEn: null,
    imageId,
    imageAlt: null,
    publishedAt: p.publishedAt ?? now,
    link: p.link,
  };
  return { ...fields, contentHash: hashOf({ ...fields, publishedAt: p.publishedAt?.toISOString() ?? null }) };
}

const messageOf = (err: unknown) =>
  err instanceof FetchProblem || err instanceof FeedFormatError ? err.message : 'unexpected error';

/**
 * Imports one feed: conditional GET, parse, then in one transaction add new items, update changed ones, hide the
 * feed's items it no longer lists (dedupe by GUID, else link; an item another feed brought is left alone). A feed
 * that is down, too slow or malformed changes no item; its error is recorded for the admin page and logged.
 * `dryRun` fetches and parses but writes nothing.
 */
export async function importFeed(
  deps: Deps,
  feed: NewsFeedRow,
  options: { dryRun?: boolean; log?: FastifyBaseLogger } = {},
): Promise<FeedImportResult> {
  const m = deps.config.municipality.id;
  const result: FeedImportResult = { feedId: feed.id, status: 'ok', added: 0, updated: 0, hidden: 0, unchanged: 0 };
  let items: ParsedFeedItem[];
  let fetched: Awaited<ReturnType<typeof fetchFeed>>;
  try {
    fetched = await fetchFeed(feed.url, feed, feedLimits);
    items = fetched.status === 'ok' ? parseFeed(fetched.body) : [];
  } catch (err) {
    const error = messageOf(err);
    options.log?.warn({ feedId: feed.id, url: feed.url, error, err }, 'news feed failed');
    if (!options.dryRun) await recordFeedFetch(deps.db, m, feed.id, { status: 'error', error, now: deps.now() });
    return { ...result, status: 'error', error };
  }
  if (fetched.status === 'not_modified') {
    if (!options.dryRun) await recordFeedFetch(deps.db, m, feed.id, { status: 'not_modified', now: deps.now() });
    return { ...result, status: 'not_modified' };
  }
  // One entry per key (a feed listing an item twice keeps the first).
  const byKey = new Map<string, ParsedFeedItem>();
  for (const item of items) if (!byKey.has(item.key)) byKey.set(item.key, item);
  const images = new Map<string, number | null>();
  if (!options.dryRun) for (const p of byKey.values()) images.set(p.key, await downloadNewsImage(deps, p.imageUrl));

  await deps.db.transaction(async (tx) => {
    const now = deps.now();
    const existing = new Map(
      (await selectNewsItemsBySourceKey(tx, m, [...byKey.keys()])).map((row) => [row.sourceKey ?? '', row]),
    );
    const changed: number[] = [];
    for (const p of byKey.values()) {
      const content = contentOf(p, feed, now, images.get(p.key) ?? null);
      const row = existing.get(p.key);
      if (!row) {
        result.added++;
        if (options.dryRun) continue;
        const id = await insertNewsItem(tx, m, {
          ...content,
          source: 'feed',
          feedId: feed.id,
          sourceKey: p.key,
          pinned: false,
          demo: false,
          now,
        });
        changed.push(id);
      } else if (row.source !== 'feed' || (row.feedId !== null && row.feedId !== feed.id)) {
        // The same item in another feed (or an editor's): a duplicate, ignored.
        result.unchanged++;
      } else if (row.contentHash === content.contentHash && row.removedFromFeedAt === null) {
        result.unchanged++;
      } else {
        result.updated++;
        if (options.dryRun) continue;
        // An editor's later edit of an imported item is overwritten only when the feed changes it again.
        await updateNewsItemContent(tx, m, row.id, {
          ...content,
          imageId: content.imageId ?? row.imageId,
          now,
          backInFeed: true,
        });
        changed.push(row.id);
      }
    }
    if (options.dryRun) return;
    const hidden = await markMissingFromFeed(tx, m, feed.id, [...byKey.keys()], now);
    result.hidden = hidden.length;
    await syncNewsIndexByIds(tx, m, [...changed, ...hidden], now);
    await recordFeedFetch(tx, m, feed.id, {
      status: 'ok',
      etag: fetched.etag,
      lastModified: fetched.lastModified,
      itemCount: byKey.size,
      now,
    });
  });
  options.log?.info({ ...result }, 'news feed imported');
  return result;
}

/** Imports every enabled feed, one after another; a failing feed does not stop the others. */
export async function importAllFeeds(deps: Deps, options: { dryRun?: boolean; log?: FastifyBaseLogger } = {}) {
  const feeds = await selectNewsFeeds(deps.db, deps.config.municipality.id, true);
  const results: FeedImportResult[] = [];
  for (const feed of feeds) results.push(await importFeed(deps, feed, options));
  return results;
}

/** Imports one feed by id (the admin page's button), enabled or not; throws not_found. */
export async function importFeedById(deps: Deps, id: number, log?: FastifyBaseLogger) {
  const feed = await selectNewsFeed(deps.db, deps.config.municipality.id, id);
  if (!feed) throw notFound('Feed');
  return importFeed(deps, feed, log ? { log } : {});
}

/** Sums the results of several feeds (the job's report: counts only). */
export function sumResults(results: FeedImportResult[]) {
  const sum = { feeds: results.length, failed: 0, added: 0, updated: 0, hidden: 0, unchanged: 0 };
  for (const r of results) {
    if (r.status === 'error') sum.failed++;
    sum.added += r.added;
    sum.updated += r.updated;
    sum.hidden += r.hidden;
    sum.unchanged += r.unchanged;
  }
  return sum;
}
