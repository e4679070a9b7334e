/**
 * Platform benchmark (`npm run bench:platform`): cold start on PGlite, idle RSS, requests/s of the address search
 * and /health beside a bare Fastify route in the same run, the start page's transfer size, and Lighthouse (mobile).
 * Prints figures and ratios; the key ratio (address search ÷ bare route) is the last line.
 */
import { launch } from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { chromium } from 'playwright-core';
import { chromiumPath, launchOptions } from '../server/test/chromium.js';
import { fmt, measureRps, median, type Rps, rssMiB, startBareServer, startServer, tempDir } from './lib.js';

// The same Chromium and flags as the browser tests; Lighthouse's launcher also needs headless in the flags.
const chromeFlags = ['--headless=new', ...launchOptions.args];

const dataDir = tempDir('bs-bench-');
const env = {
  NODE_ENV: 'production',
  SESSION_SECRET: 'bench-secret-bench-secret-bench-secret-01',
  DATA_DIR: dataDir,
  DEMO_DATA: 'true',
  // Production refuses to write mails to files unless asked; the benchmark sends none it needs to read.
  MAIL_TRANSPORT: 'file',
  // The benchmark measures throughput, not the per-IP limits that protect it in production.
  RATE_LIMIT_API_PER_MINUTE: '100000000',
};

console.log('# Bürgerservice platform benchmark');
console.log(`data dir: ${dataDir} (PGlite, demo data)`);

// 1. First run initialises PGlite, applies migrations and loads the demo data; it is not what we time.
const first = await startServer(env);
console.log(`first run (initdb + migrations + demo data): ${fmt(first.startMs / 1000, 2)} s`);
await first.stop();

// 2. Cold starts on the initialised data dir.
const starts: number[] = [];
for (let i = 0; i < 3; i++) {
  const s = await startServer(env);
  starts.push(s.startMs);
  await s.stop();
}
const coldStart = median(starts) / 1000;
console.log(`cold start on PGlite (spawn → /ready), median of 3: ${fmt(coldStart, 2)} s  [target < 3 s]`);

const server = await startServer(env);
await new Promise((r) => setTimeout(r, 3000));
const idleRss = rssMiB(server.child.pid!);
console.log(`idle RSS: ${fmt(idleRss)} MiB`);

// 3. Throughput beside a bare Fastify route (separate process, same machine, same run).
const bare = await startBareServer();
const searchUrl = `${server.url}/api/addresses?q=${encodeURIComponent('herforder str 22')}`;
const probe = await (await fetch(searchUrl)).json();
console.log(`search probe "herforder str 22" → ${JSON.stringify(probe.items?.[0]?.label ?? probe)}`);
// Interleaved rounds, medians: the machine is shared, so one long run of each would measure its neighbours.
const rounds = { bare: [] as Rps[], health: [] as Rps[], search: [] as Rps[] };
for (let round = 0; round < 5; round++) {
  rounds.bare.push(await measureRps(bare.url, 3));
  rounds.health.push(await measureRps(`${server.url}/health`, 3));
  rounds.search.push(await measureRps(searchUrl, 3));
}
const pick = (xs: Rps[]) => [...xs].sort((a, b) => a.rps - b.rps)[Math.floor(xs.length / 2)] as Rps;
const bareRps = pick(rounds.bare);
const healthRps = pick(rounds.health);
const searchRps = pick(rounds.search);
const ratios = rounds.search.map((s, i) => s.rps / (rounds.bare[i] as Rps).rps);
bare.stop();
console.log(`bare Fastify route: ${fmt(bareRps.rps, 0)} req/s (p99 ${bareRps.p99} ms)`);
console.log(`/health: ${fmt(healthRps.rps, 0)} req/s (p99 ${healthRps.p99} ms, non-2xx ${healthRps.non2xx})`);
console.log(
  `address search: ${fmt(searchRps.rps, 0)} req/s (p99 ${searchRps.p99} ms, non-2xx ${searchRps.non2xx}, ${fmt(searchRps.bytesPerResponse, 0)} B/answer)`,
);
console.log(`/health ÷ bare route: ${fmt(healthRps.rps / bareRps.rps, 2)}`);
console.log(`address search ÷ bare route per round: ${ratios.map((r) => fmt(r, 2)).join(', ')}`);

// 4. Start page transfer size on first load, as Chromium receives it (compressed).
const browser = await chromium.launch(launchOptions);
const context = await browser.newContext();
const page = await context.newPage();
const sizes: { url: string; type: string; bytes: number }[] = [];
page.on('requestfinished', async (request) => {
  const s = await request.sizes();
  sizes.push({ url: request.url(), type: request.resourceType(), bytes: s.responseBodySize + s.responseHeadersSize });
});
await page.goto(`${server.url}/`, { waitUntil: 'networkidle' });
await page.waitForTimeout(500);
await browser.close();
const foreign = sizes.filter((s) => !s.url.startsWith(server.url));
const total = sizes.reduce((a, s) => a + s.bytes, 0);
const critical = sizes.filter((s) => s.type === 'document' || s.type === 'stylesheet').reduce((a, s) => a + s.bytes, 0);
for (const s of sizes)
  console.log(`  ${s.type.padEnd(10)} ${fmt(s.bytes / 1024, 1).padStart(6)} KB  ${s.url.replace(server.url, '')}`);
console.log(`start page first load: ${sizes.length} requests, ${fmt(total / 1024)} KB transferred  [target ≤ 100 KB]`);
console.log(
  `start page HTML + CSS: ${fmt(critical / 1024)} KB transferred (${critical} B)  [target ≤ 14 KB = 14336 B]`,
);
console.log(`requests to other origins: ${foreign.length}`);

// 5. Lighthouse 12 (mobile, default throttling) on the start page.
const chrome = await launch({ chromePath: chromiumPath, chromeFlags });
let perf = Number.NaN;
let a11y = Number.NaN;
try {
  const result = await lighthouse(`${server.url}/`, {
    port: chrome.port,
    output: 'json',
    logLevel: 'error',
    onlyCategories: ['performance', 'accessibility'],
  });
  perf = Math.round((result?.lhr.categories.performance?.score ?? Number.NaN) * 100);
  a11y = Math.round((result?.lhr.categories.accessibility?.score ?? Number.NaN) * 100);
  const audits = result?.lhr.audits ?? {};
  console.log(
    `lighthouse ${result?.lhr.lighthouseVersion} mobile: FCP ${audits['first-contentful-paint']?.displayValue}, LCP ${audits['largest-contentful-paint']?.displayValue}, TBT ${audits['total-blocking-time']?.displayValue}, CLS ${audits['cumulative-layout-shift']?.displayValue}`,
  );
} finally {
  chrome.kill();
}
console.log(`lighthouse performance ${perf}, accessibility ${a11y}  [target 100 / 100]`);
await server.stop();

const ok =
  coldStart < 3 &&
  median(ratios) >= 0.5 &&
  total <= 100 * 1024 &&
  critical <= 14 * 1024 &&
  perf === 100 &&
  a11y === 100;
console.log(`all targets met: ${ok ? 'yes' : 'no'}`);
console.log(`address search ÷ bare route (median of the rounds): ${fmt(median(ratios), 2)} [target ≥ 0.50]`);
