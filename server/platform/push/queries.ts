import type { Queryable } from '../db.js';

// The one owner of push_vapid_keys and push_subscriptions: SQL only, no rules (outbox-queries.ts owns the queue
// and the daily counts).

export interface VapidKeyRow {
  public_key: string;
  private_key: string;
}

/** The stored VAPID key pair of a municipality, if any. */
export async function findVapidKeys(db: Queryable, municipalityId: string): Promise<VapidKeyRow | undefined> {
  const { rows } = await db.query<VapidKeyRow>(
    'SELECT public_key, private_key FROM push_vapid_keys WHERE municipality_id = $1',
    [municipalityId],
  );
  return rows[0];
}

/** Stores a key pair unless one exists (the first writer wins). */
export async function insertVapidKeys(
  db: Queryable,
  municipalityId: string,
  keys: { publicKey: string; privateKey: string },
): Promise<void> {
  await db.query(
    `INSERT INTO push_vapid_keys (municipality_id, public_key, private_key) VALUES ($1, $2, $3)
     ON CONFLICT (municipality_id) DO NOTHING`,
    [municipalityId, keys.publicKey, keys.privateKey],
  );
}

export interface SubscriptionRow {
  id: number;
  endpoint: string;
  topics: string[];
  created_at: Date;
  last_success_at: Date | null;
  failures: number;
  last_failure_at: Date | null;
  last_failure_reason: string | null;
}

const subscriptionColumns =
  'id, endpoint, topics, created_at, last_success_at, failures, last_failure_at, last_failure_reason';

/** Inserts a subscription or, for a known endpoint, renews its keys and adds the topic; returns its id. */
export async function upsertSubscription(
  db: Queryable,
  municipalityId: string,
  s: { endpoint: string; p256dh: string; auth: string; topic: string; manageTokenHash: string | null; now: Date },
): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO push_subscriptions AS s (municipality_id, endpoint, p256dh, auth, topics, created_at, manage_token_hash)
     VALUES ($1, $2, $3, $4, ARRAY[$5::text], $6, $7)
     ON CONFLICT (municipality_id, endpoint) DO UPDATE
        SET p256dh = EXCLUDED.p256dh, auth = EXCLUDED.auth,
            topics = CASE WHEN $5 = ANY (s.topics) THEN s.topics ELSE s.topics || $5::text END,
            manage_token_hash = COALESCE(EXCLUDED.manage_token_hash, s.manage_token_hash)
     RETURNING id`,
    [municipalityId, s.endpoint, s.p256dh, s.auth, s.topic, s.now, s.manageTokenHash],
  );
  return rows[0]!.id;
}

export type SubscriptionRef = { id: number } | { endpoint: string };
const refWhere = (ref: SubscriptionRef) => ('id' in ref ? 'id = $2' : 'endpoint = $2');
const refValue = (ref: SubscriptionRef) => ('id' in ref ? ref.id : ref.endpoint);

/** One subscription of the municipality by id or endpoint. */
export async function findSubscription(
  db: Queryable,
  municipalityId: string,
  ref: SubscriptionRef,
): Promise<SubscriptionRow | undefined> {
  const { rows } = await db.query<SubscriptionRow>(
    `SELECT ${subscriptionColumns} FROM push_subscriptions WHERE municipality_id = $1 AND ${refWhere(ref)}`,
    [municipalityId, refValue(ref)],
  );
  return rows[0];
}

/** The subscription whose manage token has this SHA-256. */
export async function findSubscriptionByTokenHash(
  db: Queryable,
  municipalityId: string,
  tokenHash: string,
): Promise<SubscriptionRow | undefined> {
  const { rows } = await db.query<SubscriptionRow>(
    `SELECT ${subscriptionColumns} FROM push_subscriptions WHERE municipality_id = $1 AND manage_token_hash = $2`,
    [municipalityId, tokenHash],
  );
  return rows[0];
}

/** Deletes a subscription (its queued messages go with it); returns whether it existed. */
export async function deleteSubscription(db: Queryable, municipalityId: string, ref: SubscriptionRef) {
  const { rowCount } = await db.query(
    `DELETE FROM push_subscriptions WHERE municipality_id = $1 AND ${refWhere(ref)}`,
    [municipalityId, refValue(ref)],
  );
  return rowCount > 0;
}

/**
 * Takes a topic off a subscription; a subscription left without topics is deleted. Returns its id and the topics
 * left ([] when deleted), or undefined when it is unknown.
 */
export async function removeTopic(
  db: Queryable,
  municipalityId: string,
  ref: SubscriptionRef,
  topic: string,
): Promise<{ id: number; topics: string[] } | undefined> {
  const { rows } = await db.query<{ id: number; topics: string[] }>(
    `UPDATE push_subscriptions SET topics = array_remove(topics, $3)
      WHERE municipality_id = $1 AND ${refWhere(ref)} RETURNING id, topics`,
    [municipalityId, refValue(ref), topic],
  );
  const row = rows[0];
  if (row?.topics.length === 0) await db.query('DELETE FROM push_subscriptions WHERE id = $1', [row.id]);
  return row;
}

/** Deletes subscriptions a push service called gone (404/410). */
export async function deleteSubscriptionsById(db: Queryable, ids: number[]): Promise<void> {
  if (ids.length > 0) await db.query('DELETE FROM push_subscriptions WHERE id = ANY ($1::bigint[])', [ids]);
}

/** Records successes (resets failures) and failures (with reason) of subscriptions, one statement each. */
export async function recordSubscriptionResults(
  db: Queryable,
  now: Date,
  successIds: number[],
  failures: { id: number; reason: string }[],
): Promise<void> {
  if (successIds.length > 0) {
    await db.query('UPDATE push_subscriptions SET last_success_at = $2, failures = 0 WHERE id = ANY ($1::bigint[])', [
      successIds,
      now,
    ]);
  }
  if (failures.length > 0) {
    await db.query(
      `UPDATE push_subscriptions s SET failures = s.failures + 1, last_failure_at = $3, last_failure_reason = f.reason
         FROM unnest($1::bigint[], $2::text[]) AS f (id, reason) WHERE s.id = f.id`,
      [failures.map((f) => f.id), failures.map((f) => f.reason), now],
    );
  }
}

/** Inserts many subscriptions for one topic at once (imports, the bench); known endpoints are left as they are. */
export async function insertSubscriptions(
  db: Queryable,
  municipalityId: string,
  rows: { endpoint: string; p256dh: string; auth: string }[],
  topic: string,
  now: Date,
): Promise<number> {
  const { rowCount } = await db.query(
    `INSERT INTO push_subscriptions (municipality_id, endpoint, p256dh, auth, topics, created_at)
     SELECT $1, e, p, a, ARRAY[$5::text], $6 FROM unnest($2::text[], $3::text[], $4::text[]) AS r (e, p, a)
     ON CONFLICT (municipality_id, endpoint) DO NOTHING`,
    [municipalityId, rows.map((r) => r.endpoint), rows.map((r) => r.p256dh), rows.map((r) => r.auth), topic, now],
  );
  return rowCount;
}
