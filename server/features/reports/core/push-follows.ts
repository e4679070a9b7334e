import type { Deps } from '../../../platform/deps.js';
import { notFound } from '../../../platform/errors.js';
import { i18nFor, type Language, supportedLanguages } from '../../../platform/i18n.js';
import {
  enqueuePushFromSelect,
  type PushSubscriptionInput,
  savePushSubscription,
} from '../../../platform/push/index.js';
import { followerMessagesSelect, selectFollowableReport, upsertFollow } from './push-follows-queries.js';
import { hashStatusToken, looksLikeStatusToken } from './status-token.js';
import { reportStatuses } from './statuses.js';

// Following a report's status by push: the reporter's browser subscribes from the receipt or the private status
// page; every public status change queues one message per follower. Messages carry no personal data: the
// reference and the new status only, and a public URL (the report's public page when it is public, else the
// public list) — never the private status link, as notifications show on lock screens and pass push services.

export const reportPushTopic = 'reports';
/** A status message is worth little after a week. */
const statusTtlSeconds = 7 * 24 * 3600;

/**
 * Lets a browser subscription follow the report of a status token. Throws not_found for unknown tokens and
 * anonymised reports, validation_failed for a bad subscription (the engine's field errors).
 */
export async function followReportByPush(
  deps: Deps,
  statusToken: string,
  subscription: PushSubscriptionInput,
  language: Language,
): Promise<void> {
  if (!looksLikeStatusToken(statusToken)) throw notFound('Report');
  const report = await selectFollowableReport(deps.db, hashStatusToken(statusToken));
  if (!report || report.municipality_id !== deps.config.municipality.id) throw notFound('Report');
  await deps.db.transaction(async (tx) => {
    const { id } = await savePushSubscription(deps, report.municipality_id, subscription, reportPushTopic, { db: tx });
    await upsertFollow(tx, {
      municipalityId: report.municipality_id,
      reportId: report.id,
      subscriptionId: id,
      language,
      now: deps.now(),
    });
  });
}

function followerTexts(timeZone: string) {
  return Object.fromEntries(
    supportedLanguages.map((lang) => {
      const { t } = i18nFor(lang, timeZone);
      const vars = { reference: '%REF%', status: '%STATUS%' };
      const status = Object.fromEntries(reportStatuses.map((s) => [s, t(`reports.status.${s}`)]));
      return [
        lang,
        { title: t('reports-push.message.title', vars), body: t('reports-push.message.body', vars), status },
      ];
    }),
  );
}

/**
 * Queues one push per follower about a public status change (once per event and follower, also across retries)
 * and asks for delivery. Returns the number queued.
 */
export async function queueStatusPush(
  deps: Deps,
  e: { municipalityId: string; reportId: number; eventId: number; statusTo: string },
): Promise<number> {
  const { sql, params } = followerMessagesSelect({
    reportId: e.reportId,
    eventId: e.eventId,
    statusTo: e.statusTo,
    texts: followerTexts(deps.config.municipality.timeZone),
    fallbackLanguage: 'de',
    publicUrl: deps.config.publicUrl.replace(/\/$/, ''),
    ttl: statusTtlSeconds,
  });
  return deps.db.transaction((tx) => enqueuePushFromSelect(tx, e.municipalityId, sql, params, { jobs: deps.jobs }));
}
