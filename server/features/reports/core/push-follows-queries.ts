import type { Queryable } from '../../../platform/db.js';
import { publicReportCondition } from './visibility.js';

// The one owner of report_push_follows (a reporter's browser following a report's status by push): SQL only.

/** The report a status token's hash belongs to, unless it was anonymised. */
export async function selectFollowableReport(
  db: Queryable,
  tokenHash: string,
): Promise<{ id: number; municipality_id: string } | undefined> {
  const { rows } = await db.query<{ id: number; municipality_id: string }>(
    `SELECT id::int, municipality_id FROM reports WHERE status_token_hash = $1 AND anonymised_at IS NULL`,
    [tokenHash],
  );
  return rows[0];
}

/** Adds a follow (or renews its language). */
export async function upsertFollow(
  tx: Queryable,
  f: { municipalityId: string; reportId: number; subscriptionId: number; language: string; now: Date },
): Promise<void> {
  await tx.query(
    `INSERT INTO report_push_follows (municipality_id, report_id, subscription_id, language, created_at)
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (report_id, subscription_id) DO UPDATE SET language = EXCLUDED.language`,
    [f.municipalityId, f.reportId, f.subscriptionId, f.language, f.now],
  );
}

/** Deletes a report's follows (retention); returns how many. */
export async function deleteFollowsOf(tx: Queryable, reportId: number): Promise<number> {
  const { rowCount } = await tx.query('DELETE FROM report_push_follows WHERE report_id = $1', [reportId]);
  return rowCount ?? 0;
}

/** How many follows a report has. */
export async function countFollows(db: Queryable, reportId: number): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM report_push_follows WHERE report_id = $1',
    [reportId],
  );
  return rows[0]!.n;
}

/**
 * The SELECT (for enqueuePushFromSelect) of one status change's messages to a report's followers: reference and
 * the new status's label in the follower's language (texts per language hold %REF% and %STATUS%), and the public
 * page's URL when the report is public, else the public list's — never the private status link.
 */
export function followerMessagesSelect(i: {
  reportId: number;
  eventId: number;
  statusTo: string;
  texts: Record<string, { title: string; body: string; status: Record<string, string> }>;
  fallbackLanguage: string;
  publicUrl: string;
  ttl: number;
}): { sql: string; params: unknown[] } {
  const sql = `
    SELECT f.subscription_id,
           'reports:' || $2::bigint || ':' || f.subscription_id AS dedupe_key,
           'reports' AS topic,
           'report-' || r.id AS push_topic,
           jsonb_build_object(
             'title', replace(t.title, '%REF%', r.reference),
             'body', replace(replace(t.body, '%REF%', r.reference), '%STATUS%', t.status),
             'url', $5 || CASE WHEN ${publicReportCondition('r')} THEN '/meldungen/' || r.reference ELSE '/meldungen' END,
             'tag', 'report-' || r.id) AS payload,
           $6::int AS ttl,
           'normal' AS urgency
      FROM report_push_follows f
      JOIN reports r ON r.id = f.report_id AND r.municipality_id = f.municipality_id
      CROSS JOIN LATERAL (
        SELECT l ->> 'title' AS title, l ->> 'body' AS body, l -> 'status' ->> $7 AS status
          FROM coalesce($3::jsonb -> f.language, $3::jsonb -> $4) AS l
      ) t
     WHERE f.report_id = $1 AND r.anonymised_at IS NULL`;
  return {
    sql,
    params: [i.reportId, i.eventId, JSON.stringify(i.texts), i.fallbackLanguage, i.publicUrl, i.ttl, i.statusTo],
  };
}
