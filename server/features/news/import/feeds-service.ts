import type { Deps } from '../../../platform/deps.js';
import { AppError, type FieldErrors, notFound } from '../../../platform/errors.js';
import { type AuditActor, recordAudit } from '../../audit/service.js';
import {
  deleteNewsFeed,
  feedUrlTaken,
  insertNewsFeed,
  type NewsFeedRow,
  type NewsFeedWrite,
  selectNewsFeed,
  selectNewsFeeds,
  updateNewsFeed,
} from '../core/feeds-queries.js';
import { isNewsTopic } from '../core/topics.js';

export type { NewsFeedRow };

export interface FeedInput {
  name: string;
  url: string;
  topic: string;
  enabled: boolean;
}

/** Checks a feed's settings; throws validation_failed with an i18n key per field. */
function cleanFeed(input: FeedInput): NewsFeedWrite {
  const errors: FieldErrors = {};
  const name = input.name.trim();
  const url = input.url.trim();
  if (!name) errors.name = 'news.feeds.errors.nameRequired';
  else if (name.length > 120) errors.name = 'news.feeds.errors.nameTooLong';
  let valid = false;
  try {
    const u = new URL(url);
    valid = (u.protocol === 'https:' || u.protocol === 'http:') && url.length <= 2048;
  } catch {
    valid = false;
  }
  if (!valid) errors.url = 'news.feeds.errors.url';
  if (!isNewsTopic(input.topic)) errors.topic = 'news.errors.topic';
  if (Object.keys(errors).length > 0) throw new AppError('validation_failed', 'The feed has invalid fields', errors);
  return { name, url, topic: input.topic, enabled: input.enabled };
}

const urlTaken = () => new AppError('conflict', 'A feed with this URL exists', { url: 'news.feeds.errors.urlTaken' });

/** Every feed with its last fetch's outcome. */
export const listFeeds = (deps: Deps) => selectNewsFeeds(deps.db, deps.config.municipality.id);

/** One feed; throws not_found. */
export async function getFeed(deps: Deps, id: number): Promise<NewsFeedRow> {
  const feed = await selectNewsFeed(deps.db, deps.config.municipality.id, id);
  if (!feed) throw notFound('Feed');
  return feed;
}

/** Adds a feed. Throws validation_failed or conflict (URL taken). */
export async function createFeed(deps: Deps, input: FeedInput, actor: AuditActor): Promise<NewsFeedRow> {
  const m = deps.config.municipality.id;
  const clean = cleanFeed(input);
  return deps.db.transaction(async (tx) => {
    const row = await insertNewsFeed(tx, m, { ...clean, now: deps.now() });
    if (!row) throw urlTaken();
    await recordAudit(tx, {
      municipalityId: m,
      actor,
      action: 'news-feed.create',
      entityType: 'news_feed',
      entityId: row.id,
      after: clean,
    });
    return row;
  });
}

/** Changes a feed. Throws not_found, validation_failed or conflict. */
export async function updateFeed(deps: Deps, id: number, input: FeedInput, actor: AuditActor): Promise<void> {
  const m = deps.config.municipality.id;
  const clean = cleanFeed(input);
  await deps.db.transaction(async (tx) => {
    const before = await selectNewsFeed(tx, m, id);
    if (!before) throw notFound('Feed');
    if (await feedUrlTaken(tx, m, clean.url, id)) throw urlTaken();
    await updateNewsFeed(tx, m, id, { ...clean, now: deps.now() });
    await recordAudit(tx, {
      municipalityId: m,
      actor,
      action: 'news-feed.update',
      entityType: 'news_feed',
      entityId: id,
      before: { name: before.name, url: before.url, topic: before.topic, enabled: before.enabled },
      after: clean,
    });
  });
}

/** Deletes a feed; its items stay (and are no longer hidden or updated by it). Throws not_found. */
export async function deleteFeed(deps: Deps, id: number, actor: AuditActor): Promise<void> {
  const m = deps.config.municipality.id;
  await deps.db.transaction(async (tx) => {
    const before = await selectNewsFeed(tx, m, id);
    if (!before) throw notFound('Feed');
    await deleteNewsFeed(tx, m, id);
    await recordAudit(tx, {
      municipalityId: m,
      actor,
      action: 'news-feed.delete',
      entityType: 'news_feed',
      entityId: id,
      before: { name: before.name, url: before.url, topic: before.topic },
    });
  });
}
