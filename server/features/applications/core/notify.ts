import { createHash } from 'node:crypto';
import { Type as T } from '@sinclair/typebox';
import type { Queryable } from '../../../platform/db.js';
import type { Deps } from '../../../platform/deps.js';
import { notFound } from '../../../platform/errors.js';
import { i18nFor, type Language, supportedLanguages } from '../../../platform/i18n.js';
import { defineJob } from '../../../platform/jobs/types.js';
import { sendCitizenMail } from '../../../platform/mail/index.js';
import { enqueuePush, type PushSubscriptionInput, savePushSubscription } from '../../../platform/push/index.js';
import { selectApplicationByToken, selectEventNotice } from './applications-queries.js';
import { insertFollow, selectFollowers } from './push-follows-queries.js';
import type { ApplicationStatus } from './statuses.js';

// Telling the applicant there is news (a new status, a message): a push to every browser that follows the
// application and a mail to the address they gave for that. Neither carries anything personal or the message
// itself, only the reference and the kind of news; the mailbox shows the rest.

export const applicationPushTopic = 'applications';
export const notifyMailJobName = 'applications.notify-mail';
const pushTtlSeconds = 7 * 24 * 3600;

const isLanguage = (s: string): s is Language => (supportedLanguages as readonly string[]).includes(s);
const texts = (language: string, timeZone: string) => i18nFor(isLanguage(language) ? language : 'de', timeZone);

/** The news in words: "Neuer Stand: In Bearbeitung" or "Neue Nachricht" (never the message). */
function newsText(t: (k: string, o?: Record<string, unknown>) => string, status: ApplicationStatus | null): string {
  return status
    ? t('applications.notice.status', { status: t(`applications.statuses.${status}`) })
    : t('applications.notice.message');
}

/** Lets a browser follow the application of a status token by push; throws not_found for an unknown token. */
export async function followByPush(
  deps: Deps,
  municipalityId: string,
  token: string,
  subscription: PushSubscriptionInput,
) {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) throw notFound('Application');
  const application = await selectApplicationByToken(
    deps.db,
    municipalityId,
    createHash('sha256').update(token).digest('hex'),
  );
  if (!application) throw notFound('Application');
  await deps.db.transaction(async (tx) => {
    const { id } = await savePushSubscription(deps, municipalityId, subscription, applicationPushTopic, { db: tx });
    await insertFollow(tx, { municipalityId, applicationId: application.id, subscriptionId: id, now: deps.now() });
  });
}

/**
 * Queues the notices of one mailbox event inside the caller's transaction: one push per following browser (at
 * most once per event) and, when the applicant gave an address, the mail job.
 */
export async function queueNotices(
  tx: Queryable,
  deps: Deps,
  municipalityId: string,
  e: {
    applicationId: string;
    eventId: number;
    reference: string;
    status: ApplicationStatus | null;
    language: string;
    notifyEmail: string | null;
  },
): Promise<void> {
  const { t } = texts(e.language, deps.config.municipality.timeZone);
  const followers = await selectFollowers(tx, e.applicationId);
  await enqueuePush(
    tx,
    municipalityId,
    followers.map((subscriptionId) => ({
      subscriptionId,
      dedupeKey: `applications:${e.eventId}:${subscriptionId}`,
      topic: applicationPushTopic,
      pushTopic: `application-${e.applicationId.slice(0, 8)}`,
      payload: {
        title: t('applications.notice.title', { reference: e.reference }),
        body: newsText(t, e.status),
        url: '/antraege/postfach',
        tag: `application-${e.reference}`,
      },
      ttl: pushTtlSeconds,
      urgency: 'normal' as const,
    })),
    { jobs: deps.jobs },
  );
  if (e.notifyEmail) await deps.jobs.enqueue(notifyMailJobName, { eventId: e.eventId }, { tx });
}

/** Sends the "there is news" mail of one event (reference and kind of news only). */
export async function mailNotice(deps: Deps, eventId: number): Promise<{ sent: number; skipped: number }> {
  const notice = await selectEventNotice(deps.db, eventId);
  if (!notice?.notifyEmail) return { sent: 0, skipped: 1 };
  const { t } = texts(notice.language, deps.config.municipality.timeZone);
  const outcome = await sendCitizenMail(deps, {
    to: notice.notifyEmail,
    subject: t('applications.notice.title', { reference: notice.reference }),
    text: [
      t('applications.notice.greeting'),
      '',
      `${newsText(t, notice.status)}.`,
      '',
      t('applications.notice.where', { url: `${deps.config.publicUrl}/antraege/postfach` }),
      '',
      t('applications.notice.why'),
    ].join('\n'),
    language: isLanguage(notice.language) ? notice.language : 'de',
    kind: 'applications.notice',
  });
  return outcome === 'sent' ? { sent: 1, skipped: 0 } : { sent: 0, skipped: 1 };
}

export const notifyMailJob = defineJob({
  name: notifyMailJobName,
  description: 'Mails an applicant that their online application has news (reference and kind of news only)',
  payload: T.Object({ eventId: T.Integer({ minimum: 1 }) }, { additionalProperties: false }),
  // A mail server that is down for a while: 1, 2, 4 … 128 minutes.
  retry: { limit: 8, delaySeconds: 60, backoff: true },
  timeoutSeconds: 300,
  async run(payload, { deps, log }) {
    const result = await mailNotice(deps, payload.eventId);
    log.info({ ...result }, 'application notice mail done');
    return { ...result };
  },
});
