import type { Db } from '../../../platform/db.js';
import type { Deps } from '../../../platform/deps.js';
import { AppError, notFound } from '../../../platform/errors.js';
import { type AuditActor, recordAudit } from '../../audit/service.js';
import {
  deleteNewsItem as deleteNewsItemRow,
  insertNewsItem,
  type NewsItemRow,
  selectNewsItem,
  updateNewsItemContent,
  updateNewsItemFlags,
} from '../core/items-queries.js';
import { forgetCachedNews, syncNewsIndex } from '../core/service.js';
import { cleanNewsInput, type NewsInput } from './validation.js';

// An editor's news: write (Markdown, sanitised), schedule, pin, unpublish, delete; every change audited.

/** What the audit log keeps of an item (no bodies: they can be long; the item itself keeps the latest). */
const auditView = (i: NewsItemRow) => ({
  topic: i.topic,
  titleDe: i.titleDe,
  titleEn: i.titleEn,
  publishedAt: i.publishedAt,
  pinned: i.pinned,
  unpublished: i.unpublished,
});

async function reread(db: Db | Parameters<typeof selectNewsItem>[0], m: string, id: number) {
  const row = await selectNewsItem(db, m, id);
  if (!row) throw notFound('News item');
  return row;
}

/** Creates an item written by an editor. Throws validation_failed. */
export async function createNewsItem(deps: Deps, input: NewsInput, actor: AuditActor): Promise<NewsItemRow> {
  const m = deps.config.municipality;
  const now = deps.now();
  const clean = cleanNewsInput(input, now, m.timeZone);
  return deps.db.transaction(async (tx) => {
    const id = await insertNewsItem(tx, m.id, {
      ...clean,
      imageId: null,
      imageAlt: null,
      link: null,
      contentHash: null,
      source: 'editor',
      feedId: null,
      sourceKey: null,
      demo: false,
      now,
    });
    const row = await reread(tx, m.id, id);
    await syncNewsIndex(tx, m.id, [row], now);
    await recordAudit(tx, {
      municipalityId: m.id,
      actor,
      action: 'news.create',
      entityType: 'news_item',
      entityId: id,
      after: auditView(row),
      at: now,
    });
    return row;
  });
}

/** Changes an item's texts, topic, time and pin. Throws not_found or validation_failed. */
export async function updateNewsItem(deps: Deps, id: number, input: NewsInput, actor: AuditActor) {
  const m = deps.config.municipality;
  const now = deps.now();
  const clean = cleanNewsInput(input, now, m.timeZone);
  return deps.db.transaction(async (tx) => {
    const before = await selectNewsItem(tx, m.id, id, true);
    if (!before) throw notFound('News item');
    // An unchanged time keeps the item's date (the form shows minutes only).
    const unchanged = Math.abs(clean.publishedAt.getTime() - before.publishedAt.getTime()) < 60_000;
    const publishedAt =
      unchanged || (!input.publishDate && !input.publishTime) ? before.publishedAt : clean.publishedAt;
    await updateNewsItemContent(tx, m.id, id, {
      ...clean,
      publishedAt,
      imageId: before.imageId,
      imageAlt: before.imageAlt,
      link: before.link,
      contentHash: before.contentHash,
      now,
      backInFeed: false,
    });
    await updateNewsItemFlags(tx, m.id, id, { pinned: clean.pinned, unpublished: before.unpublished, now });
    const after = await reread(tx, m.id, id);
    await syncNewsIndex(tx, m.id, [after], now);
    await recordAudit(tx, {
      municipalityId: m.id,
      actor,
      action: 'news.update',
      entityType: 'news_item',
      entityId: id,
      before: auditView(before),
      after: auditView(after),
      at: now,
    });
    return after;
  });
}

export const newsFlagActions = ['pin', 'unpin', 'unpublish', 'publish'] as const;
export type NewsFlagAction = (typeof newsFlagActions)[number];

/** Pins, unpins, unpublishes or publishes again. Throws not_found. */
export async function setNewsItemFlag(deps: Deps, id: number, action: NewsFlagAction, actor: AuditActor) {
  const m = deps.config.municipality.id;
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const before = await selectNewsItem(tx, m, id, true);
    if (!before) throw notFound('News item');
    const flags = {
      pinned: action === 'pin' ? true : action === 'unpin' ? false : before.pinned,
      unpublished: action === 'unpublish' ? true : action === 'publish' ? false : before.unpublished,
    };
    await updateNewsItemFlags(tx, m, id, { ...flags, now });
    const after = await reread(tx, m, id);
    await syncNewsIndex(tx, m, [after], now);
    await recordAudit(tx, {
      municipalityId: m,
      actor,
      action: `news.${action}`,
      entityType: 'news_item',
      entityId: id,
      before: { pinned: before.pinned, unpublished: before.unpublished },
      after: flags,
      at: now,
    });
    return after;
  });
}

/**
 * Deletes an editor's item. An imported one cannot be deleted (the next import would bring it back): it is
 * unpublished instead. Throws not_found, or conflict for an imported item.
 */
export async function deleteNewsItem(deps: Deps, id: number, actor: AuditActor): Promise<void> {
  const m = deps.config.municipality.id;
  const now = deps.now();
  await deps.db.transaction(async (tx) => {
    const before = await selectNewsItem(tx, m, id, true);
    if (!before) throw notFound('News item');
    if (before.source === 'feed') throw new AppError('conflict', 'Imported news items are unpublished, not deleted');
    await syncNewsIndex(tx, m, [{ ...before, unpublished: true }], now);
    await deleteNewsItemRow(tx, m, id);
    forgetCachedNews(tx, m);
    await recordAudit(tx, {
      municipalityId: m,
      actor,
      action: 'news.delete',
      entityType: 'news_item',
      entityId: id,
      before: auditView(before),
      at: now,
    });
  });
}
