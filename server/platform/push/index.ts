/**
 * The platform's Web Push engine (RFC 8030 protocol, RFC 8291 encryption, RFC 8292 VAPID). Features use only this
 * module; it never imports a feature.
 *
 * Subscriptions
 * - `savePushSubscription(deps, municipalityId, { endpoint, keys: { p256dh, auth } }, topic, { manageToken? })`
 *   → `{ id, manageToken? }`: validates (AppError validation_failed with field errors: endpoint, keys.p256dh,
 *   keys.auth, topic; the SSRF guard refuses non-https and private/loopback targets outside test mode), upserts by
 *   endpoint, adds the feature topic ('waste', 'reports', …).
 * - `removePushSubscription(db, municipalityId, endpoint | id)`, `removeSubscriptionTopic(db, municipalityId,
 *   endpoint | id, topic)` (drops that topic's pending messages; deletes the subscription when no topic is left),
 *   `findPushSubscriptionByManageToken(db, municipalityId, token)`.
 * - `getVapidPublicKey(deps)` → base64url applicationServerKey (the key pair is created at first use and kept).
 *
 * Sending (inside the feature's own transaction)
 * - `enqueuePush(tx, municipalityId, [{ subscriptionId, dedupeKey, topic, pushTopic?, payload, ttl, urgency }],
 *   { jobs? })` → number queued.
 * - `enqueuePushFromSelect(tx, municipalityId, selectSql, params, { jobs? })`: set-based; the SELECT returns
 *   subscription_id, dedupe_key, topic, push_topic, payload, ttl, urgency; a dedupe key already queued is skipped, so
 *   a resumed run never enqueues twice. With `jobs`, the `push.deliver` job is enqueued in the same transaction
 *   (or call `requestPushDelivery(jobs, tx)`).
 * - A message with a `pushTopic` replaces its subscription's pending message with the same one (a corrected date
 *   replaces a pending reminder); the push service does the same for undelivered ones (RFC 8030 Topic).
 * - `deliverPending(deps, { limit?, signal?, sender?, log? })` → `{ sent, gone, failed, retried, deferred,
 *   interrupted }`: what the `push.deliver` job runs, for the configured municipality. `signal` stops it: messages
 *   claimed but not started go back to the queue, requests in flight are cancelled and later given up. At most once: a message claimed by a run that died is
 *   never sent again (after PUSH_LEASE_SECONDS it counts as failed).
 * - `withdrawPendingPush(tx, municipalityId, dedupePrefix, keep)`: deletes pending messages of a key prefix except
 *   `keep` (a feature's run found them no longer true); claimed ones are never touched.
 * - Outcomes: 2xx sent; 404/410 delete the subscription; 429/5xx/network errors retried with backoff honouring
 *   Retry-After (a 429 also pauses its origin); other 4xx fail. Daily counts per topic: `listDailyCounts`.
 *
 * Tests and the bench use the local push service in server/test/push-service.ts.
 */
export { type DeliveryResult, deliverPending, type PushDeps } from './deliver.js';
export { listDailyCounts, type Urgency, urgencies } from './outbox-queries.js';
export { createPushSender, type PushSender } from './sender.js';
export {
  deliverJobName,
  enqueuePush,
  enqueuePushFromSelect,
  findPushSubscriptionByManageToken,
  getVapidPublicKey,
  type PushMessage,
  type PushSubscriptionInput,
  removePushSubscription,
  removeSubscriptionTopic,
  requestPushDelivery,
  savePushSubscription,
  withdrawPendingPush,
} from './service.js';
