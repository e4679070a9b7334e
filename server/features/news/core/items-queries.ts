import type { Queryable } from '../../../platform/db.js';

// The one owner of news_items: SQL only, no rules.

export interface NewsItemRow {
  id: number;
  source: 'feed' | 'editor';
  feedId: number | null;
  sourceKey: string | null;
  link: string | null;
  slug: string;
  topic: string;
  titleDe: string;
  titleEn: string | null;
  summaryDe: string;
  summaryEn: string | null;
  bodyDe: string;
  bodyEn: string | null;
  markdownDe: string | null;
  markdownEn: string | null;
  imageId: number | null;
  imageAlt: string | null;
  publishedAt: Date;
  pinned: boolean;
  unpublished: boolean;
  removedFromFeedAt: Date | null;
  indexed: boolean;
  contentHash: string | null;
  demo: boolean;
  createdAt: Date;
  updatedAt: Date;
  /** When an editor approved its push, if ever. */
  pushedAt: Date | null;
}

const columns = `i.id::int AS id, i.source, i.feed_id::int AS "feedId", i.source_key AS "sourceKey", i.link, i.slug,
  i.topic, i.title_de AS "titleDe", i.title_en AS "titleEn", i.summary_de AS "summaryDe",
  i.summary_en AS "summaryEn", i.body_de AS "bodyDe", i.body_en AS "bodyEn", i.markdown_de AS "markdownDe",
  i.markdown_en AS "markdownEn", i.image_id::int AS "imageId", i.image_alt AS "imageAlt",
  i.published_at AS "publishedAt", i.pinned, i.unpublished, i.removed_from_feed_at AS "removedFromFeedAt",
  i.indexed, i.content_hash AS "contentHash", i.demo, i.created_at AS "createdAt", i.updated_at AS "updatedAt",
  (SELECT s.approved_at FROM news_push_sends s WHERE s.municipality_id = i.municipality_id AND s.item_id = i.id)
    AS "pushedAt"`;

/** What the public may see: not unpublished, still in its feed, and its publishing time has come (`$2` = now). */
export const visibleSql = (nowParam: string) =>
  `NOT i.unpublished AND i.removed_from_feed_at IS NULL AND i.published_at <= ${nowParam}`;

/** The fields written on insert and update. */
export interface NewsItemWrite {
  topic: string;
  slug: string;
  titleDe: string;
  titleEn: string | null;
  summaryDe: string;
  summaryEn: string | null;
  bodyDe: string;
  bodyEn: string | null;
  markdownDe: string | null;
  markdownEn: string | null;
  imageId: number | null;
  imageAlt: string | null;
  publishedAt: Date;
  link: string | null;
  contentHash: string | null;
}

export interface NewsItemInsert extends NewsItemWrite {
  source: 'feed' | 'editor';
  feedId: number | null;
  sourceKey: string | null;
  pinned: boolean;
  demo: boolean;
  now: Date;
}

const writeParams = (w: NewsItemWrite) => [
  w.topic,
  w.slug,
  w.titleDe,
  w.titleEn,
  w.summaryDe,
  w.summaryEn,
  w.bodyDe,
  w.bodyEn,
  w.markdownDe,
  w.markdownEn,
  w.imageId,
  w.imageAlt,
  w.publishedAt,
  w.link,
  w.contentHash,
];

/** Inserts an item; returns its id. */
export async function insertNewsItem(tx: Queryable, municipalityId: string, w: NewsItemInsert): Promise<number> {
  const { rows } = await tx.query<{ id: number }>(
    `INSERT INTO news_items (municipality_id, topic, slug, title_de, title_en, summary_de, summary_en, body_de,
        body_en, markdown_de, markdown_en, image_id, image_alt, published_at, link, content_hash, source, feed_id,
        source_key, pinned, demo, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $22)
     RETURNING id::int AS id`,
    [municipalityId, ...writeParams(w), w.source, w.feedId, w.sourceKey, w.pinned, w.demo, w.now],
  );
  return rows[0]!.id;
}

/** Replaces an item's content fields; `backInFeed` brings back an item that had left its feed. */
export async function updateNewsItemContent(
  tx: Queryable,
  municipalityId: string,
  id: number,
  w: NewsItemWrite & { now: Date; backInFeed: boolean },
): Promise<void> {
  await tx.query(
    `UPDATE news_items SET topic = $3, slug = $4, title_de = $5, title_en = $6, summary_de = $7, summary_en = $8,
        body_de = $9, body_en = $10, markdown_de = $11, markdown_en = $12, image_id = $13, image_alt = $14,
        published_at = $15, link = $16, content_hash = $17, updated_at = $18,
        removed_from_feed_at = CASE WHEN $19 THEN NULL ELSE removed_from_feed_at END
      WHERE municipality_id = $1 AND id = $2`,
    [municipalityId, id, ...writeParams(w), w.now, w.backInFeed],
  );
}

/** Sets the editor's flags (pinned, unpublished). */
export async function updateNewsItemFlags(
  tx: Queryable,
  municipalityId: string,
  id: number,
  flags: { pinned: boolean; unpublished: boolean; now: Date },
): Promise<void> {
  await tx.query(
    `UPDATE news_items SET pinned = $3, unpublished = $4, updated_at = $5 WHERE municipality_id = $1 AND id = $2`,
    [municipalityId, id, flags.pinned, flags.unpublished, flags.now],
  );
}

/** Records whether the search holds these items now. */
export async function setNewsItemsIndexed(tx: Queryable, municipalityId: string, ids: number[], indexed: boolean) {
  if (ids.length === 0) return;
  await tx.query('UPDATE news_items SET indexed = $3 WHERE municipality_id = $1 AND id = ANY ($2::bigint[])', [
    municipalityId,
    ids,
    indexed,
  ]);
}

/** Deletes an item (its push approval goes with it). */
export async function deleteNewsItem(tx: Queryable, municipalityId: string, id: number): Promise<void> {
  await tx.query('DELETE FROM news_items WHERE municipality_id = $1 AND id = $2', [municipalityId, id]);
}

/** One item of the municipality, or undefined; `lock` takes a row lock for an update. */
export async function selectNewsItem(
  db: Queryable,
  municipalityId: string,
  id: number,
  lock = false,
): Promise<NewsItemRow | undefined> {
  const { rows } = await db.query<NewsItemRow>(
    `SELECT ${columns} FROM news_items i WHERE i.municipality_id = $1 AND i.id = $2${lock ? ' FOR UPDATE' : ''}`,
    [municipalityId, id],
  );
  return rows[0];
}

/** Items by dedupe key (GUID, else link), for an import. */
export async function selectNewsItemsBySourceKey(
  db: Queryable,
  municipalityId: string,
  keys: string[],
): Promise<NewsItemRow[]> {
  const { rows } = await db.query<NewsItemRow>(
    `SELECT ${columns} FROM news_items i WHERE i.municipality_id = $1 AND i.source_key = ANY ($2::text[])
     FOR UPDATE`,
    [municipalityId, keys],
  );
  return rows;
}

/** Marks the feed's items whose keys are not in `present` as gone from the feed; returns their ids. */
export async function markMissingFromFeed(
  tx: Queryable,
  municipalityId: string,
  feedId: number,
  present: string[],
  now: Date,
): Promise<number[]> {
  const { rows } = await tx.query<{ id: number }>(
    `UPDATE news_items SET removed_from_feed_at = $4, updated_at = $4
      WHERE municipality_id = $1 AND feed_id = $2 AND source = 'feed' AND removed_from_feed_at IS NULL
        AND NOT (source_key = ANY ($3::text[]))
      RETURNING id::int AS id`,
    [municipalityId, feedId, present, now],
  );
  return rows.map((r) => r.id);
}

/** The public list: pinned first, newest first; optionally one topic. */
export async function selectVisibleNewsItems(
  db: Queryable,
  municipalityId: string,
  q: { now: Date; topic?: string | undefined; limit: number; offset: number },
): Promise<{ items: NewsItemRow[]; total: number }> {
  const params = [municipalityId, q.now, q.topic ?? null, q.limit, q.offset];
  const where = `i.municipality_id = $1 AND ${visibleSql('$2')} AND ($3::text IS NULL OR i.topic = $3)`;
  const [{ rows }, count] = await Promise.all([
    db.query<NewsItemRow>(
      `SELECT ${columns} FROM news_items i WHERE ${where}
        ORDER BY i.pinned DESC, i.published_at DESC, i.id DESC LIMIT $4 OFFSET $5`,
      params,
    ),
    db.query<{ n: number }>(`SELECT count(*)::int AS n FROM news_items i WHERE ${where}`, params.slice(0, 3)),
  ]);
  return { items: rows, total: count.rows[0]?.n ?? 0 };
}

/** The back-office list: every item, newest first (scheduled ones on top). */
export async function selectAllNewsItems(
  db: Queryable,
  municipalityId: string,
  q: { limit: number; offset: number },
): Promise<{ items: NewsItemRow[]; total: number }> {
  const [{ rows }, count] = await Promise.all([
    db.query<NewsItemRow>(
      `SELECT ${columns} FROM news_items i WHERE i.municipality_id = $1
        ORDER BY i.published_at DESC, i.id DESC LIMIT $2 OFFSET $3`,
      [municipalityId, q.limit, q.offset],
    ),
    db.query<{ n: number }>('SELECT count(*)::int AS n FROM news_items WHERE municipality_id = $1', [municipalityId]),
  ]);
  return { items: rows, total: count.rows[0]?.n ?? 0 };
}

/** Items whose search state differs from their visibility now (scheduled ones that came due), locked. */
export async function selectNewsItemsOutOfIndex(db: Queryable, municipalityId: string, now: Date) {
  const { rows } = await db.query<NewsItemRow>(
    `SELECT ${columns} FROM news_items i
      WHERE i.municipality_id = $1 AND i.indexed <> (${visibleSql('$2')})
      ORDER BY i.id LIMIT 500 FOR UPDATE SKIP LOCKED`,
    [municipalityId, now],
  );
  return rows;
}

/** Whether the municipality has any news item (the demo seed runs once). */
export async function hasNewsItems(db: Queryable, municipalityId: string): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM news_items WHERE municipality_id = $1 LIMIT 1', [municipalityId]);
  return rows.length > 0;
}
