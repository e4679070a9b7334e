import type { Queryable } from '../../../platform/db.js';
import { publicReportCondition } from '../core/visibility.js';

// The one owner of report_alerts and report_alert_deliveries (area alerts): SQL only. The reports an alert
// announces are public (the one visibility definition), not anonymised, created after the alert was confirmed and
// not announced to it before.

export type AlertChannel = 'email' | 'push';

export interface AlertRow {
  id: number;
  municipality_id: string;
  channel: AlertChannel;
  email: string | null;
  subscription_id: number | null;
  district_id: number | null;
  district_name: string | null;
  place_label: string | null;
  lat: number | null;
  lon: number | null;
  radius_m: number | null;
  language: string;
  token_nonce: string;
  created_at: Date;
  confirmation_sent_at: Date | null;
  confirmed_at: Date | null;
  ended_at: Date | null;
}

const alertColumns = `a.id::int AS id, a.municipality_id, a.channel, a.email, a.subscription_id::int AS subscription_id,
  a.district_id::int AS district_id, d.name AS district_name, a.place_label, a.lat, a.lon, a.radius_m, a.language,
  a.token_nonce, a.created_at, a.confirmation_sent_at, a.confirmed_at, a.ended_at`;

export interface AlertInsert {
  municipalityId: string;
  channel: AlertChannel;
  email: string | null;
  subscriptionId: number | null;
  districtId: number | null;
  placeLabel: string | null;
  lat: number | null;
  lon: number | null;
  radiusM: number | null;
  language: string;
  tokenNonce: string;
  tokenHash: string;
  now: Date;
  /** Push alerts are confirmed by the browser's subscription itself. */
  confirmed: boolean;
}

/** Stores a new alert; returns its id. */
export async function insertAlert(tx: Queryable, a: AlertInsert): Promise<number> {
  const { rows } = await tx.query<{ id: number }>(
    `INSERT INTO report_alerts (municipality_id, channel, email, subscription_id, district_id, place_label, lat, lon,
                                radius_m, language, token_nonce, manage_token_hash, created_at, confirmed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::timestamptz,
             CASE WHEN $14::boolean THEN $13::timestamptz END)
     RETURNING id::int AS id`,
    [
      a.municipalityId,
      a.channel,
      a.email,
      a.subscriptionId,
      a.districtId,
      a.placeLabel,
      a.lat,
      a.lon,
      a.radiusM,
      a.language,
      a.tokenNonce,
      a.tokenHash,
      a.now,
      a.confirmed,
    ],
  );
  return rows[0]!.id;
}

/** The alert whose manage token has this hash. */
export async function selectAlertByTokenHash(
  db: Queryable,
  municipalityId: string,
  tokenHash: string,
): Promise<AlertRow | undefined> {
  const { rows } = await db.query<AlertRow>(
    `SELECT ${alertColumns} FROM report_alerts a LEFT JOIN districts d ON d.id = a.district_id
      WHERE a.municipality_id = $1 AND a.manage_token_hash = $2`,
    [municipalityId, tokenHash],
  );
  return rows[0];
}

/** The alert with this id. */
export async function selectAlertById(db: Queryable, id: number): Promise<AlertRow | undefined> {
  const { rows } = await db.query<AlertRow>(
    `SELECT ${alertColumns} FROM report_alerts a LEFT JOIN districts d ON d.id = a.district_id WHERE a.id = $1`,
    [id],
  );
  return rows[0];
}

/** Claims the confirmation mail of a pending alert (at most once), or gives the claim back (`at` null). */
export async function updateConfirmationMail(db: Queryable, id: number, at: Date | null): Promise<boolean> {
  const { rowCount } = await db.query(
    at
      ? `UPDATE report_alerts SET confirmation_sent_at = $2
          WHERE id = $1 AND confirmation_sent_at IS NULL AND confirmed_at IS NULL AND ended_at IS NULL`
      : 'UPDATE report_alerts SET confirmation_sent_at = NULL WHERE id = $1 AND $2::timestamptz IS NULL',
    [id, at],
  );
  return rowCount === 1;
}

/** Confirms a pending alert created after `notBefore`; false when it is not pending or expired. */
export async function updateAlertConfirmed(db: Queryable, id: number, at: Date, notBefore: Date): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE report_alerts SET confirmed_at = $2
      WHERE id = $1 AND confirmed_at IS NULL AND ended_at IS NULL AND created_at >= $3`,
    [id, at, notBefore],
  );
  return rowCount === 1;
}

/** Ends one alert; false when it had ended before. */
export async function updateAlertEnded(db: Queryable, id: number, at: Date): Promise<boolean> {
  const { rowCount } = await db.query('UPDATE report_alerts SET ended_at = $2 WHERE id = $1 AND ended_at IS NULL', [
    id,
    at,
  ]);
  return rowCount === 1;
}

/** Ends every e-mail alert to an address (the one-click "unsubscribe from this list"); returns how many. */
export async function updateEmailAlertsEnded(
  db: Queryable,
  municipalityId: string,
  email: string,
  at: Date,
): Promise<number> {
  const { rowCount } = await db.query(
    `UPDATE report_alerts SET ended_at = $3
      WHERE municipality_id = $1 AND lower(email) = lower($2) AND ended_at IS NULL`,
    [municipalityId, email, at],
  );
  return rowCount ?? 0;
}

/** How many running alerts use a push subscription. */
export async function countPushAlertsOf(db: Queryable, subscriptionId: number): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM report_alerts WHERE subscription_id = $1 AND ended_at IS NULL',
    [subscriptionId],
  );
  return rows[0]!.n;
}

/** Metres per degree of latitude (a sphere of 6371 km); good to a few metres at city scale. */
const metresPerDegree = 111_195;

/** The SQL condition "report r lies in alert a's area" (its district, or within its radius). */
export function areaCondition(a: string, r: string): string {
  return `(${a}.district_id = ${r}.district_id OR (${a}.radius_m IS NOT NULL AND
    ${r}.lat BETWEEN ${a}.lat - ${a}.radius_m / ${metresPerDegree}.0 AND ${a}.lat + ${a}.radius_m / ${metresPerDegree}.0 AND
    ${metresPerDegree} * sqrt(power(${r}.lat - ${a}.lat, 2) + power((${r}.lon - ${a}.lon) * cos(radians(${a}.lat)), 2))
      <= ${a}.radius_m))`;
}

/** One new public report for one alert, with what an announcement shows (no personal data). */
export interface AlertHitRow {
  alert_id: number;
  email: string | null;
  subscription_id: number | null;
  language: string;
  token_nonce: string;
  district_name: string | null;
  place_label: string | null;
  radius_m: number | null;
  report_id: number;
  reference: string;
  created_at: Date;
  category_name: { de: string; en?: string };
  street: string | null;
  address_label: string | null;
  report_district: string | null;
}

function hitsSql(channelWhere: string): string {
  return `
    SELECT a.id::int AS alert_id, a.email, a.subscription_id::int AS subscription_id, a.language, a.token_nonce,
           ad.name AS district_name, a.place_label, a.radius_m,
           r.id::int AS report_id, r.reference, r.created_at, c.name AS category_name,
           s.street, r.address_label, rd.name AS report_district
      FROM report_alerts a
      JOIN reports r ON r.municipality_id = a.municipality_id
       AND r.created_at >= greatest(a.confirmed_at, $2::timestamptz) AND r.created_at <= $3::timestamptz
       AND ${publicReportCondition('r')} AND r.anonymised_at IS NULL
       AND ${areaCondition('a', 'r')}
      JOIN report_categories c ON c.id = r.category_id
      LEFT JOIN districts ad ON ad.id = a.district_id
      LEFT JOIN districts rd ON rd.id = r.district_id
      LEFT JOIN addresses s ON s.id = r.address_id
     WHERE a.municipality_id = $1 AND a.confirmed_at IS NOT NULL AND a.ended_at IS NULL AND ${channelWhere}
       AND NOT EXISTS (SELECT 1 FROM report_alert_deliveries x WHERE x.alert_id = a.id AND x.report_id = r.id)`;
}

/**
 * The new public reports of every running e-mail alert whose digest of `day` is still due, created in
 * [since, until]; ordered by address, alert and creation.
 */
export async function selectDigestHits(
  db: Queryable,
  p: { municipalityId: string; since: Date; until: Date; day: string },
): Promise<AlertHitRow[]> {
  const { rows } = await db.query<AlertHitRow>(
    `${hitsSql(`a.channel = 'email' AND (a.last_digest_day IS NULL OR a.last_digest_day < $4::date)`)}
     ORDER BY lower(a.email), a.id, r.created_at, r.id`,
    [p.municipalityId, p.since, p.until, p.day],
  );
  return rows;
}

/** Claims the digest of `day` for these alerts; returns the ids claimed now (others were claimed before). */
export async function claimDigestDay(db: Queryable, alertIds: number[], day: string): Promise<number[]> {
  const { rows } = await db.query<{ id: number }>(
    `UPDATE report_alerts SET last_digest_day = $2::date
      WHERE id = ANY($1::bigint[]) AND (last_digest_day IS NULL OR last_digest_day < $2::date)
      RETURNING id::int AS id`,
    [alertIds, day],
  );
  return rows.map((r) => r.id);
}

/** Gives a digest claim back after a failed send, so the job's retry sends it. */
export async function releaseDigestDay(db: Queryable, alertIds: number[], day: string): Promise<void> {
  await db.query(
    'UPDATE report_alerts SET last_digest_day = NULL WHERE id = ANY($1::bigint[]) AND last_digest_day = $2',
    [alertIds, day],
  );
}

/** Records announced reports (alert × report). */
export async function insertDeliveries(
  db: Queryable,
  pairs: { alertId: number; reportId: number }[],
  at: Date,
): Promise<void> {
  if (pairs.length === 0) return;
  await db.query(
    `INSERT INTO report_alert_deliveries (alert_id, report_id, delivered_at)
     SELECT a, r, $3 FROM unnest($1::bigint[], $2::bigint[]) AS p (a, r) ON CONFLICT DO NOTHING`,
    [pairs.map((p) => p.alertId), pairs.map((p) => p.reportId), at],
  );
}

/**
 * The new public reports of running push alerts created in [since, until], at most `perAlert` per alert, recorded
 * as delivered in the same statement (so a resumed run never announces one twice); returns those recorded now.
 */
export async function takePushHits(
  tx: Queryable,
  p: { municipalityId: string; since: Date; until: Date; perAlert: number; at: Date; dryRun: boolean },
): Promise<AlertHitRow[]> {
  const hits = `SELECT * FROM (
      SELECT h.*, row_number() OVER (PARTITION BY h.alert_id ORDER BY h.created_at, h.report_id) AS n
        FROM (${hitsSql(`a.channel = 'push'`)}) h) ranked WHERE n <= $4`;
  if (p.dryRun) {
    const { rows } = await tx.query<AlertHitRow>(hits, [p.municipalityId, p.since, p.until, p.perAlert]);
    return rows;
  }
  const { rows } = await tx.query<AlertHitRow>(
    `WITH hits AS (${hits}),
          recorded AS (
            INSERT INTO report_alert_deliveries (alert_id, report_id, delivered_at)
            SELECT alert_id, report_id, $5 FROM hits ON CONFLICT DO NOTHING RETURNING alert_id, report_id)
     SELECT hits.* FROM hits JOIN recorded ON recorded.alert_id = hits.alert_id AND recorded.report_id = hits.report_id
      ORDER BY hits.alert_id, hits.created_at`,
    [p.municipalityId, p.since, p.until, p.perAlert, p.at],
  );
  return rows;
}

/** What the nightly purge deletes: pending alerts created before `pendingBefore`, ended ones before `endedBefore`. */
export async function deleteStaleAlerts(
  db: Queryable,
  p: { municipalityId: string; pendingBefore: Date; endedBefore: Date; dryRun: boolean },
): Promise<number> {
  const where = `municipality_id = $1 AND ((confirmed_at IS NULL AND ended_at IS NULL AND created_at < $2)
    OR ended_at < $3)`;
  const params = [p.municipalityId, p.pendingBefore, p.endedBefore];
  if (p.dryRun) {
    const { rows } = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM report_alerts WHERE ${where}`,
      params,
    );
    return rows[0]!.n;
  }
  const { rowCount } = await db.query(`DELETE FROM report_alerts WHERE ${where}`, params);
  return rowCount ?? 0;
}

/** Deletes delivery records older than `before` (of this municipality's alerts); returns how many. */
export async function deleteDeliveriesBefore(db: Queryable, municipalityId: string, before: Date): Promise<number> {
  const { rowCount } = await db.query(
    `DELETE FROM report_alert_deliveries x USING report_alerts a
      WHERE a.id = x.alert_id AND a.municipality_id = $1 AND x.delivered_at < $2`,
    [municipalityId, before],
  );
  return rowCount ?? 0;
}
