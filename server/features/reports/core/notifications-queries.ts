import type { Queryable } from '../../../platform/db.js';

// The one owner of report_notifications: which status mails went to whom, so a retried job never mails twice.

export interface NotificationKey {
  eventId: number;
  recipientKind: 'reporter' | 'supporter';
  supporterId: number;
}

/**
 * Claims the mail of an event to one recipient before it is sent; false when it was sent or refused before, or
 * another run is sending it right now. A claim older than `staleBefore` (its run died mid-send) may be taken over.
 */
export async function claimNotification(
  db: Queryable,
  n: NotificationKey & { municipalityId: string; at: Date; staleBefore: Date },
): Promise<boolean> {
  const { rowCount } = await db.query(
    `INSERT INTO report_notifications (event_id, recipient_kind, supporter_id, outcome, at, municipality_id)
     VALUES ($1, $2, $3, 'sending', $4, $6)
     ON CONFLICT (event_id, recipient_kind, supporter_id) DO UPDATE SET at = EXCLUDED.at
       WHERE report_notifications.outcome = 'sending' AND report_notifications.at < $5
     RETURNING 1`,
    [n.eventId, n.recipientKind, n.supporterId, n.at, n.staleBefore, n.municipalityId],
  );
  return rowCount === 1;
}

/** Records how a claimed mail ended: sent, refused by the mail server for good, or dropped by the daily cap. */
export async function finishNotification(
  db: Queryable,
  n: NotificationKey & { outcome: 'sent' | 'refused' | 'capped'; at: Date },
): Promise<void> {
  await db.query(
    `UPDATE report_notifications SET outcome = $4, at = $5
      WHERE event_id = $1 AND recipient_kind = $2 AND supporter_id = $3`,
    [n.eventId, n.recipientKind, n.supporterId, n.outcome, n.at],
  );
}

/** Gives a claim back after a failed send, so the job's retry sends the mail. */
export async function releaseNotification(db: Queryable, n: NotificationKey): Promise<void> {
  await db.query(
    `DELETE FROM report_notifications
      WHERE event_id = $1 AND recipient_kind = $2 AND supporter_id = $3 AND outcome = 'sending'`,
    [n.eventId, n.recipientKind, n.supporterId],
  );
}

/** Deletes the sent-mail records of the report's events (no longer needed once nobody can be mailed). */
export async function deleteNotificationsOf(tx: Queryable, reportId: number): Promise<number> {
  const { rowCount } = await tx.query(
    `DELETE FROM report_notifications WHERE event_id IN (SELECT id FROM report_events WHERE report_id = $1)`,
    [reportId],
  );
  return rowCount;
}
