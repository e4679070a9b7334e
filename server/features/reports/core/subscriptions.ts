import type { Config } from '../../../platform/config.js';
import type { Deps } from '../../../platform/deps.js';
import { notFound } from '../../../platform/errors.js';
import { enqueueEmailConfirmation } from './email-confirmation.js';
import { selectReporterMailState, updateReporterNotify } from './reports-queries.js';
import {
  hashStatusToken,
  looksLikeStatusToken,
  newStatusNonce,
  statusTokenFor,
  statusTokenKey,
} from './status-token.js';
import { ensureSupporterNonce, selectSupporterByTokenHash, updateSupporterUnsubscribed } from './supporters-queries.js';

/*
 * Stopping status mails. The reporter does it on the private status page (token = the status token); a supporter
 * on /meldungen/abbestellen/<token>, whose token is built exactly like a status token from a nonce of its own
 * (report_supporters.unsubscribe_nonce, hash in unsubscribe_token_hash). Mails also carry RFC 8058 one-click
 * headers pointing at POST /api/reports/unsubscribe/<token>, which accepts either kind of token.
 */

/** Path of the supporter's unsubscribe page. */
export function supporterUnsubscribePath(token: string): string {
  return `/meldungen/abbestellen/${token}`;
}

/** Path of the RFC 8058 one-click endpoint (reporter's status token or a supporter's unsubscribe token). */
export function oneClickUnsubscribePath(token: string): string {
  return `/api/reports/unsubscribe/${token}`;
}

/** The reporter's mail settings as the status page shows them; undefined for unknown tokens. */
export async function reporterMailState(
  deps: Deps,
  statusToken: string,
): Promise<{ hasEmail: boolean; notifyEmail: boolean; confirmed: boolean } | undefined> {
  if (!looksLikeStatusToken(statusToken)) return undefined;
  const row = await selectReporterMailState(deps.db, hashStatusToken(statusToken));
  return row && { hasEmail: row.has_email, notifyEmail: row.notify_email, confirmed: row.confirmed };
}

/** What turning the reporter's mails on or off did: stopped, resumed, or on but waiting for the confirmation link. */
export type ReporterNotifyOutcome = 'stopped' | 'resumed' | 'confirm';

/**
 * Turns the reporter's status mails off, or on again (only while an e-mail address is stored). Turning them on for
 * an unconfirmed address queues its confirmation mail unless one was sent before (double opt-in; the mail job
 * sends it at most once and counts it against the daily cap). Throws not_found for an unknown token or, when
 * turning on, a report without an address.
 */
export async function setReporterNotify(
  deps: Deps,
  statusToken: string,
  notify: boolean,
): Promise<ReporterNotifyOutcome> {
  if (!looksLikeStatusToken(statusToken)) throw notFound('Report');
  return deps.db.transaction(async (tx) => {
    const row = await updateReporterNotify(tx, hashStatusToken(statusToken), notify);
    if (!row) throw notFound('Report');
    if (!notify) return 'stopped';
    if (row.confirmed) return 'resumed';
    // A report sent without JavaScript and without mails never had its confirmation mail: without it, no mail ever.
    if (!row.confirmation_sent) await enqueueEmailConfirmation(deps, tx, { kind: 'reporter', id: row.id });
    return 'confirm';
  });
}

/** The supporter an unsubscribe token belongs to: the report's reference and whether mails are still wanted. */
export async function findSupporterByUnsubscribeToken(
  deps: Deps,
  token: string,
): Promise<{ reference: string; notifyEmail: boolean } | undefined> {
  if (!looksLikeStatusToken(token)) return undefined;
  const row = await selectSupporterByTokenHash(deps.db, hashStatusToken(token));
  return row && { reference: row.reference, notifyEmail: row.notify_email };
}

/** Stops a supporter's status mails; throws not_found for an unknown token. */
export async function unsubscribeSupporter(deps: Deps, token: string): Promise<void> {
  if (!looksLikeStatusToken(token)) throw notFound('Supporter');
  if (!(await updateSupporterUnsubscribed(deps.db, hashStatusToken(token)))) throw notFound('Supporter');
}

/** One-click unsubscribe (RFC 8058): the token is a reporter's status token or a supporter's unsubscribe token. */
export async function unsubscribeByToken(deps: Deps, token: string): Promise<void> {
  if (!looksLikeStatusToken(token)) throw notFound('Subscription');
  const hash = hashStatusToken(token);
  if (await updateReporterNotify(deps.db, hash, false)) return;
  if (await updateSupporterUnsubscribed(deps.db, hash)) return;
  throw notFound('Subscription');
}

/** A supporter's unsubscribe token, creating its nonce on the first mail. */
export async function supporterUnsubscribeToken(deps: Deps, supporterId: number): Promise<string> {
  const key = statusTokenKey(deps.config.sessionSecret);
  const fresh = newStatusNonce();
  const nonce = await ensureSupporterNonce(deps.db, {
    supporterId,
    nonce: fresh,
    tokenHash: hashStatusToken(statusTokenFor(key, fresh)),
  });
  return statusTokenFor(key, nonce);
}

/** Absolute URL of a path on the public site. */
export function publicLink(config: Pick<Config, 'publicUrl'>, path: string): string {
  return `${config.publicUrl}${path}`;
}
