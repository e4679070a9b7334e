import type { Queryable } from '../../../platform/db.js';

export interface ReporterMailStateRow {
  id: number;
  has_email: boolean;
  notify_email: boolean;
}

/** Whether a report (found by its status-token hash) still has an e-mail address and wants status mails. */
export async function selectReporterMailState(
  db: Queryable,
  tokenHash: string,
): Promise<ReporterMailStateRow | undefined> {
  const { rows } = await db.query<ReporterMailStateRow>(
    `SELECT id, reporter_email IS NOT NULL AS has_email, notify_email FROM reports
      WHERE status_token_hash = $1 AND anonymised_at IS NULL`,
    [tokenHash],
  );
  return rows[0];
}

/** Turns the reporter's status mails on or off; on only while an address is stored. True when a row matched. */
export async function updateReporterNotify(db: Queryable, tokenHash: string, notify: boolean): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE reports SET notify_email = $2
      WHERE status_token_hash = $1 AND anonymised_at IS NULL AND ($2 = false OR reporter_email IS NOT NULL)`,
    [tokenHash, notify],
  );
  return rowCount === 1;
}

export interface SupporterMailStateRow {
  id: number;
  reference: string;
  notify_email: boolean;
}

/** The supporter an unsubscribe-token hash belongs to (only while an address is stored). */
export async function selectSupporterByTokenHash(
  db: Queryable,
  tokenHash: string,
): Promise<SupporterMailStateRow | undefined> {
  const { rows } = await db.query<SupporterMailStateRow>(
    `SELECT s.id, r.reference, s.notify_email FROM report_supporters s JOIN reports r ON r.id = s.report_id
      WHERE s.unsubscribe_token_hash = $1 AND s.email IS NOT NULL`,
    [tokenHash],
  );
  return rows[0];
}

/** Stops a supporter's mails; true when a row matched. */
export async function updateSupporterUnsubscribed(db: Queryable, tokenHash: string): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE report_supporters SET notify_email = false WHERE unsubscribe_token_hash = $1 AND email IS NOT NULL`,
    [tokenHash],
  );
  return rowCount === 1;
}

/**
 * The unsubscribe nonce of a supporter, set now (with the token's hash) when it has none yet; a concurrent first
 * setter wins, and both then read its nonce.
 */
export async function ensureSupporterNonce(
  db: Queryable,
  s: { supporterId: number; nonce: string; tokenHash: string },
): Promise<string> {
  const { rows } = await db.query<{ nonce: string }>(
    `UPDATE report_supporters
        SET unsubscribe_nonce = COALESCE(unsubscribe_nonce, $2),
            unsubscribe_token_hash = CASE WHEN unsubscribe_nonce IS NULL THEN $3 ELSE unsubscribe_token_hash END
      WHERE id = $1
      RETURNING unsubscribe_nonce AS nonce`,
    [s.supporterId, s.nonce, s.tokenHash],
  );
  return rows[0]!.nonce;
}
