import { createHmac } from 'node:crypto';
import type { Config } from '../config.js';
import type { Queryable } from '../db.js';

// The one owner of mail_recipient_days: how many mails each citizen address got on a local day, so that no flood
// reaches one inbox however many reports, supporters or processes ask for mails.

type QuotaConfig = Pick<Config, 'mail' | 'sessionSecret' | 'municipality'>;

/** The address as stored: an HMAC of its lower-case, trimmed form (the table holds no address). */
function addressHash(config: QuotaConfig, address: string): string {
  const key = createHmac('sha256', config.sessionSecret).update('mail.recipient-quota').digest();
  return createHmac('sha256', key).update(address.trim().toLowerCase()).digest('hex');
}

/** The calendar day of `at` in the municipality's time zone, as YYYY-MM-DD. */
function localDay(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/**
 * Counts one mail to `address` on the local day of `at`, durably, if the address is below the daily cap
 * (`mail.maxPerRecipientPerDay`); false when the cap is reached (nothing is counted then). Concurrent callers
 * are serialised by the row, so the cap holds across processes.
 */
export async function takeRecipientQuota(
  db: Queryable,
  config: QuotaConfig,
  address: string,
  at: Date,
): Promise<boolean> {
  const { rowCount } = await db.query(
    `INSERT INTO mail_recipient_days AS d (address_hash, day, mails) VALUES ($1, $2, 1)
     ON CONFLICT (address_hash, day) DO UPDATE SET mails = d.mails + 1 WHERE d.mails < $3
     RETURNING 1`,
    [addressHash(config, address), localDay(at, config.municipality.timeZone), config.mail.maxPerRecipientPerDay],
  );
  return rowCount === 1;
}

/** Gives back a mail counted by takeRecipientQuota that could not be sent (the retry counts it again). */
export async function giveBackRecipientQuota(
  db: Queryable,
  config: QuotaConfig,
  address: string,
  at: Date,
): Promise<void> {
  await db.query(
    'UPDATE mail_recipient_days SET mails = mails - 1 WHERE address_hash = $1 AND day = $2 AND mails > 0',
    [addressHash(config, address), localDay(at, config.municipality.timeZone)],
  );
}

/** Deletes the counts of days before yesterday (they hold pseudonymous data and cap nothing any more). */
export async function deleteOldRecipientCounts(db: Queryable, config: QuotaConfig, now: Date): Promise<number> {
  const yesterday = localDay(new Date(now.getTime() - 24 * 60 * 60 * 1000), config.municipality.timeZone);
  const { rowCount } = await db.query('DELETE FROM mail_recipient_days WHERE day < $1', [yesterday]);
  return rowCount;
}
