import type { Queryable } from '../../../platform/db.js';

// The one owner of parking_feed_state (failures and backoff per feed URL): SQL only, no rules.

export interface FeedStateRow {
  url: string;
  failures: number;
  nextAttemptAt: Date | null;
  lastAttemptAt: Date | null;
  lastSuccessAt: Date | null;
  lastError: string | null;
  lastAccepted: number | null;
  lastRejected: number | null;
}

/** The state of every feed URL the municipality has polled. */
export async function selectFeedStates(db: Queryable, municipalityId: string): Promise<FeedStateRow[]> {
  const { rows } = await db.query<FeedStateRow>(
    `SELECT url, failures, next_attempt_at AS "nextAttemptAt", last_attempt_at AS "lastAttemptAt",
        last_success_at AS "lastSuccessAt", last_error AS "lastError", last_accepted AS "lastAccepted",
        last_rejected AS "lastRejected"
       FROM parking_feed_state WHERE municipality_id = $1 ORDER BY url`,
    [municipalityId],
  );
  return rows;
}

/** Records a successful poll: failures reset, no backoff. */
export async function saveFeedSuccess(
  db: Queryable,
  municipalityId: string,
  url: string,
  s: { at: Date; accepted: number; rejected: number },
): Promise<void> {
  await db.query(
    `INSERT INTO parking_feed_state (municipality_id, url, failures, next_attempt_at, last_attempt_at,
       last_success_at, last_error, last_accepted, last_rejected)
     VALUES ($1, $2, 0, NULL, $3, $3, NULL, $4, $5)
     ON CONFLICT (municipality_id, url) DO UPDATE SET failures = 0, next_attempt_at = NULL,
       last_attempt_at = $3, last_success_at = $3, last_error = NULL, last_accepted = $4, last_rejected = $5`,
    [municipalityId, url, s.at, s.accepted, s.rejected],
  );
}

/** Records a failed poll: one more failure, and when to try again. */
export async function saveFeedFailure(
  db: Queryable,
  municipalityId: string,
  url: string,
  f: { at: Date; error: string; failures: number; nextAttemptAt: Date },
): Promise<void> {
  await db.query(
    `INSERT INTO parking_feed_state (municipality_id, url, failures, next_attempt_at, last_attempt_at, last_error)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (municipality_id, url) DO UPDATE SET failures = $3, next_attempt_at = $4, last_attempt_at = $5,
       last_error = $6`,
    [municipalityId, url, f.failures, f.nextAttemptAt, f.at, f.error.slice(0, 500)],
  );
}
