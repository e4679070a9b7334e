import type { FastifyBaseLogger } from 'fastify';
import type { Deps } from '../deps.js';
import { localDateString } from '../time.js';
import { decodeReceiverKeys, encryptPayload } from './encrypt.js';
import type { EncryptResult } from './encrypt-pool.js';
import {
  addDailyCounts,
  type ClaimedMessage,
  claimDueMessages,
  type DailyCounts,
  interruptStaleClaims,
  type MessageOutcome,
  markMessages,
} from './outbox-queries.js';
import { backoffMs, judgeAnswer, parseRetryAfter, type Verdict } from './outcome.js';
import { deleteSubscriptionsById, recordSubscriptionResults } from './queries.js';
import { defaultSender, type PushSender } from './sender.js';
import { getVapidKeys, type VapidKeys } from './vapid.js';

export type PushDeps = Pick<Deps, 'db' | 'config' | 'now'>;

export interface DeliverOptions {
  /** Most messages to claim in this run (default: all that are due). */
  limit?: number;
  /** Stops the run: nothing new is sent, requests in flight are cancelled (and never sent again). */
  signal?: AbortSignal;
  /** Connections, tokens and limits to use (default: the process's). */
  sender?: PushSender;
  log?: FastifyBaseLogger;
}

export interface DeliveryResult {
  sent: number;
  gone: number;
  failed: number;
  retried: number;
  /** Not sent because their origin is paused after a 429 (rescheduled, no attempt counted). */
  deferred: number;
  /** Claims of a run that died, given up (never sent again). */
  interrupted: number;
}

/** A claimed message, with its body when a worker thread has encrypted it (or why it could not). */
type Ready = ClaimedMessage & { encrypted?: EncryptResult };

type Done = { msg: ClaimedMessage; verdict: Verdict | { kind: 'deferred'; at: Date | null }; requested: boolean };

/** Requests written together in one turn of the event loop (see deliverPending). */
const messagesPerTurn = 4;

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(t);
        resolve();
      },
      { once: true },
    );
  });

/**
 * Drains the municipality's due messages: claims them in batches ('sending', its own statement, SKIP LOCKED),
 * sends at most `push.concurrency` at once, and writes outcomes, subscription results and daily counts in one
 * transaction per group of completions. Claims older than the lease are first marked interrupted (at most once).
 */
export async function deliverPending(deps: PushDeps, options: DeliverOptions = {}): Promise<DeliveryResult> {
  const { db, config } = deps;
  const push = config.push;
  const m = config.municipality.id;
  const sender = options.sender ?? defaultSender(push);
  const { signal, log } = options;
  const result: DeliveryResult = { sent: 0, gone: 0, failed: 0, retried: 0, deferred: 0, interrupted: 0 };

  const leaseStart = new Date(deps.now().getTime() - push.leaseSeconds * 1000);
  const stale = await interruptStaleClaims(db, m, leaseStart);
  if (stale.length > 0) {
    result.interrupted = stale.reduce((n, s) => n + s.n, 0);
    const day = localDateString(deps.now(), config.municipality.timeZone);
    await addDailyCounts(
      db,
      m,
      day,
      stale.map((s) => ({ topic: s.topic, sent: 0, accepted: 0, gone: 0, failed: s.n })),
    );
    log?.warn({ interrupted: result.interrupted }, 'push messages of a run that died were given up');
  }
  const keys = await getVapidKeys(db, m);
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  const queue: Ready[] = [];
  let claimed = 0;
  let exhausted = false;
  let claiming: Promise<void> | undefined;
  let done: Done[] = [];
  let flushing: Promise<void> = Promise.resolve();
  // Outcomes are written in groups: one transaction per group, not per message.
  const flushEvery = push.batchSize;

  const claim = async () => {
    const rows: Ready[] = await claimDueMessages(db, m, deps.now(), Math.min(push.batchSize, limit - claimed));
    claimed += rows.length;
    if (rows.length === 0) exhausted = true;
    if (sender.encryptor.threads > 0 && rows.length > 0) {
      // A worker that fails leaves the batch to be encrypted here, one message at a time.
      const bodies = await sender.encryptor.encrypt(rows).catch((err: Error) => {
        log?.warn({ err }, 'push encryption worker failed; encrypting on the main thread');
        return undefined;
      });
      bodies?.forEach((body, i) => {
        rows[i]!.encrypted = body;
      });
    }
    queue.push(...rows);
  };
  const claimAhead = () => {
    if (!claiming && !exhausted && claimed < limit && !signal?.aborted) {
      claiming = claim().finally(() => {
        claiming = undefined;
      });
    }
    return claiming;
  };
  const lowWater = sender.encryptor.threads > 0 ? Math.max(push.batchSize, push.concurrency) : push.concurrency;
  const next = async (): Promise<Ready | undefined> => {
    for (;;) {
      if (signal?.aborted) return undefined;
      const msg = queue.shift();
      // The next batch is claimed while this one is still being sent, so senders never wait for the database (nor,
      // when worker threads encrypt, for a whole batch's encryption).
      if (queue.length < lowWater) claimAhead();
      if (msg) return msg;
      const pending = claimAhead();
      if (!pending) return undefined;
      await pending;
    }
  };
  const flush = () => {
    const batch = done;
    done = [];
    flushing = flushing.then(() => writeOutcomes(deps, batch, result));
    return flushing;
  };
  // A few messages per turn of the event loop. An HTTP/2 session writes its frames when the turn ends; when a burst
  // of answers wakes every sender at once and all of them request in one turn, the push service idles while we
  // work and we idle while it answers (bench:push: taking turns, one message each, 1,600 → 2,150 messages/s at 64
  // in flight). Four per turn share one TLS write, and a read on the other side (3,250 → 3,400–3,550 messages/s,
  // PostgreSQL, the service decrypting each message before it answers).
  let gate: Promise<void> = Promise.resolve();
  let inTurn = 0;
  const turn = () => {
    if (inTurn++ % messagesPerTurn === 0) gate = gate.then(() => new Promise<void>((resolve) => setImmediate(resolve)));
    return gate;
  };
  const worker = async () => {
    for (let msg = await next(); msg; msg = await next()) {
      await turn();
      const outcome = await deliverOne(deps, sender, keys, msg, signal);
      if (outcome) done.push(outcome);
      if (done.length >= flushEvery) await flush();
    }
  };
  try {
    await Promise.all(Array.from({ length: push.concurrency }, worker));
  } finally {
    await claiming?.catch(() => {});
    // Claimed but never started (the run was stopped): back to the queue, as they were never sent.
    for (const msg of queue.splice(0)) done.push({ msg, verdict: { kind: 'deferred', at: null }, requested: false });
    await flush();
  }
  return result;
}

/** Encrypts, signs and sends one message; undefined when the run was aborted while it was in flight. */
async function deliverOne(
  deps: PushDeps,
  sender: PushSender,
  keys: VapidKeys,
  msg: Ready,
  signal: AbortSignal | undefined,
): Promise<Done | undefined> {
  const push = deps.config.push;
  let url: URL;
  let body: Buffer;
  try {
    url = new URL(msg.endpoint);
    const encrypted = msg.encrypted;
    if (encrypted && !Buffer.isBuffer(encrypted)) throw new Error(encrypted.error);
    body = encrypted ?? encryptPayload(decodeReceiverKeys(msg.p256dh, msg.auth), Buffer.from(msg.payload_json));
  } catch (err) {
    return { msg, verdict: { kind: 'failed', reason: (err as Error).message }, requested: false };
  }
  const origin = sender.origin(url.origin);
  if (origin.pausedUntil && origin.pausedUntil > deps.now()) {
    return { msg, verdict: { kind: 'deferred', at: origin.pausedUntil }, requested: false };
  }
  for (let wait = origin.bucket.take(); wait > 0; wait = origin.bucket.take()) await sleep(wait, signal);
  if (signal?.aborted) return { msg, verdict: { kind: 'deferred', at: null }, requested: false };
  const headers: Record<string, string> = {
    'content-encoding': 'aes128gcm',
    'content-type': 'application/octet-stream',
    'content-length': String(body.length),
    ttl: String(msg.ttl),
    urgency: msg.urgency,
    authorization: sender.signer.authorization(keys, url.origin),
  };
  if (msg.push_topic) headers.topic = msg.push_topic;
  let answer: { status: number; retryAfter?: string; error?: string };
  try {
    answer = await sender.transport.post(url, headers, body, signal);
  } catch (err) {
    if (signal?.aborted) return undefined;
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'EPUSHFORBIDDEN') return { msg, verdict: { kind: 'failed', reason: e.message }, requested: false };
    answer = { status: 0, error: e.code ?? e.message };
  }
  const now = deps.now();
  const verdict = judgeAnswer(answer, msg.attempts, push.maxAttempts, now);
  if (answer.status === 429) {
    const pause = parseRetryAfter(answer.retryAfter, now) ?? backoffMs(1);
    origin.pausedUntil = new Date(now.getTime() + pause);
  }
  return { msg, verdict, requested: true };
}

/** One transaction: outbox states, subscription results (gone ones deleted) and the day's counts. */
async function writeOutcomes(deps: PushDeps, batch: Done[], result: DeliveryResult): Promise<void> {
  if (batch.length === 0) return;
  const now = deps.now();
  const outcomes: MessageOutcome[] = [];
  const successes: number[] = [];
  const failures: { id: number; reason: string }[] = [];
  const gone: number[] = [];
  const counts = new Map<string, DailyCounts>();
  for (const { msg, verdict, requested } of batch) {
    const c = counts.get(msg.topic) ?? { topic: msg.topic, sent: 0, accepted: 0, gone: 0, failed: 0 };
    counts.set(msg.topic, c);
    if (requested) c.sent += 1;
    const base = { id: msg.id, nextAttemptAt: null, sentAt: null, error: null, refund: 0 } as const;
    switch (verdict.kind) {
      case 'sent':
        outcomes.push({ ...base, state: 'sent', sentAt: now });
        successes.push(msg.subscription_id);
        c.accepted += 1;
        result.sent += 1;
        break;
      case 'gone':
        outcomes.push({ ...base, state: 'gone', error: verdict.reason });
        gone.push(msg.subscription_id);
        c.gone += 1;
        result.gone += 1;
        break;
      case 'failed':
        outcomes.push({ ...base, state: 'failed', error: verdict.reason });
        failures.push({ id: msg.subscription_id, reason: verdict.reason });
        c.failed += 1;
        result.failed += 1;
        break;
      case 'retry':
        outcomes.push({ ...base, state: 'pending', nextAttemptAt: verdict.at, error: verdict.reason });
        failures.push({ id: msg.subscription_id, reason: verdict.reason });
        result.retried += 1;
        break;
      case 'deferred':
        outcomes.push({ ...base, state: 'pending', nextAttemptAt: verdict.at, refund: 1 });
        result.deferred += verdict.at ? 1 : 0;
        break;
    }
  }
  const day = localDateString(now, deps.config.municipality.timeZone);
  await deps.db.transaction(async (tx) => {
    await markMessages(tx, outcomes);
    await recordSubscriptionResults(tx, now, successes, failures);
    await deleteSubscriptionsById(tx, gone);
    await addDailyCounts(
      tx,
      deps.config.municipality.id,
      day,
      [...counts.values()].filter((c) => c.sent + c.failed > 0),
    );
  });
}
