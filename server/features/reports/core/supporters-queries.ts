import type { Queryable } from '../../../platform/db.js';
import { bulkInsert, type Column, iso } from './bulk-insert.js';
import type { ConfirmationRow } from './reports-queries.js';

// The one owner of report_supporters ("Das ist auch mein Anliegen"). The e-mail address is personal data.

export interface SupporterInsert {
  municipalityId: string;
  reportId: number;
  email: string | null;
  notifyEmail: boolean;
  language: string;
  at: Date;
  /** When the address counts as confirmed (proof of work, or the confirmation link); null: not yet. */
  emailConfirmedAt: Date | null;
}

const supporterColumns: Column<SupporterInsert>[] = [
  { name: 'municipality_id', type: 'text', value: (s) => s.municipalityId },
  { name: 'report_id', type: 'bigint', value: (s) => s.reportId },
  { name: 'email', type: 'text', value: (s) => s.email },
  { name: 'notify_email', type: 'boolean', value: (s) => s.notifyEmail },
  { name: 'language', type: 'text', value: (s) => s.language },
  { name: 'created_at', type: 'timestamptz', value: (s) => iso(s.at) },
  { name: 'email_confirmed_at', type: 'timestamptz', value: (s) => iso(s.emailConfirmedAt) },
];

/**
 * Adds supporters in one statement (one for a citizen, many for the demo); an address that already supports the
 * report (lower-case, trimmed) is skipped. Returns the ids of the rows added.
 */
export async function insertSupporters(tx: Queryable, supporters: readonly SupporterInsert[]): Promise<number[]> {
  if (supporters.length === 0) return [];
  const insert = bulkInsert('report_supporters', supporterColumns, supporters);
  const { rows } = await tx.query<{ id: number }>(
    `${insert.sql} ON CONFLICT (report_id, lower(btrim(email))) WHERE email IS NOT NULL DO NOTHING RETURNING id`,
    insert.params,
  );
  return rows.map((r) => Number(r.id));
}

/**
 * Moves all supporters of one report to another; returns how many moved. A supporter whose address already
 * supports the other report moves without it (one supporter per address and report, and one mail).
 */
export async function moveSupporters(tx: Queryable, fromId: number, toId: number): Promise<number> {
  await tx.query(
    `UPDATE report_supporters s
        SET email = NULL, notify_email = false, unsubscribe_nonce = NULL, unsubscribe_token_hash = NULL
      WHERE s.report_id = $1 AND s.email IS NOT NULL
        AND EXISTS (SELECT 1 FROM report_supporters o
                     WHERE o.report_id = $2 AND lower(btrim(o.email)) = lower(btrim(s.email)))`,
    [fromId, toId],
  );
  const { rowCount } = await tx.query('UPDATE report_supporters SET report_id = $2 WHERE report_id = $1', [
    fromId,
    toId,
  ]);
  return rowCount;
}

/** Whether this e-mail address already follows the report (as its reporter or a supporter). */
export async function followsReport(tx: Queryable, reportId: number, email: string): Promise<boolean> {
  const { rows } = await tx.query(
    `SELECT 1 FROM reports WHERE id = $1 AND lower(btrim(reporter_email)) = lower(btrim($2))
     UNION ALL SELECT 1 FROM report_supporters WHERE report_id = $1 AND lower(btrim(email)) = lower(btrim($2))
     LIMIT 1`,
    [reportId, email],
  );
  return rows.length > 0;
}

export interface SupporterRecipientRow {
  id: number;
  email: string;
  language: string;
}

/** Supporters of a report who left an e-mail address, confirmed it and asked for updates. */
export async function selectSupportersToNotify(db: Queryable, reportId: number): Promise<SupporterRecipientRow[]> {
  const { rows } = await db.query<SupporterRecipientRow>(
    `SELECT id, email, language FROM report_supporters
      WHERE report_id = $1 AND notify_email AND email IS NOT NULL AND email_confirmed_at IS NOT NULL
      ORDER BY id`,
    [reportId],
  );
  return rows;
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
  return (rows[0] as { nonce: string }).nonce;
}

/**
 * Removes supporters' e-mail addresses and their unsubscribe-link nonce and hash (the rows stay: they are the
 * supporter count); returns how many addresses.
 */
export async function clearSupporterEmails(tx: Queryable, reportId: number): Promise<number> {
  await tx.query(
    `UPDATE report_supporters SET unsubscribe_nonce = NULL, unsubscribe_token_hash = NULL
      WHERE report_id = $1 AND email IS NULL AND (unsubscribe_nonce IS NOT NULL OR unsubscribe_token_hash IS NOT NULL)`,
    [reportId],
  );
  const { rowCount } = await tx.query(
    `UPDATE report_supporters SET email = NULL, notify_email = false, unsubscribe_nonce = NULL,
            unsubscribe_token_hash = NULL
      WHERE report_id = $1 AND email IS NOT NULL`,
    [reportId],
  );
  return rowCount;
}

/** A supporter's address and its confirmation state, with the report's reference (undefined without address). */
export async function selectSupporterConfirmation(db: Queryable, id: number): Promise<ConfirmationRow | undefined> {
  const { rows } = await db.query<ConfirmationRow>(
    `SELECT s.id, r.reference, s.email, s.language, s.email_confirmed_at IS NOT NULL AS confirmed
       FROM report_supporters s JOIN reports r ON r.id = s.report_id
      WHERE s.id = $1 AND s.email IS NOT NULL`,
    [id],
  );
  return rows[0];
}

/** Claims (`at` set) or gives back (`at` null) the confirmation mail of an unconfirmed supporter address. */
export async function updateSupporterConfirmationMail(db: Queryable, id: number, at: Date | null): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE report_supporters SET email_confirmation_sent_at = $2
      WHERE id = $1 AND email IS NOT NULL AND email_confirmed_at IS NULL
        AND (email_confirmation_sent_at IS NULL) = ($2::timestamptz IS NOT NULL)`,
    [id, at],
  );
  return rowCount === 1;
}

/** Marks a supporter's address confirmed; true when it was not before. */
export async function updateSupporterEmailConfirmed(tx: Queryable, id: number, at: Date): Promise<boolean> {
  const { rowCount } = await tx.query(
    'UPDATE report_supporters SET email_confirmed_at = $2 WHERE id = $1 AND email IS NOT NULL AND email_confirmed_at IS NULL',
    [id, at],
  );
  return rowCount === 1;
}
