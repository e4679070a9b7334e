import { createHash, randomBytes } from 'node:crypto';
import type { Queryable, Tx } from '../db.js';
import { AppError } from '../errors.js';
import type { Jobs } from '../jobs/index.js';
import type { PushDeps } from './deliver.js';
import { isP256PublicKey, maxPayloadBytes } from './encrypt.js';
import { checkEndpoint, type Resolve } from './endpoint-guard.js';
import {
  deletePendingByDedupePrefix,
  deletePendingOfTopic,
  insertOutboxFromSelect,
  type Urgency,
  urgencies,
} from './outbox-queries.js';
import {
  deleteSubscription,
  findSubscriptionByTokenHash,
  removeTopic,
  type SubscriptionRef,
  type SubscriptionRow,
  upsertSubscription,
} from './queries.js';
import { getVapidKeys } from './vapid.js';

export const deliverJobName = 'push.deliver';

const topicPattern = /^[a-z][a-z0-9-]{0,29}$/;
const pushTopicPattern = /^[A-Za-z0-9_-]{1,32}$/;
const maxTtlSeconds = 28 * 24 * 3600;

/** A PushSubscription as browsers serialise it (toJSON) and UnifiedPush distributors hand it over. */
export interface PushSubscriptionInput {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

const endpointMessages = {
  invalid: 'is not a valid push endpoint URL',
  not_https: 'must be an https URL',
  forbidden_address: 'points to a private or local address',
  unresolvable: 'has a host name that does not resolve',
} as const;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Saves a subscription for a feature topic: validates endpoint (SSRF guard) and keys, upserts by endpoint and adds
 * the topic. With `manageToken` a new token for "change or cancel from a link" is returned (only its hash is kept).
 * Throws validation_failed with field errors (endpoint, keys.p256dh, keys.auth, topic).
 */
export async function savePushSubscription(
  deps: PushDeps,
  municipalityId: string,
  subscription: PushSubscriptionInput,
  topic: string,
  options: { manageToken?: boolean; resolve?: Resolve; db?: Queryable } = {},
): Promise<{ id: number; manageToken?: string }> {
  const errors: Record<string, string> = {};
  if (!topicPattern.test(topic)) errors.topic = 'is not a valid topic';
  const problem = await checkEndpoint(subscription.endpoint, {
    allowPrivate: deps.config.push.allowPrivateEndpoints,
    ...(options.resolve ? { resolve: options.resolve } : {}),
  });
  if (problem) errors.endpoint = endpointMessages[problem];
  if (!isP256PublicKey(subscription.keys.p256dh)) {
    errors['keys.p256dh'] = 'must be an uncompressed P-256 public key (base64url)';
  }
  if (Buffer.from(subscription.keys.auth, 'base64url').length !== 16)
    errors['keys.auth'] = 'must be 16 bytes (base64url)';
  if (Object.keys(errors).length > 0) throw new AppError('validation_failed', 'Invalid push subscription', errors);
  const manageToken = options.manageToken ? randomBytes(24).toString('base64url') : undefined;
  const id = await upsertSubscription(options.db ?? deps.db, municipalityId, {
    endpoint: subscription.endpoint,
    p256dh: subscription.keys.p256dh,
    auth: subscription.keys.auth,
    topic,
    manageTokenHash: manageToken ? hashToken(manageToken) : null,
    now: deps.now(),
  });
  return manageToken ? { id, manageToken } : { id };
}

const refOf = (endpointOrId: string | number): SubscriptionRef =>
  typeof endpointOrId === 'number' ? { id: endpointOrId } : { endpoint: endpointOrId };

/** Deletes a subscription (by endpoint or id) with its queued messages; returns whether it existed. */
export function removePushSubscription(db: Queryable, municipalityId: string, endpointOrId: string | number) {
  return deleteSubscription(db, municipalityId, refOf(endpointOrId));
}

/**
 * Ends one feature's use of a subscription: its pending messages of that topic are dropped, and a subscription
 * no feature uses any more is deleted. Returns the topics left, or undefined when the subscription is unknown.
 */
export async function removeSubscriptionTopic(
  db: Queryable,
  municipalityId: string,
  endpointOrId: string | number,
  topic: string,
): Promise<string[] | undefined> {
  const row = await removeTopic(db, municipalityId, refOf(endpointOrId), topic);
  if (row && row.topics.length > 0) await deletePendingOfTopic(db, row.id, topic);
  return row?.topics;
}

/** The subscription a manage link's token belongs to, if any. */
export function findPushSubscriptionByManageToken(
  db: Queryable,
  municipalityId: string,
  token: string,
): Promise<SubscriptionRow | undefined> {
  return findSubscriptionByTokenHash(db, municipalityId, hashToken(token));
}

/** The municipality's VAPID public key (base64url), the browser's applicationServerKey; created at first use. */
export async function getVapidPublicKey(deps: Pick<PushDeps, 'db' | 'config'>): Promise<string> {
  return (await getVapidKeys(deps.db, deps.config.municipality.id)).publicKey;
}

export interface PushMessage {
  subscriptionId: number;
  /** The feature's idempotency key: a message with a key already queued is skipped. */
  dedupeKey: string;
  /** The feature's counting topic ('waste', 'reports', …). */
  topic: string;
  /** RFC 8030 Topic: replaces a pending message with the same one (≤ 32 base64url characters). */
  pushTopic?: string;
  payload: unknown;
  /** Seconds the push service keeps the message for an offline device. */
  ttl: number;
  urgency: Urgency;
}

function checkMessage(msg: PushMessage, i: number): void {
  const problems: Record<string, string> = {};
  if (!topicPattern.test(msg.topic)) problems[`${i}.topic`] = 'is not a valid topic';
  if (msg.pushTopic !== undefined && !pushTopicPattern.test(msg.pushTopic)) {
    problems[`${i}.pushTopic`] = 'must be 1–32 base64url characters';
  }
  if (!Number.isInteger(msg.ttl) || msg.ttl < 0 || msg.ttl > maxTtlSeconds) problems[`${i}.ttl`] = 'out of range';
  if (!urgencies.includes(msg.urgency)) problems[`${i}.urgency`] = 'is not an RFC 8030 urgency';
  if (!msg.dedupeKey || msg.dedupeKey.length > 200) problems[`${i}.dedupeKey`] = 'must be 1–200 characters';
  if (Buffer.byteLength(JSON.stringify(msg.payload) ?? '') > maxPayloadBytes) {
    problems[`${i}.payload`] = `exceeds ${maxPayloadBytes} bytes`;
  }
  if (Object.keys(problems).length > 0) throw new AppError('validation_failed', 'Invalid push message', problems);
}

/** Asks a worker to deliver soon (inside the caller's transaction, so it runs only if the messages were saved). */
export async function requestPushDelivery(jobs: Jobs, tx?: Tx): Promise<void> {
  await jobs.enqueue(deliverJobName, {}, tx ? { tx } : {});
}

/**
 * Queues messages (in the caller's transaction). Dedupe keys already queued are skipped; a message with a
 * pushTopic replaces its subscription's pending message with the same one. With `jobs`, delivery is requested.
 * Throws validation_failed (field `<index>.<name>`). Returns the number queued.
 */
export async function enqueuePush(
  tx: Tx,
  municipalityId: string,
  messages: PushMessage[],
  options: { jobs?: Jobs } = {},
): Promise<number> {
  messages.forEach(checkMessage);
  if (messages.length === 0) return 0;
  return enqueuePushFromSelect(
    tx,
    municipalityId,
    `SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::jsonb[], $6::int[], $7::text[])
       AS m (subscription_id, dedupe_key, topic, push_topic, payload, ttl, urgency)`,
    [
      messages.map((m) => m.subscriptionId),
      messages.map((m) => m.dedupeKey),
      messages.map((m) => m.topic),
      messages.map((m) => m.pushTopic ?? null),
      messages.map((m) => JSON.stringify(m.payload)),
      messages.map((m) => m.ttl),
      messages.map((m) => m.urgency),
    ],
    options,
  );
}

/**
 * Set-based enqueue: `selectSql` returns subscription_id, dedupe_key, topic, push_topic, payload (jsonb), ttl,
 * urgency; `params` are its $1…$n. Rows for other municipalities' subscriptions are ignored, known dedupe keys are
 * skipped (a resumed run never enqueues twice), push_topic replaces as in enqueuePush. Returns the number queued.
 */
export async function enqueuePushFromSelect(
  tx: Tx,
  municipalityId: string,
  selectSql: string,
  params: unknown[],
  options: { jobs?: Jobs } = {},
): Promise<number> {
  const n = await insertOutboxFromSelect(tx, municipalityId, selectSql, params);
  if (n > 0 && options.jobs) await requestPushDelivery(options.jobs, tx);
  return n;
}

/**
 * Withdraws queued messages that are no longer true (inside the caller's transaction): pending messages of the
 * municipality whose dedupe key starts with `dedupePrefix` and is not in `keep` are deleted before they are sent
 * (e.g. a reminder run again after its date moved away). Messages already claimed for sending are not touched.
 * Returns the number withdrawn.
 */
export function withdrawPendingPush(
  tx: Tx,
  municipalityId: string,
  dedupePrefix: string,
  keep: string[],
): Promise<number> {
  if (!dedupePrefix)
    throw new AppError('validation_failed', 'A dedupe key prefix is required', { dedupePrefix: 'empty' });
  return deletePendingByDedupePrefix(tx, municipalityId, dedupePrefix, keep);
}
