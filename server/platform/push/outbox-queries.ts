import type { Queryable } from '../db.js';

// The one owner of push_outbox (the send queue) and push_daily_counts: SQL only, no rules. Messages are enqueued
// due at once ('-infinity'), so features need no clock to enqueue.

export const urgencies = ['very-low', 'low', 'normal', 'high'] as const;
export type Urgency = (typeof urgencies)[number];
export const outboxStates = ['pending', 'sending', 'sent', 'gone', 'failed', 'interrupted'] as const;
export type OutboxState = (typeof outboxStates)[number];

/**
 * Inserts the rows a SELECT returns (columns subscription_id, dedupe_key, topic, push_topic, payload, ttl, urgency)
 * for subscriptions of the municipality; dedupe keys already queued are skipped, and a new message replaces the
 * pending ones of its subscription with the same push_topic. `params` are the SELECT's $1…$n. Returns the count.
 */
export async function insertOutboxFromSelect(
  tx: Queryable,
  municipalityId: string,
  selectSql: string,
  params: unknown[],
): Promise<number> {
  const m = `$${params.length + 1}`;
  const { rows } = await tx.query<{ n: number }>(
    `WITH src AS (${selectSql}),
     ins AS (
       INSERT INTO push_outbox (municipality_id, subscription_id, dedupe_key, topic, push_topic, payload, ttl, urgency,
                                next_attempt_at, created_at)
       SELECT ${m}, src.subscription_id, src.dedupe_key, src.topic, src.push_topic, src.payload::jsonb, src.ttl,
              coalesce(src.urgency, 'normal'), '-infinity', now()
         FROM src JOIN push_subscriptions s ON s.id = src.subscription_id AND s.municipality_id = ${m}
       ON CONFLICT (municipality_id, dedupe_key) DO NOTHING
       RETURNING id, subscription_id, push_topic
     ),
     replaced AS (
       DELETE FROM push_outbox o USING ins
        WHERE o.subscription_id = ins.subscription_id AND o.push_topic = ins.push_topic
          AND o.state = 'pending' AND o.id < ins.id
     )
     SELECT count(*)::int AS n FROM ins`,
    [...params, municipalityId],
  );
  return rows[0]!.n;
}

/** Drops the pending messages of one topic of a subscription (it was unsubscribed from that topic). */
export async function deletePendingOfTopic(tx: Queryable, subscriptionId: number, topic: string): Promise<void> {
  await tx.query(`DELETE FROM push_outbox WHERE subscription_id = $1 AND topic = $2 AND state = 'pending'`, [
    subscriptionId,
    topic,
  ]);
}

/**
 * Deletes pending (never claimed) messages whose dedupe key starts with `prefix`, except the keys in `keep`;
 * returns how many. Claimed ones are left alone (at most once).
 */
export async function deletePendingByDedupePrefix(
  tx: Queryable,
  municipalityId: string,
  prefix: string,
  keep: string[],
): Promise<number> {
  const { rowCount } = await tx.query(
    `DELETE FROM push_outbox
      WHERE municipality_id = $1 AND state = 'pending' AND starts_with(dedupe_key, $2)
        AND NOT (dedupe_key = ANY ($3::text[]))`,
    [municipalityId, prefix, keep],
  );
  return rowCount ?? 0;
}

/** Marks claims older than `before` as interrupted (never sent again); returns how many per topic. */
export async function interruptStaleClaims(
  db: Queryable,
  municipalityId: string,
  before: Date,
): Promise<{ topic: string; n: number }[]> {
  const { rows } = await db.query<{ topic: string; n: number }>(
    `WITH u AS (
       UPDATE push_outbox SET state = 'interrupted', last_error = 'claimed and never marked (sender died)'
        WHERE municipality_id = $1 AND state = 'sending' AND claimed_at < $2 RETURNING topic
     ) SELECT topic, count(*)::int AS n FROM u GROUP BY topic`,
    [municipalityId, before],
  );
  return rows;
}

export interface ClaimedMessage {
  id: number;
  subscription_id: number;
  topic: string;
  push_topic: string | null;
  /** The payload as JSON text (sent as it is stored: no parse and stringify per message). */
  payload_json: string;
  ttl: number;
  urgency: Urgency;
  attempts: number;
  endpoint: string;
  p256dh: string;
  auth: string;
}

/** Claims up to `limit` due messages ('sending', one attempt more) in one statement; skips rows others hold. */
export async function claimDueMessages(
  db: Queryable,
  municipalityId: string,
  now: Date,
  limit: number,
): Promise<ClaimedMessage[]> {
  const { rows } = await db.query<ClaimedMessage>(
    `UPDATE push_outbox o SET state = 'sending', claimed_at = $2, attempts = o.attempts + 1
       FROM push_subscriptions s
      -- An array, not a join: the planner then finds the claimed rows by primary key instead of hashing a scan
      -- of the whole outbox for every batch.
      WHERE o.id = ANY (ARRAY(SELECT id FROM push_outbox
                               WHERE municipality_id = $1 AND state = 'pending' AND next_attempt_at <= $2
                               ORDER BY next_attempt_at, id LIMIT $3 FOR UPDATE SKIP LOCKED))
        AND s.id = o.subscription_id
      RETURNING o.id, o.subscription_id, o.topic, o.push_topic, o.payload::text AS payload_json, o.ttl, o.urgency, o.attempts,
                s.endpoint, s.p256dh, s.auth`,
    [municipalityId, now, limit],
  );
  return rows;
}

export interface MessageOutcome {
  id: number;
  state: 'pending' | 'sent' | 'gone' | 'failed';
  /** For 'pending': when to try again. */
  nextAttemptAt: Date | null;
  sentAt: Date | null;
  error: string | null;
  /** 1 when the message was not sent at all (its origin was paused): the claim's attempt is given back. */
  refund: 0 | 1;
}

/**
 * Writes the outcomes of claimed messages (only rows still 'sending' are touched): the usual case, sent, in one
 * statement over an id array, the others in one statement over arrays of their fields.
 */
export async function markMessages(db: Queryable, outcomes: MessageOutcome[]): Promise<void> {
  const sent = new Map<number, number[]>();
  const rest: MessageOutcome[] = [];
  for (const o of outcomes) {
    if (o.state === 'sent' && o.sentAt && o.error === null && o.refund === 0) {
      const t = o.sentAt.getTime();
      const ids = sent.get(t);
      if (ids) ids.push(o.id);
      else sent.set(t, [o.id]);
    } else rest.push(o);
  }
  for (const [t, ids] of sent) {
    await db.query(
      `UPDATE push_outbox SET state = 'sent', sent_at = $2, last_error = NULL
        WHERE id = ANY ($1::bigint[]) AND state = 'sending'`,
      [ids, new Date(t)],
    );
  }
  if (rest.length === 0) return;
  await db.query(
    `UPDATE push_outbox o
        SET state = v.state, next_attempt_at = coalesce(v.next_at, o.next_attempt_at), sent_at = v.sent_at,
            last_error = v.error, attempts = o.attempts - v.refund
       FROM unnest($1::bigint[], $2::text[], $3::timestamptz[], $4::timestamptz[], $5::text[], $6::int[])
            AS v (id, state, next_at, sent_at, error, refund)
      WHERE o.id = v.id AND o.state = 'sending'`,
    [
      rest.map((o) => o.id),
      rest.map((o) => o.state),
      rest.map((o) => o.nextAttemptAt),
      rest.map((o) => o.sentAt),
      rest.map((o) => o.error),
      rest.map((o) => o.refund),
    ],
  );
}

/** Deletes finished messages created before `before` (their dedupe keys have done their work by then). */
export async function deleteFinishedMessages(db: Queryable, before: Date, limit: number): Promise<number> {
  const { rowCount } = await db.query(
    `DELETE FROM push_outbox WHERE id IN (
       SELECT id FROM push_outbox WHERE state IN ('sent', 'gone', 'failed', 'interrupted') AND created_at < $1
        LIMIT $2)`,
    [before, limit],
  );
  return rowCount;
}

export interface DailyCounts {
  topic: string;
  sent: number;
  accepted: number;
  gone: number;
  failed: number;
}

/** Adds counts to the municipality's figures of a local day, one statement for all topics. */
export async function addDailyCounts(
  db: Queryable,
  municipalityId: string,
  day: string,
  counts: DailyCounts[],
): Promise<void> {
  if (counts.length === 0) return;
  await db.query(
    `INSERT INTO push_daily_counts AS d (municipality_id, day, topic, sent, accepted, gone, failed)
     SELECT $1, $2, c.topic, c.sent, c.accepted, c.gone, c.failed
       FROM unnest($3::text[], $4::int[], $5::int[], $6::int[], $7::int[]) AS c (topic, sent, accepted, gone, failed)
     ON CONFLICT (municipality_id, day, topic) DO UPDATE
        SET sent = d.sent + EXCLUDED.sent, accepted = d.accepted + EXCLUDED.accepted,
            gone = d.gone + EXCLUDED.gone, failed = d.failed + EXCLUDED.failed`,
    [
      municipalityId,
      day,
      counts.map((c) => c.topic),
      counts.map((c) => c.sent),
      counts.map((c) => c.accepted),
      counts.map((c) => c.gone),
      counts.map((c) => c.failed),
    ],
  );
}

/** The municipality's daily counts from `from` to `to` (local days, inclusive), oldest first. */
export async function listDailyCounts(
  db: Queryable,
  municipalityId: string,
  from: string,
  to: string,
): Promise<(DailyCounts & { day: string })[]> {
  const { rows } = await db.query<DailyCounts & { day: string }>(
    `SELECT day, topic, sent, accepted, gone, failed FROM push_daily_counts
      WHERE municipality_id = $1 AND day BETWEEN $2 AND $3 ORDER BY day, topic`,
    [municipalityId, from, to],
  );
  return rows;
}
