import type { Deps } from '../deps.js';
import { type MailMessage, sendMail } from './mailer.js';
import { giveBackRecipientQuota, takeRecipientQuota } from './quota.js';

/** How a mail to a citizen ended: sent, refused for good by the mail server, or dropped by the daily cap. */
export type CitizenMailOutcome = 'sent' | 'refused' | 'capped';

/** A mail server's final "no" to an address (5xx on RCPT): retrying cannot help. */
function isRefusal(err: unknown): boolean {
  const e = err as { code?: string; responseCode?: number };
  return e?.code === 'EENVELOPE' && typeof e.responseCode === 'number' && e.responseCode >= 500;
}

/**
 * The one way mails reach citizens (receipts, confirmations, status mails, area alerts): counted against the address's daily
 * cap first (MAIL_MAX_PER_RECIPIENT_PER_DAY; over it the mail is dropped, not retried), then sent. Throws on a
 * transient failure (the count is given back, so the job's retry counts it again).
 */
export async function sendCitizenMail(deps: Deps, message: MailMessage): Promise<CitizenMailOutcome> {
  const at = deps.now();
  if (!(await takeRecipientQuota(deps.db, deps.config, message.to, at))) return 'capped';
  try {
    await sendMail(deps, message);
    return 'sent';
  } catch (err) {
    if (isRefusal(err)) return 'refused';
    await giveBackRecipientQuota(deps.db, deps.config, message.to, at);
    throw err;
  }
}
