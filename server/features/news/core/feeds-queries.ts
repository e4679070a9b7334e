import type { Queryable } from '../../../platform/db.js';

// The one owner of news_feeds: SQL only, no rules.

export interface NewsFeedRow {
  id: number;
  name: string;
  url: string;
  topic: string;
  enabled: boolean;
  etag: string | null;
  lastModified: string | null;
  lastFetchedAt: Date | null;
  lastSuccessAt: Date | null;
  lastStatus: 'ok' | 'not_modified' | 'error' | null;
  lastError: string | null;
  lastItemCount: number | null;
  updatedAt: Date;
}

const columns = `id::int AS id, name, url, topic, enabled, etag, last_modified AS "lastModified",
  last_fetched_at AS "lastFetchedAt", last_success_at AS "lastSuccessAt", last_status AS "lastStatus",
  last_error AS "lastError", last_item_count AS "lastItemCount", updated_at AS "updatedAt"`;

export interface NewsFeedWrite {
  name: string;
  url: string;
  topic: string;
  enabled: boolean;
}

/** Inserts a feed; returns its row. Fails on the unique URL (the service checks first). */
export async function insertNewsFeed(tx: Queryable, municipalityId: string, f: NewsFeedWrite & { now: Date }) {
  const { rows } = await tx.query<NewsFeedRow>(
    `INSERT INTO news_feeds (municipality_id, name, url, topic, enabled, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $6)
     ON CONFLICT (municipality_id, url) DO NOTHING RETURNING ${columns}`,
    [municipalityId, f.name, f.url, f.topic, f.enabled, f.now],
  );
  return rows[0];
}

/** Changes a feed's settings (a new URL forgets the conditional-GET validators). */
export async function updateNewsFeed(
  tx: Queryable,
  municipalityId: string,
  id: number,
  f: NewsFeedWrite & { now: Date },
): Promise<void> {
  await tx.query(
    `UPDATE news_feeds SET name = $3, topic = $5, enabled = $6, updated_at = $7,
        etag = CASE WHEN url = $4 THEN etag END, last_modified = CASE WHEN url = $4 THEN last_modified END, url = $4
      WHERE municipality_id = $1 AND id = $2`,
    [municipalityId, id, f.name, f.url, f.topic, f.enabled, f.now],
  );
}

/** Deletes a feed (its items stay, as items without a feed). */
export async function deleteNewsFeed(tx: Queryable, municipalityId: string, id: number): Promise<void> {
  await tx.query('DELETE FROM news_feeds WHERE municipality_id = $1 AND id = $2', [municipalityId, id]);
}

/** Whether another feed of the municipality has this URL. */
export async function feedUrlTaken(db: Queryable, municipalityId: string, url: string, exceptId?: number) {
  const { rows } = await db.query(
    'SELECT 1 FROM news_feeds WHERE municipality_id = $1 AND url = $2 AND id IS DISTINCT FROM $3::bigint',
    [municipalityId, url, exceptId ?? null],
  );
  return rows.length > 0;
}

/** What a fetch found: success (with new validators and the item count), not modified, or an error. */
export async function recordFeedFetch(
  tx: Queryable,
  municipalityId: string,
  id: number,
  r: {
    status: 'ok' | 'not_modified' | 'error';
    error?: string | null;
    etag?: string | null;
    lastModified?: string | null;
    itemCount?: number | null;
    now: Date;
  },
): Promise<void> {
  await tx.query(
    `UPDATE news_feeds SET last_fetched_at = $4, last_status = $3, last_error = $5,
        last_success_at = CASE WHEN $3 = 'error' THEN last_success_at ELSE $4 END,
        etag = CASE WHEN $3 = 'ok' THEN $6 ELSE etag END,
        last_modified = CASE WHEN $3 = 'ok' THEN $7 ELSE last_modified END,
        last_item_count = CASE WHEN $3 = 'ok' THEN $8 ELSE last_item_count END
      WHERE municipality_id = $1 AND id = $2`,
    [municipalityId, id, r.status, r.now, r.error ?? null, r.etag ?? null, r.lastModified ?? null, r.itemCount ?? null],
  );
}

/** Every feed of the municipality, by name. */
export async function selectNewsFeeds(db: Queryable, municipalityId: string, enabledOnly = false) {
  const { rows } = await db.query<NewsFeedRow>(
    `SELECT ${columns} FROM news_feeds WHERE municipality_id = $1 AND ($2::boolean IS FALSE OR enabled)
      ORDER BY name, id`,
    [municipalityId, enabledOnly],
  );
  return rows;
}

/** One feed, or undefined. */
export async function selectNewsFeed(db: Queryable, municipalityId: string, id: number) {
  const { rows } = await db.query<NewsFeedRow>(
    `SELECT ${columns} FROM news_feeds WHERE municipality_id = $1 AND id = $2`,
    [municipalityId, id],
  );
  return rows[0];
}
