/**
 * The search under load (`npm run bench:search`): GET /api/search over 5,000 content items (services, FAQ, news,
 * Abfall-ABC, pages) on the production server, against a bare Fastify route in the same run. The typical queries
 * (a prefix with a synonym, a compound with an umlaut, a misspelling, two words, a kind filter) each get a distinct
 * trailing punctuation per request, which the search ignores but the response cache keys on: every request is a
 * real database search. A second figure repeats one URL (the cached path). p95 from every response's latency.
 * Runs on the embedded PGlite and, where a PostgreSQL server is reachable (BENCH_DATABASE_URL, default the local
 * one), on PostgreSQL as production does. Target: p95 < 30 ms uncached. The last line is the key figure.
 */
import autocannon from 'autocannon';
import { indexDocuments, type SearchDocument, searchKinds } from '../server/features/search/documents.js';
import { testSearchDocuments } from '../server/features/search/test-documents.js';
import { loadConfig } from '../server/platform/config.js';
import { type Db, openPglite, postgresDb } from '../server/platform/db.js';
import { fmt, median, startBareServer, startServer, tempDir } from './lib.js';

const seconds = Number(process.env.ROUND_SECONDS ?? 10);
const rounds = Number(process.env.ROUNDS ?? 3);
const connections = 10;
/**
 * An offered load far above a city's: 50 searches a second is 180,000 an hour (Bielefeld's app has ~13,000 waste
 * reminder subscribers). Its p95 is what a citizen waits; the saturation figure (as fast as 10 connections can
 * send) shows the headroom, its p95 mostly the queue of the 10 connections.
 */
const offeredRate = 50;
const items = 5000;
const target = { p95Ms: 30 };

const env = {
  NODE_ENV: 'production',
  SESSION_SECRET: 'bench-secret-bench-secret-bench-secret-01',
  DATA_DIR: tempDir('bs-bench-search-'),
  DEMO_DATA: 'true',
  METRICS_TOKEN: 'bench-metrics-token-0123456789',
  MAIL_TRANSPORT: 'file',
  RATE_LIMIT_API_PER_MINUTE: '100000000',
  HTTP_MAX_REQUESTS_PER_SOCKET: '0',
};

// Words of a city's content, to make 5,000 plausible items of realistic length.
const topics = [
  'Personalausweis',
  'Reisepass',
  'Führerschein',
  'Kfz-Zulassung',
  'Wunschkennzeichen',
  'Anwohnerparkausweis',
  'Hundesteuer',
  'Grundsteuer',
  'Gewerbeanmeldung',
  'Wohnsitz',
  'Meldebescheinigung',
  'Führungszeugnis',
  'Eheschließung',
  'Geburtsurkunde',
  'Sterbeurkunde',
  'Einbürgerung',
  'Aufenthaltstitel',
  'Wohngeld',
  'Elterngeld',
  'Kita-Platz',
  'Schulanmeldung',
  'Baugenehmigung',
  'Baumfällung',
  'Sondernutzung',
  'Straßensperrung',
  'Baustelle',
  'Sperrmüll',
  'Biotonne',
  'Altpapier',
  'Gelbe Tonne',
  'Wertstoffhof',
  'Straßenreinigung',
  'Winterdienst',
  'Stadtbibliothek',
  'Volkshochschule',
  'Musikschule',
  'Schwimmbad',
  'Sportplatz',
  'Wochenmarkt',
  'Fundbüro',
  'Archivanfrage',
  'Ratsinformation',
  'Bürgerbeteiligung',
  'Wahlen',
  'Briefwahl',
  'Jugendamt',
  'Sozialamt',
  'Ausländerbehörde',
  'Standesamt',
  'Ordnungsamt',
  'Umweltamt',
  'Stadtwerke',
  'Radverkehr',
  'Busverkehr',
];
const places = [
  'Mitte',
  'Schildesche',
  'Gadderbaum',
  'Brackwede',
  'Dornberg',
  'Jöllenbeck',
  'Heepen',
  'Stieghorst',
  'Sennestadt',
  'Senne',
  'Sparrenburg',
  'Jahnplatz',
  'Kesselbrink',
  'Siegfriedplatz',
  'Altstadt',
  'Obersee',
  'Teutoburger Wald',
];
const filler = (
  'Die Stadt informiert über Fristen, Gebühren und benötigte Unterlagen. Termine vergibt das Bürgerservicecenter ' +
  'online und telefonisch. Bitte bringen Sie einen gültigen Ausweis mit. Die Bearbeitung dauert in der Regel ' +
  'zwei bis vier Wochen. Anträge können auch per Post gestellt werden. Auskunft erteilt das zuständige Amt ' +
  'montags bis freitags. Für Rückfragen steht Ihnen das Team gern zur Verfügung. Änderungen werden rechtzeitig ' +
  'bekannt gegeben.'
).split(' ');
const pick = <T>(xs: readonly T[], i: number) => xs[i % xs.length] as T;
const words = (i: number, n: number) => Array.from({ length: n }, (_, k) => pick(filler, i * 7 + k * 3)).join(' ');

function contentItems(now: Date): SearchDocument[] {
  const kinds = searchKinds;
  const docs: SearchDocument[] = testSearchDocuments.map((d) => ({ ...d, ref: `bench-${d.ref}` }));
  for (let i = docs.length; i < items; i++) {
    const kind = pick(kinds, i);
    const topic = pick(topics, i);
    const place = pick(places, i * 5);
    const title =
      kind === 'news'
        ? `${topic}: neue Regelung in ${place} ab ${(i % 28) + 1}. ${pick(['März', 'April', 'Mai', 'Juni'], i)}`
        : kind === 'faq'
          ? `Was muss ich beim Thema ${topic} in ${place} beachten? (${i})`
          : `${topic} ${place} ${i}`;
    docs.push({
      kind,
      ref: `bench-${i}`,
      url: `/bench/${kind}/${i}`,
      title: { de: title, en: i % 3 === 0 ? `${topic} in ${place} (${i})` : null },
      summary: { de: `${topic} in ${place}: ${words(i, 18)}` },
      body: { de: `${words(i + 1, 60)} ${topic} ${words(i + 2, kind === 'news' ? 180 : 60)}` },
      keywords: i % 4 === 0 ? [pick(topics, i + 1), place] : [],
      updatedAt: new Date(now.getTime() - (i % 90) * 86_400_000),
    });
  }
  return docs;
}

const queries = [
  'perso',
  'sperrmüll',
  'einbürgerung',
  'personalausweiß',
  'hundesteur',
  'baustelle brackwede',
  'eheschliessung&kind=service',
  'wohngeld&lang=en',
];
// Distinct per request, ignored by the search: punctuation after the words.
const marks = '!?.,;:';
const suffix = (n: number) => {
  let s = '';
  for (let k = n + 1; k > 0; k = Math.floor(k / marks.length)) s += marks[k % marks.length];
  return s;
};
const searchPath = (q: string, n = -1) => {
  const [text, rest] = q.split(/&(.*)/s);
  const tail = n < 0 ? '' : suffix(n);
  return `/api/search?q=${encodeURIComponent(`${text}${tail}`)}${rest ? `&${rest}` : ''}`;
};

interface Measured {
  rps: number;
  p95: number;
  bad: number;
}

type Request = { method: 'GET'; path: string };

/**
 * Every autocannon connection walks its request list from the start, so with one shared list all connections but
 * the first would send URLs another one had just sent (answered by the response cache). Each connection gets its
 * own share of the distinct URLs instead.
 */
function ownShares(requests: Request[]) {
  const share = Math.floor(requests.length / connections);
  let next = 0;
  return (client: { setRequests(r: Request[]): void }) => {
    const k = next++ % connections;
    client.setRequests(requests.slice(k * share, (k + 1) * share));
  };
}

/**
 * Requests sent at a steady pace (one every 1000/rate ms, whether or not earlier ones were answered), as citizens'
 * searches arrive: the p95 is what one of them waits. autocannon's rate option sends each second's share in a burst.
 */
async function paced(url: string, requests: Request[], rate: number): Promise<Measured> {
  const headers = { accept: 'application/json', 'accept-encoding': 'gzip, deflate, br' };
  const total = Math.min(requests.length, Math.round(rate * seconds));
  const latencies: number[] = [];
  let bad = 0;
  const started = performance.now();
  const pending: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const sent = performance.now();
    pending.push(
      fetch(`${url}${requests[i]?.path}`, { headers })
        .then(async (res) => {
          await res.arrayBuffer();
          if (!res.ok) bad++;
          latencies.push(performance.now() - sent);
        })
        .catch(() => {
          bad++;
        }),
    );
  }
  await Promise.all(pending);
  latencies.sort((a, b) => a - b);
  return {
    rps: latencies.length / ((performance.now() - started) / 1000),
    p95: latencies[Math.floor(latencies.length * 0.95)] ?? Number.NaN,
    bad,
  };
}

/** `requests(0)` is warmed up with, `requests(1)` measured: distinct URLs, so the warm-up caches none of them. */
async function measure(url: string, requests?: (part: number) => Request[]): Promise<Measured> {
  const headers = { accept: 'application/json', 'accept-encoding': 'gzip, deflate, br' };
  const optionsFor = (part: number) => {
    const list = requests?.(part);
    return {
      url,
      connections,
      headers,
      ...(list ? { requests: list, setupClient: ownShares(list) } : {}),
    };
  };
  await autocannon({ ...optionsFor(0), duration: 1 }); // warm-up (JIT, plans)
  const options = optionsFor(1);
  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ ...options, duration: seconds }, (err, res) => (err ? reject(err) : resolve(res)));
    instance.on('response', (_client, _status, _bytes, ms) => latencies.push(ms));
  });
  latencies.sort((a, b) => a - b);
  return {
    rps: result.requests.average,
    p95: latencies[Math.floor(latencies.length * 0.95)] ?? Number.NaN,
    bad: result.non2xx + result.timeouts + result.errors,
  };
}

// 20 000 distinct URLs per part (2,000 per connection): more than a round sends, so the response cache never
// answers. Every round and its warm-up get URLs of their own.
const spreadLength = 20_000;
const spread = (part: number) =>
  Array.from({ length: spreadLength }, (_, i) => {
    const n = part * spreadLength + i;
    return { method: 'GET' as const, path: searchPath(pick(queries, n), Math.floor(n / queries.length)) };
  });
const mid = (xs: Measured[]) => ({
  rps: median(xs.map((x) => x.rps)),
  p95: median(xs.map((x) => x.p95)),
  bad: xs.reduce((a, x) => a + x.bad, 0),
});

/** Loads the demo data and the bench items into the server's database, then measures the search on it. */
async function benchOn(label: string, serverEnv: Record<string, string>, open: () => Promise<Db>) {
  console.log(`## ${label}`);
  // The first start loads the demo data; then the content goes in through the search contract, as features index it.
  const first = await startServer(serverEnv);
  await first.stop();
  const config = loadConfig(serverEnv);
  const db = await open();
  const docs = contentItems(new Date());
  await db.transaction((tx) => indexDocuments(tx, config.municipality.id, docs));
  // Planner statistics for the new rows, as PostgreSQL's autovacuum (and the PGlite start) would gather them.
  await db.query('ANALYZE search_documents');
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM search_documents');
  await db.close();
  console.log(`${rows[0]?.n} search documents (${docs.length} bench items, the rest pages and Abfall-ABC)`);

  const server = await startServer(serverEnv);
  const bare = await startBareServer();
  for (const q of queries) {
    const res = await fetch(`${server.url}${searchPath(q)}`);
    const body = (await res.json()) as { total?: number; items?: { title: string }[] };
    console.log(`probe "${q}": ${res.status}, ${body.total} hits, first "${body.items?.[0]?.title}"`);
    if (!res.ok || !body.total) throw new Error(`no hits for ${q}: nothing to measure`);
  }
  const runs = {
    bare: [] as Measured[],
    search: [] as Measured[],
    offered: [] as Measured[],
    cached: [] as Measured[],
  };
  for (let round = 0; round < rounds; round++) {
    runs.bare.push(await measure(bare.url));
    runs.search.push(await measure(server.url, (part) => spread(round * 2 + part)));
    runs.offered.push(await paced(server.url, spread(100 + round), offeredRate));
    runs.cached.push(await measure(`${server.url}${searchPath('perso')}`));
  }
  bare.stop();
  await server.stop();
  const b = mid(runs.bare);
  const s = mid(runs.search);
  const c = mid(runs.cached);
  const o = mid(runs.offered);
  console.log(`bare Fastify route: ${fmt(b.rps, 0)} req/s, p95 ${fmt(b.p95)} ms`);
  console.log(
    `search, cached (one URL repeated): ${fmt(c.rps, 0)} req/s, p95 ${fmt(c.p95)} ms, non-2xx/errors ${c.bad}`,
  );
  console.log(
    `search, uncached, saturated (${queries.length} typical queries, ${connections} connections as fast as they can): ` +
      `${fmt(s.rps, 0)} req/s, p95 ${fmt(s.p95)} ms, non-2xx/errors ${s.bad} — ${s.p95 < target.p95Ms ? 'ok' : 'MISSED'}`,
  );
  console.log(
    `search, uncached, at ${offeredRate} req/s offered: ${fmt(o.rps, 0)} req/s, p95 ${fmt(o.p95)} ms, ` +
      `non-2xx/errors ${o.bad} — ${o.p95 < target.p95Ms ? 'ok' : 'MISSED'}`,
  );
  return { label, bare: b, search: s, offered: o };
}

console.log(`# Bürgerservice search: GET /api/search over ${items} content items`);
const results = [await benchOn('embedded PGlite (npm start)', env, () => openPglite(`${env.DATA_DIR}/pglite`))];

// Production runs on PostgreSQL (DATABASE_URL): measured on a database of its own on the server BENCH_DATABASE_URL
// names (default: the local server CI uses), skipped with a note where there is none.
const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/postgres';
const benchDb = 'bs_bench_search';
const admin = postgresDb(adminUrl, 1);
const reachable = await admin.query('SELECT 1').then(
  () => true,
  (e: Error) => {
    console.log(`## PostgreSQL: skipped (${adminUrl}: ${e.message})`);
    return false;
  },
);
if (reachable) {
  await admin.query(`DROP DATABASE IF EXISTS ${benchDb}`);
  await admin.query(`CREATE DATABASE ${benchDb}`);
  const url = new URL(adminUrl);
  url.pathname = `/${benchDb}`;
  const pgEnv = { ...env, DATA_DIR: tempDir('bs-bench-search-pg-'), DATABASE_URL: url.toString() };
  results.push(
    await benchOn('PostgreSQL (DATABASE_URL, production)', pgEnv, async () => postgresDb(url.toString(), 2)),
  );
  await admin.query(`DROP DATABASE IF EXISTS ${benchDb}`);
}
await admin.close();

const line = (r: (typeof results)[number]) =>
  `${r.label}: saturated ${fmt(r.search.rps, 0)} req/s with p95 ${fmt(r.search.p95)} ms (bare ${fmt(r.bare.rps, 0)} ` +
  `req/s); at ${offeredRate} req/s p95 ${fmt(r.offered.p95)} ms; target p95 < ${target.p95Ms} ms`;
for (const r of results) console.log(line(r));
