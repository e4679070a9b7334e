import { createHash, randomBytes } from 'node:crypto';
import type { Deps } from '../../../platform/deps.js';
import { AppError, type FieldErrors, notFound } from '../../../platform/errors.js';
import { i18nFor, type Language } from '../../../platform/i18n.js';
import {
  enqueuePushFromSelect,
  type PushSubscriptionInput,
  removeSubscriptionTopic,
  savePushSubscription,
} from '../../../platform/push/index.js';
import { type AuditActor, recordAudit } from '../../audit/service.js';
import { selectNewsItem } from '../core/items-queries.js';
import { shorten } from '../core/sanitise.js';
import { isNewsVisible, newsPath } from '../core/service.js';
import { isNewsTopic, type NewsTopic } from '../core/topics.js';
import {
  countNewsOptins,
  deleteNewsOptin,
  insertNewsPushSend,
  itemMessagesSelect,
  type NewsOptinRow,
  selectNewsOptinByTokenHash,
  setNewsPushQueued,
  updateNewsOptinTopics,
  upsertNewsOptin,
} from './queries.js';

// News push: citizens opt in per topic; an editor approves each item that is pushed (imports never push).

/** The push engine's counting topic of news messages. */
export const newsPushTopic = 'news';
/** A news push is worth little after two days. */
const ttlSeconds = 2 * 24 * 3600;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
export const newsManagePath = (token: string) => `/aktuelles/benachrichtigungen/${token}`;
const tokenPattern = /^[A-Za-z0-9_-]{43}$/;

/** The topics of a form or body: known ones, each once; throws validation_failed (field topics) when none. */
function checkTopics(topics: string[]): NewsTopic[] {
  const clean = [...new Set(topics.filter(isNewsTopic))];
  if (clean.length === 0 || clean.length !== new Set(topics).size) {
    const errors: FieldErrors = { topics: 'news.errors.topics' };
    throw new AppError('validation_failed', 'Choose at least one known topic', errors);
  }
  return clean;
}

/**
 * Opts a browser's push subscription in for topics (the engine validates the subscription: field errors endpoint,
 * keys.p256dh, keys.auth). Subscribing again replaces the topics and the manage link. Throws validation_failed.
 */
export async function subscribeNewsPush(
  deps: Deps,
  input: { subscription: PushSubscriptionInput; topics: string[]; language: Language },
): Promise<{ token: string; managePath: string }> {
  const m = deps.config.municipality.id;
  const topics = checkTopics(input.topics);
  const token = randomBytes(32).toString('base64url');
  await deps.db.transaction(async (tx) => {
    const saved = await savePushSubscription(deps, m, input.subscription, newsPushTopic, { db: tx });
    await upsertNewsOptin(tx, m, {
      subscriptionId: saved.id,
      topics,
      language: input.language,
      tokenHash: hashToken(token),
      now: deps.now(),
    });
  });
  return { token, managePath: newsManagePath(token) };
}

/** The opt-in of a manage token, or undefined (also for malformed tokens). */
export async function findNewsOptin(deps: Deps, token: string): Promise<NewsOptinRow | undefined> {
  if (!tokenPattern.test(token)) return undefined;
  return selectNewsOptinByTokenHash(deps.db, deps.config.municipality.id, hashToken(token));
}

/** Changes the topics of an opt-in. Throws not_found or validation_failed (topics). */
export async function changeNewsOptin(deps: Deps, token: string, topics: string[], language: Language) {
  const optin = await findNewsOptin(deps, token);
  if (!optin) throw notFound('Subscription');
  const clean = checkTopics(topics);
  await deps.db.transaction((tx) => updateNewsOptinTopics(tx, optin.id, clean, language, deps.now()));
}

/** Ends an opt-in; the subscription's news topic goes back to the engine. Throws not_found. */
export async function cancelNewsOptin(deps: Deps, token: string): Promise<void> {
  const optin = await findNewsOptin(deps, token);
  if (!optin) throw notFound('Subscription');
  await deps.db.transaction(async (tx) => {
    await deleteNewsOptin(tx, optin.id);
    await removeSubscriptionTopic(tx, deps.config.municipality.id, optin.subscriptionId, newsPushTopic);
  });
}

/** How many browsers follow a topic (shown on the confirm step). */
export const countTopicFollowers = (deps: Deps, topic: string) =>
  countNewsOptins(deps.db, deps.config.municipality.id, topic);

function payloadOf(deps: Deps, lang: Language, item: NonNullable<Awaited<ReturnType<typeof selectNewsItem>>>) {
  const { t } = i18nFor(lang, deps.config.municipality.timeZone);
  const en = lang === 'en' && item.titleEn;
  return {
    title: `${t(`news.topics.${item.topic}`)}: ${en ? item.titleEn : item.titleDe}`,
    body: shorten((en ? item.summaryEn : item.summaryDe) ?? item.summaryDe, 160),
    url: `${deps.config.publicUrl.replace(/\/$/, '')}${newsPath(item)}`,
    tag: `news-${item.id}`,
  };
}

/**
 * An editor's approval to push a published item: one message per browser following its topic (once per item and
 * subscription, whatever happens later), audited. Throws not_found, conflict (already pushed) or
 * validation_failed (not visible to the public). Returns the number of messages queued.
 */
export async function approveNewsPush(deps: Deps, itemId: number, actor: AuditActor): Promise<number> {
  const m = deps.config.municipality.id;
  return deps.db.transaction(async (tx) => {
    const now = deps.now();
    const item = await selectNewsItem(tx, m, itemId, true);
    if (!item) throw notFound('News item');
    if (!isNewsVisible(item, now)) {
      throw new AppError('validation_failed', 'Only published news can be pushed', { push: 'news.push.notVisible' });
    }
    if (!(await insertNewsPushSend(tx, m, { itemId, approvedBy: actor.label, now }))) {
      throw new AppError('conflict', 'This news item was pushed already', { push: 'news.push.already' });
    }
    const { sql, params } = itemMessagesSelect({
      municipalityId: m,
      itemId,
      topic: item.topic,
      payloadDe: payloadOf(deps, 'de', item),
      payloadEn: payloadOf(deps, 'en', item),
      ttl: ttlSeconds,
    });
    const queued = await enqueuePushFromSelect(tx, m, sql, params, { jobs: deps.jobs });
    await setNewsPushQueued(tx, m, itemId, queued);
    await recordAudit(tx, {
      municipalityId: m,
      actor,
      action: 'news.push',
      entityType: 'news_item',
      entityId: itemId,
      after: { topic: item.topic, queued },
      at: now,
    });
    return queued;
  });
}
