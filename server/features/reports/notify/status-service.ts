import type { Config } from '../../../platform/config.js';
import type { Deps } from '../../../platform/deps.js';
import { notFound } from '../../../platform/errors.js';
import { type Language, supportedLanguages } from '../../../platform/i18n.js';
import { type MailMessage, sendCitizenMail } from '../../../platform/mail/index.js';
import {
  claimNotification,
  finishNotification,
  type NotificationKey,
  releaseNotification,
} from '../core/notifications-queries.js';
import { queueStatusPush } from '../core/push-follows.js';
import { statusPathFor, statusTokenFor, statusTokenKey } from '../core/status-token.js';
import {
  oneClickUnsubscribePath,
  publicLink,
  supporterUnsubscribePath,
  supporterUnsubscribeToken,
} from '../core/subscriptions.js';
import { selectSupportersToNotify } from '../core/supporters-queries.js';
import { type NotifyEventRow, selectNotifyEvent } from './queries.js';
import { statusMail } from './views/status-mails.js';

/** A claim older than this belongs to a run that died while sending (the job times out after 5 minutes). */
const staleClaimMs = 15 * 60 * 1000;

/** Public events worth a mail besides `created` (which gets the receipt); the rest are bookkeeping. */
const mailedKinds = new Set(['status', 'forwarded', 'accepted', 'returned', 'external', 'note', 'merged']);

export interface NotifyResult {
  sent: number;
  /** Recorded as sent by an earlier run (a retry). */
  alreadySent: number;
  /** Refused by the mail server for good (unknown mailbox). */
  refused: number;
  /** Dropped: the address had its day's mails already (MAIL_MAX_PER_RECIPIENT_PER_DAY). */
  capped: number;
  /** Push messages queued to the report's followers (status changes only; present when any were). */
  pushed?: number;
}

interface Recipient {
  kind: 'reporter' | 'supporter';
  supporterId: number;
  email: string;
  language: Language;
}

const languageOf = (l: string): Language =>
  ((supportedLanguages as readonly string[]).includes(l) ? l : 'de') as Language;

function recipientsOf(e: NotifyEventRow, supporters: { id: number; email: string; language: string }[]): Recipient[] {
  const out: Recipient[] = [];
  if (e.reporter_email && e.notify_email && e.email_confirmed) {
    out.push({ kind: 'reporter', supporterId: 0, email: e.reporter_email, language: languageOf(e.language) });
  }
  for (const s of supporters) {
    out.push({ kind: 'supporter', supporterId: s.id, email: s.email, language: languageOf(s.language) });
  }
  return out;
}

interface Links {
  /** The reporter's private status link, or for a supporter the public page. */
  link: string;
  /** Where the mail says to unsubscribe: the status page (reporter) or the supporter's unsubscribe page. */
  unsubscribe: string;
  /** The RFC 8058 one-click URL (List-Unsubscribe). */
  oneClick: string;
}

/** The links of one recipient's mail; undefined for a reporter without a status token. */
async function linksFor(deps: Deps, config: Config, e: NotifyEventRow, r: Recipient): Promise<Links | undefined> {
  if (r.kind === 'supporter') {
    const token = await supporterUnsubscribeToken(deps, r.supporterId);
    return {
      link: publicLink(config, `/meldungen/${encodeURIComponent(e.reference)}`),
      unsubscribe: publicLink(config, supporterUnsubscribePath(token)),
      oneClick: publicLink(config, oneClickUnsubscribePath(token)),
    };
  }
  if (!e.status_token_nonce) return undefined;
  const token = statusTokenFor(statusTokenKey(config.sessionSecret), e.status_token_nonce);
  const status = publicLink(config, statusPathFor(token));
  return { link: status, unsubscribe: status, oneClick: publicLink(config, oneClickUnsubscribePath(token)) };
}

/**
 * Sends one mail at most once per key: claimed first and finished after, so no transaction stays open while the
 * mail server answers. A transient failure gives the claim back and throws (the job retries).
 */
async function deliverOnce(
  deps: Deps,
  municipalityId: string,
  key: NotificationKey,
  message: MailMessage,
): Promise<Exclude<keyof NotifyResult, 'pushed'>> {
  const staleBefore = new Date(deps.now().getTime() - staleClaimMs);
  if (!(await claimNotification(deps.db, { ...key, municipalityId, at: deps.now(), staleBefore })))
    return 'alreadySent';
  let outcome: Awaited<ReturnType<typeof sendCitizenMail>>;
  try {
    outcome = await sendCitizenMail(deps, message);
  } catch (err) {
    await releaseNotification(deps.db, key);
    throw err;
  }
  await finishNotification(deps.db, { ...key, outcome, at: deps.now() });
  return outcome;
}

/**
 * Mails the reporter (receipt for `created`, else the new status and public note with the private status link)
 * and the supporters who asked for updates (with the public page) about one public event. Each recipient is
 * mailed at most once per event, also across retries. Throws not_found for a missing event and the mail error
 * when the server cannot be reached, so the job is retried.
 */
export async function notifyAboutEvent(deps: Deps, eventId: number): Promise<NotifyResult> {
  const result: NotifyResult = { sent: 0, alreadySent: 0, refused: 0, capped: 0 };
  const e = await selectNotifyEvent(deps.db, eventId);
  if (!e) throw notFound('Report event');
  const receipt = e.kind === 'created';
  if (!e.public || e.anonymised_at || e.abusive || (!receipt && !mailedKinds.has(e.kind))) return result;
  if (!receipt && e.status_to) {
    const pushed = { municipalityId: e.municipality_id, reportId: e.report_id, eventId, statusTo: e.status_to };
    const queued = await queueStatusPush(deps, pushed);
    if (queued > 0) result.pushed = queued;
  }
  const supporters = receipt ? [] : await selectSupportersToNotify(deps.db, e.report_id);

  for (const r of recipientsOf(e, supporters)) {
    const links = await linksFor(deps, deps.config, e, r);
    if (!links) continue;
    const mail = statusMail({
      lang: r.language,
      municipality: deps.config.municipality,
      recipient: receipt ? 'receipt' : r.kind === 'reporter' ? 'update' : 'supporter',
      reference: e.reference,
      category: e.category_name[r.language] ?? e.category_name.de,
      place: e.address_label,
      status: e.status_to ?? e.status,
      statusChanged: e.status_to !== null,
      publicNote: e.public_note,
      link: links.link,
      unsubscribe: links.unsubscribe,
      askFixed: r.kind === 'reporter' && e.status_to === 'done',
    });
    const key = { eventId, recipientKind: r.kind, supporterId: r.supporterId };
    const message = {
      ...mail,
      to: r.email,
      language: r.language,
      kind: `reports.${r.kind}`,
      unsubscribeUrl: links.oneClick,
    };
    result[await deliverOnce(deps, e.municipality_id, key, message)]++;
  }
  return result;
}
