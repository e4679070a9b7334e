/**
 * Public reads under load (`npm run bench:public`): the production server on PGlite with the Bielefeld demo data,
 * per-IP limits lifted, against a bare Fastify route in the same run. Three interleaved rounds of 20 s at 50
 * connections for Open311 `requests.json`, the public GeoJSON map and the start page; then idle RSS, a soak of mixed
 * public reads (SOAK_MINUTES, default 10) with RSS sampled along the way, and idle RSS after it.
 * Targets: each route ≥ 0.25 × the bare route, p99 < 100 ms, no timeouts; idle RSS ≤ 300 MiB, no growth in the soak.
 * The key figure, the weakest route's ratio to the bare route, is the last line.
 */
import autocannon from 'autocannon';
import { fmt, measureRps, median, type Rps, rssMiB, startBareServer, startServer, tempDir } from './lib.js';

const seconds = Number(process.env.ROUND_SECONDS ?? 20);
const rounds = Number(process.env.ROUNDS ?? 3);
const soakMinutes = Number(process.env.SOAK_MINUTES ?? 10);
const connections = 50;

const dataDir = tempDir('bs-bench-public-');
const env = {
  NODE_ENV: 'production',
  SESSION_SECRET: 'bench-secret-bench-secret-bench-secret-01',
  DATA_DIR: dataDir,
  DEMO_DATA: 'true',
  METRICS_TOKEN: 'bench-metrics-token-0123456789',
  MAIL_TRANSPORT: 'file',
  // The benchmark measures throughput, not the per-IP limits that protect it in production.
  RATE_LIMIT_API_PER_MINUTE: '100000000',
  // Nor the cap of requests per connection: autocannon keeps writing on a socket after Node's last answer said
  // "Connection: close", and Node answers those requests 503 (at 1,000 per connection, after a second or two of a
  // cached route). Browsers and proxies reconnect.
  HTTP_MAX_REQUESTS_PER_SOCKET: '0',
};

console.log('# Bürgerservice public reads under load');
console.log(`data dir: ${dataDir} (PGlite, demo data); ${rounds} rounds × ${seconds} s at ${connections} connections`);
const first = await startServer(env);
await first.stop();
const server = await startServer(env);
const bare = await startBareServer();

const routes = [
  { name: 'Open311 requests.json', url: `${server.url}/open311/v2/requests.json`, accept: 'application/json' },
  {
    name: 'public GeoJSON map',
    url: `${server.url}/api/reports/map.geojson?bbox=8.3,51.9,8.7,52.1`,
    accept: 'application/geo+json',
  },
  { name: 'start page', url: `${server.url}/`, accept: 'text/html' },
];
for (const r of routes) {
  const res = await fetch(r.url, { headers: { accept: r.accept } });
  const body = await res.arrayBuffer();
  console.log(`probe ${r.name}: ${res.status}, ${fmt(body.byteLength / 1024)} KB`);
}

// Warm, then idle: what a server holds with nothing to do.
await new Promise((r) => setTimeout(r, 5000));
const idleBefore = rssMiB(server.child.pid as number);
console.log(`idle RSS after start: ${fmt(idleBefore)} MiB`);

const results = new Map<string, Rps[]>([['bare', []], ...routes.map((r) => [r.name, []] as [string, Rps[]])]);
for (let round = 0; round < rounds; round++) {
  results.get('bare')?.push(await measureRps(bare.url, seconds, connections));
  for (const r of routes) {
    results.get(r.name)?.push(await measureRps(r.url, seconds, connections, { accept: r.accept }));
  }
}
const pick = (xs: Rps[]) => [...xs].sort((a, b) => a.rps - b.rps)[Math.floor(xs.length / 2)] as Rps;
const bareRuns = results.get('bare') ?? [];
console.log(`bare Fastify route: ${fmt(pick(bareRuns).rps, 0)} req/s (p99 ${pick(bareRuns).p99} ms)`);
const ratios: number[] = [];
let allOk = true;
for (const r of routes) {
  const runs = results.get(r.name) ?? [];
  const perRound = runs.map((x, i) => x.rps / (bareRuns[i] as Rps).rps);
  const ratio = median(perRound);
  const p99 = Math.max(...runs.map((x) => x.p99));
  const timeouts = runs.reduce((a, x) => a + x.timeouts, 0);
  const non2xx = runs.reduce((a, x) => a + x.non2xx, 0);
  const ok = ratio >= 0.25 && p99 < 100 && timeouts === 0 && non2xx === 0;
  allOk &&= ok;
  ratios.push(ratio);
  console.log(
    `${r.name}: ${fmt(pick(runs).rps, 0)} req/s, ÷ bare ${perRound.map((x) => fmt(x, 2)).join(', ')} (median ${fmt(ratio, 2)}), ` +
      `worst p99 ${p99} ms, timeouts ${timeouts}, non-2xx ${non2xx}, ${fmt(pick(runs).bytesPerResponse / 1024, 1)} KB/answer  ` +
      `[target ≥ 0.25, p99 < 100 ms, 0 timeouts] ${ok ? 'ok' : 'MISSED'}`,
  );
}
bare.stop();

// Soak: the three public reads mixed, at a steady moderate load, RSS sampled every 30 s.
await new Promise((r) => setTimeout(r, 5000));
const idleAfterBench = rssMiB(server.child.pid as number);
console.log(`idle RSS after the rounds: ${fmt(idleAfterBench)} MiB`);
const samples: number[] = [];
if (soakMinutes > 0) {
  const sampler = setInterval(() => samples.push(rssMiB(server.child.pid as number)), 30_000);
  await autocannon({
    url: server.url,
    connections: 10,
    duration: soakMinutes * 60,
    requests: routes.map((r) => ({ method: 'GET', path: new URL(r.url).pathname + new URL(r.url).search })),
    headers: { 'accept-encoding': 'gzip, br' },
  });
  clearInterval(sampler);
  console.log(`soak ${soakMinutes} min, RSS every 30 s (MiB): ${samples.map((x) => fmt(x, 0)).join(', ')}`);
}
await new Promise((r) => setTimeout(r, 10_000));
const idleAfter = rssMiB(server.child.pid as number);
await server.stop();

// Growth: the soak's second half against its first (a leak keeps climbing; a warm cache levels off).
const half = Math.floor(samples.length / 2);
const growth = samples.length >= 4 ? median(samples.slice(half)) - median(samples.slice(0, half)) : 0;
const idleOk = idleBefore <= 300 && idleAfter <= 300;
const growthOk = growth <= 10;
console.log(
  `idle RSS before ${fmt(idleBefore)} MiB, after the soak ${fmt(idleAfter)} MiB  [target ≤ 300 MiB] ${idleOk ? 'ok' : 'MISSED'}`,
);
console.log(
  `RSS growth over the soak (median of 2nd half − 1st half): ${fmt(growth)} MiB  [target ≤ 10 MiB] ${growthOk ? 'ok' : 'MISSED'}`,
);
console.log(`all targets met: ${allOk && idleOk && growthOk ? 'yes' : 'no'}`);
console.log(`weakest public read ÷ bare route (median of the rounds): ${fmt(Math.min(...ratios), 2)} [target ≥ 0.25]`);
