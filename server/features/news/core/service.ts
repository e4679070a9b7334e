import { afterCommit, type Queryable } from '../../../platform/db.js';
import type { Deps } from '../../../platform/deps.js';
import { notFound } from '../../../platform/errors.js';
import { invalidateResponses } from '../../../platform/http/response-cache.js';
import { indexDocuments, removeDocuments, type SearchDocument } from '../../search/documents.js';
import {
  type NewsItemRow,
  selectAllNewsItems,
  selectNewsItem,
  selectNewsItemsOutOfIndex,
  selectVisibleNewsItems,
  setNewsItemsIndexed,
} from './items-queries.js';
import { plainText } from './sanitise.js';

export type { NewsItemRow };

/** Cache tag of the public news pages (the start page has its own, `pages:<municipality>`). */
export const newsCacheTag = (municipalityId: string) => `news:${municipalityId}`;

/** An item's stable path: the id decides, the slug is for people (a wrong one redirects). */
export const newsPath = (item: Pick<NewsItemRow, 'id' | 'slug'>) => `/aktuelles/${item.id}-${item.slug}`;

/** The one rule of what the public sees: not unpublished, still in its feed, published by `now`. */
export function isNewsVisible(item: NewsItemRow, now: Date): boolean {
  return !item.unpublished && item.removedFromFeedAt === null && item.publishedAt.getTime() <= now.getTime();
}

function searchDocument(item: NewsItemRow): SearchDocument {
  return {
    kind: 'news',
    ref: String(item.id),
    url: newsPath(item),
    title: { de: item.titleDe, en: item.titleEn },
    summary: { de: item.summaryDe, en: item.summaryEn },
    body: { de: plainText(item.bodyDe), en: item.bodyEn ? plainText(item.bodyEn) : null },
    updatedAt: item.updatedAt,
  };
}

/** Forgets the cached news pages and start page once the transaction has committed. */
export function forgetCachedNews(tx: Queryable, municipalityId: string): void {
  afterCommit(tx, () => {
    invalidateResponses(newsCacheTag(municipalityId));
    invalidateResponses(`pages:${municipalityId}`);
  });
}

/**
 * Brings the search in line with the items' visibility now (indexes visible ones, removes the others) and forgets
 * the cached pages; call it in the transaction that changed the items, with their rows as they are now.
 */
export async function syncNewsIndex(tx: Queryable, municipalityId: string, items: NewsItemRow[], now: Date) {
  const visible = items.filter((i) => isNewsVisible(i, now));
  const hidden = items.filter((i) => !isNewsVisible(i, now));
  if (visible.length > 0) await indexDocuments(tx, municipalityId, visible.map(searchDocument));
  if (hidden.length > 0) {
    await removeDocuments(
      tx,
      municipalityId,
      'news',
      hidden.map((i) => String(i.id)),
    );
  }
  await setNewsItemsIndexed(
    tx,
    municipalityId,
    visible.map((i) => i.id),
    true,
  );
  await setNewsItemsIndexed(
    tx,
    municipalityId,
    hidden.map((i) => i.id),
    false,
  );
  forgetCachedNews(tx, municipalityId);
}

/** Re-reads the items by id and syncs their search state (after writes in the same transaction). */
export async function syncNewsIndexByIds(tx: Queryable, municipalityId: string, ids: number[], now: Date) {
  const rows: NewsItemRow[] = [];
  for (const id of ids) {
    const row = await selectNewsItem(tx, municipalityId, id);
    if (row) rows.push(row);
  }
  if (rows.length > 0) await syncNewsIndex(tx, municipalityId, rows, now);
}

/** Indexes scheduled items whose time has come (and removes any that are no longer visible); returns the count. */
export async function indexDueNews(deps: Deps, options: { dryRun: boolean }): Promise<number> {
  const m = deps.config.municipality.id;
  return deps.db.transaction(async (tx) => {
    const now = deps.now();
    const due = await selectNewsItemsOutOfIndex(tx, m, now);
    if (!options.dryRun && due.length > 0) await syncNewsIndex(tx, m, due, now);
    return due.length;
  });
}

/** One item (any state), for the back office; throws not_found. */
export async function getNewsItem(db: Queryable, municipalityId: string, id: number): Promise<NewsItemRow> {
  const row = await selectNewsItem(db, municipalityId, id);
  if (!row) throw notFound('News item');
  return row;
}

/** One item as the public may see it; throws not_found for unknown and hidden ones. */
export async function getVisibleNewsItem(deps: Deps, id: number): Promise<NewsItemRow> {
  const row = await selectNewsItem(deps.db, deps.config.municipality.id, id);
  if (!row || !isNewsVisible(row, deps.now())) throw notFound('News item');
  return row;
}

/** A page of the public list (pinned first, newest first), optionally of one topic. */
export function listVisibleNews(deps: Deps, q: { topic?: string | undefined; page: number; perPage: number }) {
  return selectVisibleNewsItems(deps.db, deps.config.municipality.id, {
    now: deps.now(),
    topic: q.topic,
    limit: q.perPage,
    offset: (q.page - 1) * q.perPage,
  });
}

/** A page of every item for editors. */
export function listAllNews(db: Queryable, municipalityId: string, q: { page: number; perPage: number }) {
  return selectAllNewsItems(db, municipalityId, { limit: q.perPage, offset: (q.page - 1) * q.perPage });
}
