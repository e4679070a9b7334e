import type { Queryable } from '../../../platform/db.js';

// The one owner of news_push_optins and news_push_sends: SQL only. Also the SELECT the approval hands to the push
// engine (one message per opt-in of the item's topic).

export interface NewsOptinRow {
  id: number;
  subscriptionId: number;
  topics: string[];
  language: string;
}

const columns = `id::int AS id, subscription_id::int AS "subscriptionId", topics, language`;

/** Inserts the opt-in of a subscription, or replaces its topics, language and manage token. */
export async function upsertNewsOptin(
  tx: Queryable,
  municipalityId: string,
  o: { subscriptionId: number; topics: string[]; language: string; tokenHash: string; now: Date },
): Promise<NewsOptinRow> {
  const { rows } = await tx.query<NewsOptinRow>(
    `INSERT INTO news_push_optins (municipality_id, subscription_id, topics, language, manage_token_hash, created_at,
                                   updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $6)
     ON CONFLICT (subscription_id) DO UPDATE SET topics = EXCLUDED.topics, language = EXCLUDED.language,
       manage_token_hash = EXCLUDED.manage_token_hash, updated_at = EXCLUDED.updated_at
     RETURNING ${columns}`,
    [municipalityId, o.subscriptionId, o.topics, o.language, o.tokenHash, o.now],
  );
  return rows[0]!;
}

/** The opt-in of a manage token's hash. */
export async function selectNewsOptinByTokenHash(db: Queryable, municipalityId: string, tokenHash: string) {
  const { rows } = await db.query<NewsOptinRow>(
    `SELECT ${columns} FROM news_push_optins WHERE municipality_id = $1 AND manage_token_hash = $2`,
    [municipalityId, tokenHash],
  );
  return rows[0];
}

/** Changes an opt-in's topics. */
export async function updateNewsOptinTopics(tx: Queryable, id: number, topics: string[], language: string, now: Date) {
  await tx.query('UPDATE news_push_optins SET topics = $2, language = $3, updated_at = $4 WHERE id = $1', [
    id,
    topics,
    language,
    now,
  ]);
}

/** Deletes an opt-in. */
export async function deleteNewsOptin(tx: Queryable, id: number): Promise<void> {
  await tx.query('DELETE FROM news_push_optins WHERE id = $1', [id]);
}

/** How many opt-ins follow a topic. */
export async function countNewsOptins(db: Queryable, municipalityId: string, topic: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM news_push_optins WHERE municipality_id = $1 AND $2 = ANY (topics)',
    [municipalityId, topic],
  );
  return rows[0]?.n ?? 0;
}

/** Records an editor's approval; false when the item was approved before (at most one per item). */
export async function insertNewsPushSend(
  tx: Queryable,
  municipalityId: string,
  s: { itemId: number; approvedBy: string; now: Date },
): Promise<boolean> {
  const { rows } = await tx.query(
    `INSERT INTO news_push_sends (municipality_id, item_id, approved_by, approved_at, queued)
     VALUES ($1, $2, $3, $4, 0) ON CONFLICT DO NOTHING RETURNING item_id`,
    [municipalityId, s.itemId, s.approvedBy, s.now],
  );
  return rows.length > 0;
}

/** Records how many messages an approval queued. */
export async function setNewsPushQueued(tx: Queryable, municipalityId: string, itemId: number, queued: number) {
  await tx.query('UPDATE news_push_sends SET queued = $3 WHERE municipality_id = $1 AND item_id = $2', [
    municipalityId,
    itemId,
    queued,
  ]);
}

/**
 * The messages of an item for the push engine: one per opt-in following its topic, in the opt-in's language
 * ($4 German payload, $5 English one); the dedupe key makes it one per item and subscription.
 */
export function itemMessagesSelect(i: {
  municipalityId: string;
  itemId: number;
  topic: string;
  payloadDe: unknown;
  payloadEn: unknown;
  ttl: number;
}): { sql: string; params: unknown[] } {
  return {
    sql: `SELECT o.subscription_id, 'news:' || $2::text || ':' || o.subscription_id AS dedupe_key, 'news' AS topic,
                 'news-' || $2::text AS push_topic,
                 CASE WHEN o.language = 'en' THEN $5::jsonb ELSE $4::jsonb END AS payload,
                 $6::int AS ttl, 'normal' AS urgency
            FROM news_push_optins o
           WHERE o.municipality_id = $1 AND $3 = ANY (o.topics)`,
    params: [
      i.municipalityId,
      String(i.itemId),
      i.topic,
      JSON.stringify(i.payloadDe),
      JSON.stringify(i.payloadEn),
      i.ttl,
    ],
  };
}
