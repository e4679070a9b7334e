// bench:push — 100,000 Web Push messages to the local push service (https, in a child process): our engine
// (enqueuePushFromSelect from real push_subscriptions rows, then deliverPending) over the embedded PGlite and,
// where a server is reachable (BENCH_DATABASE_URL, default the local one), over PostgreSQL as production runs,
// against the npm web-push library with the same concurrency, the same subscriptions and the same service.
// The service checks each request's VAPID token and headers before it answers, as a real push service does, and
// decrypts every body after each run (BENCH_PUSH_DECRYPT=inline: before answering, on the cores the sender uses).
import { fork } from 'node:child_process';
import https from 'node:https';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { constants, PerformanceObserver } from 'node:perf_hooks';
import webPush from 'web-push';
import { loadConfig } from '../server/platform/config.js';
import { type Db, openPglite, openPostgres } from '../server/platform/db.js';
import { migrate } from '../server/platform/migrate.js';
import { upsertMunicipality } from '../server/platform/municipality.js';
import { deliverPending, enqueuePushFromSelect, getVapidPublicKey } from '../server/platform/push/index.js';
import { findVapidKeys, insertSubscriptions } from '../server/platform/push/queries.js';
import { createPushSender } from '../server/platform/push/sender.js';
import { fmt, root, tempDir } from './lib.js';

const messages = Number(process.env.BENCH_PUSH_MESSAGES ?? 100_000);
// web-push is measured on fewer messages by default (its rate does not depend on the count; 100,000 would take
// minutes); BENCH_PUSH_WEBPUSH_MESSAGES=100000 sends as many as ours.
const webPushMessages = Number(process.env.BENCH_PUSH_WEBPUSH_MESSAGES ?? Math.min(messages, 20_000));
const concurrency = Number(process.env.BENCH_PUSH_CONCURRENCY ?? 64);
const targets = { ratio: 4, seconds: 60 };

console.log(
  `# Web Push: ${messages} messages to a local push service (https, own process), concurrency ${concurrency}`,
);
const load = () => loadavg()[0]!.toFixed(1);
console.log(`${availableParallelism()} cores, load average ${load()} at start (other processes share the cores)`);

// The push service.
// BENCH_PUSH_SERVICE_PROFILE=<dir> writes the service's CPU profile there (node --cpu-prof).
const serviceProfile = process.env.BENCH_PUSH_SERVICE_PROFILE;
const child = fork(join(root, 'bench/push-service-child.ts'), {
  execArgv: ['--import', 'tsx', ...(serviceProfile ? ['--cpu-prof', `--cpu-prof-dir=${serviceProfile}`] : [])],
  stdio: 'inherit',
});
const ready = await new Promise<{ origin: string; cert: string }>((resolve) =>
  child.once('message', (m: { ready: { origin: string; cert: string } }) => resolve(m.ready)),
);
let nextId = 1;
function ask<T>(cmd: string, extra: object = {}): Promise<T> {
  const id = nextId++;
  return new Promise((resolve) => {
    const on = (m: { id?: number; data: T }) => {
      if (m.id !== id) return;
      child.off('message', on);
      resolve(m.data);
    };
    child.on('message', on);
    child.send({ id, cmd, ...extra });
  });
}

// Peak RSS of this process while fn runs (sampled), CPU seconds and wall time.
// The JS heap is measured apart from RSS: RSS also holds PGlite's WebAssembly memory, which grows with the data.
// Live data is the heap right after each full (mark-compact) collection V8 makes on its own. Forcing collections
// to sample it costs the runs being measured: one every 2 s slowed web-push by about 15 % and ours by about 7 %.
async function measure<T>(fn: () => Promise<T>) {
  const startMiB = process.memoryUsage.rss() / 1024 / 1024;
  const heapStartMiB = process.memoryUsage().heapUsed / 1024 / 1024;
  let peak = process.memoryUsage.rss();
  let livePeak = 0;
  let fullCollections = 0;
  const gcObserver = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const { detail } = entry as PerformanceEntry & { detail?: { kind?: number } };
      if (detail?.kind !== constants.NODE_PERFORMANCE_GC_MAJOR) continue;
      fullCollections += 1;
      livePeak = Math.max(livePeak, process.memoryUsage().heapUsed);
    }
  });
  gcObserver.observe({ entryTypes: ['gc'] });
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 100);
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = await fn();
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  clearInterval(timer);
  gcObserver.disconnect();
  peak = Math.max(peak, process.memoryUsage.rss());
  const heap =
    fullCollections > 0
      ? `live JS heap ${fmt(heapStartMiB, 0)} → peak ${fmt(livePeak / 1024 / 1024, 0)} MiB after ${fullCollections} full collections`
      : `JS heap ${fmt(heapStartMiB, 0)} → ${fmt(process.memoryUsage().heapUsed / 1024 / 1024, 0)} MiB (no full collection)`;
  return { result, seconds, cpuS: (used.user + used.system) / 1e6, startMiB, peakMiB: peak / 1024 / 1024, heap };
}

const dataDir = tempDir('bs-bench-push-');
const config = loadConfig({
  NODE_ENV: 'development',
  DATA_DIR: dataDir,
  SESSION_SECRET: 'bench-secret-bench-secret-bench-secret-01',
  DEMO_DATA: 'false',
  LOG_LEVEL: 'silent',
  PUSH_ALLOW_PRIVATE_ENDPOINTS: 'true',
  PUSH_CONCURRENCY: String(concurrency),
  PUSH_BATCH_SIZE: '1000',
  PUSH_ORIGIN_RATE_PER_SECOND: '1000000',
  // PUSH_ENCRYPT_THREADS=0 encrypts on the main thread (default: one worker thread when there is a second core).
  ...(process.env.PUSH_ENCRYPT_THREADS ? { PUSH_ENCRYPT_THREADS: process.env.PUSH_ENCRYPT_THREADS } : {}),
});
const subs = await ask<{ endpoint: string; p256dh: string; auth: string }[]>('subscribe', { n: messages });

// Every body must decrypt with its subscription's key; by default the service does this after the run.
type Verified = { decrypted: number; failed: number; firstFailure?: string; mode: string; seconds: number };
const verify = async (who: string, expected: number) => {
  const v = await ask<Verified>('verify');
  if (v.failed > 0 || (v.mode === 'deferred' && v.decrypted !== expected)) {
    throw new Error(`${who}: ${v.decrypted} bodies decrypted, ${v.failed} did not (${v.firstFailure})`);
  }
  return v.mode === 'deferred'
    ? `all ${v.decrypted} bodies decrypted after the run (${fmt(v.seconds, 1)} s)`
    : 'bodies decrypted before each answer';
};

// Ours: the real path, enqueue from a SELECT over the subscriptions, then drain the outbox; the same subscriptions
// at the service for every database. Returns messages/s and the VAPID keys it signed with.
async function runOurs(label: string, db: Db) {
  await migrate(db);
  await upsertMunicipality(db, config.municipality);
  const m = config.municipality.id;
  const deps = { db, config, now: () => new Date() };
  for (let i = 0; i < subs.length; i += 5000) {
    await insertSubscriptions(db, m, subs.slice(i, i + 5000), 'waste', new Date());
  }
  await getVapidPublicKey(deps);
  await db.query('ANALYZE');
  const serviceCpuBefore = (await ask<{ cpuS: number }>('stats')).cpuS;
  const sender = createPushSender(config.push, { ca: ready.cert });
  const oursStarted = performance.now();
  const ours = await measure(async () => {
    const enqueued = await db.transaction((tx) =>
      enqueuePushFromSelect(
        tx,
        m,
        `SELECT s.id AS subscription_id, 'bench:' || s.id AS dedupe_key, 'waste' AS topic, 'waste-reminder' AS push_topic,
                jsonb_build_object('title', 'Morgen: Restabfall, Papier', 'url', '/abfall') AS payload,
                43200 AS ttl, 'high' AS urgency
           FROM push_subscriptions s WHERE s.municipality_id = $1`,
        [m],
      ),
    );
    const enqueuedAt = performance.now();
    const session = process.env.BENCH_PUSH_PROFILE
      ? new (await import('node:inspector/promises')).Session()
      : undefined;
    session?.connect();
    await session?.post('Profiler.enable');
    await session?.post('Profiler.start');
    const delivered = await deliverPending(deps, { sender });
    if (session) {
      const { profile } = await session.post('Profiler.stop');
      (await import('node:fs')).writeFileSync(
        `${process.env.BENCH_PUSH_PROFILE}.${label.split(' ')[0]}`,
        JSON.stringify(profile),
      );
    }
    return { enqueued, enqueuedAt, delivered };
  });
  sender.close();
  const stats = await ask<{ accepted: number; most: number; refused: number; tokens: number; cpuS: number }>('stats');
  if (ours.result.delivered.sent !== messages || stats.accepted !== messages || stats.most !== 1) {
    throw new Error(
      `ours on ${label}: sent ${ours.result.delivered.sent}, service accepted ${stats.accepted}, most ${stats.most}`,
    );
  }
  const verified = await verify('ours', messages);
  const rate = messages / ours.seconds;
  console.log(
    `ours on ${label}: ${messages} in ${fmt(ours.seconds, 2)} s (enqueue ${fmt((ours.result.enqueuedAt - oursStarted) / 1000, 2)} s, ` +
      `then delivery) = ${fmt(rate, 0)} messages/s; ` +
      `CPU ${fmt(ours.cpuS, 2)} s (${fmt((ours.cpuS * 1000) / messages, 3)} ms/message); RSS ${fmt(ours.startMiB, 0)} → peak ${fmt(ours.peakMiB, 0)} MiB, ${ours.heap}; ` +
      `protocol ${[...sender.transport.protocols().values()].join(',')}; VAPID signatures ${sender.signer.signatures}; ` +
      `encryption threads ${sender.encryptor.threads}; ` +
      `service CPU ${fmt(stats.cpuS - serviceCpuBefore, 2)} s; ${verified}`,
  );
  await ask('reset');
  const keys = await findVapidKeys(db, m);
  return { label, rate, cpuS: ours.cpuS, seconds: ours.seconds, keys };
}

// The embedded PGlite (npm start), on disk as a deployment runs it (DATA_DIR/pglite; in memory:// the whole
// database would be RSS). Then PostgreSQL, as production runs (DATABASE_URL): a database of its own on the server
// BENCH_DATABASE_URL names (default: the local server CI uses), dropped after; skipped with a note where there is
// none. The key figure is taken on PostgreSQL when it ran.
const results = [];
{
  const db = await openPglite(join(dataDir, 'pglite'));
  results.push(await runOurs('PGlite (in this process)', db));
  await db.close();
}
const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/postgres';
const admin = await openPostgres(adminUrl, 1).catch((e: Error) => e);
const reachable =
  !(admin instanceof Error) &&
  (await admin.query('SELECT 1').then(
    () => true,
    () => false,
  ));
if (!reachable || admin instanceof Error) {
  console.log(`ours on PostgreSQL: skipped (${adminUrl} not reachable)`);
  if (!(admin instanceof Error)) await admin.close().catch(() => {});
} else {
  const name = `bench_push_${process.pid}`;
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = await openPostgres(url.toString(), 4);
  try {
    results.push(await runOurs('PostgreSQL (its own process, production)', db));
  } finally {
    await db.close();
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.close();
  }
}
const ours = results.at(-1)!;

// web-push: the same subscriptions, the same VAPID keys, the same concurrency, a keep-alive agent that trusts
// the service's certificate.
// (The first run created them; the engine keeps a municipality's keys in memory once loaded.)
const keys = results[0]!.keys!;
const agent = new https.Agent({ keepAlive: true, maxSockets: concurrency, ca: ready.cert });
const vapidDetails = { subject: config.push.vapidSubject, publicKey: keys.public_key, privateKey: keys.private_key };
const payload = JSON.stringify({ title: 'Morgen: Restabfall, Papier', url: '/abfall' });
const serviceCpuMid = (await ask<{ cpuS: number }>('stats')).cpuS;
const theirs = await measure(async () => {
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < webPushMessages; i = next++) {
      const s = subs[i]!;
      await webPush.sendNotification({ endpoint: s.endpoint, keys: { p256dh: s.p256dh, auth: s.auth } }, payload, {
        vapidDetails,
        TTL: 43200,
        urgency: 'high',
        topic: 'waste-reminder',
        agent,
      });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
});
agent.destroy();
const theirStats = await ask<{ accepted: number; most: number; cpuS: number }>('stats');
if (theirStats.accepted !== webPushMessages) throw new Error(`web-push: service accepted ${theirStats.accepted}`);
const theirVerified = await verify('web-push', webPushMessages);
const theirRate = webPushMessages / theirs.seconds;
console.log(
  `web-push: ${webPushMessages} in ${fmt(theirs.seconds, 2)} s = ${fmt(theirRate, 0)} messages/s; ` +
    `CPU ${fmt(theirs.cpuS, 2)} s (${fmt((theirs.cpuS * 1000) / webPushMessages, 3)} ms/message); ` +
    `RSS ${fmt(theirs.startMiB, 0)} → peak ${fmt(theirs.peakMiB, 0)} MiB, ${theirs.heap}; service CPU ${fmt(theirStats.cpuS - serviceCpuMid, 2)} s; ${theirVerified}`,
);
await ask('close');
for (const r of results) console.log(`ratio on ${r.label}: ${fmt(r.rate / theirRate, 1)}`);
const ratio = ours.rate / theirRate;
console.log(
  `load average ${load()} at the end; CPU per message ours ${fmt((ours.cpuS * 1000) / messages, 3)} ms, ` +
    `web-push ${fmt((theirs.cpuS * 1000) / webPushMessages, 3)} ms (CPU ratio ${fmt(theirs.cpuS / webPushMessages / (ours.cpuS / messages), 1)})`,
);
console.log(
  `targets (ours on ${ours.label}): ratio >= ${targets.ratio} ${ratio >= targets.ratio ? 'met' : 'MISSED'}; ` +
    `${messages} in < ${targets.seconds} s ${ours.seconds < targets.seconds ? 'met' : 'MISSED'}`,
);
console.log(`key figure: ours on ${ours.label}`);
console.log(`push: ours ${Math.round(ours.rate)}/s, web-push ${Math.round(theirRate)}/s, ratio ${fmt(ratio, 1)}`);
