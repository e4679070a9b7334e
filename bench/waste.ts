/**
 * The Abfallkalender's hottest read under load (`npm run bench:waste`): "next collections for an address"
 * (GET /api/waste/addresses/:id/next, the app's home screen and the start page's answer), on the production server
 * with the Bielefeld demo data, against a bare Fastify route in the same run. Each round spreads the requests over
 * 200 demo addresses (a realistic mix of cache hits and misses), then repeats one address (the cached path).
 * Target: ≥ 0.5 × the bare route. The last line is the key figure.
 */
import autocannon from 'autocannon';
import { fmt, measureRps, median, type Rps, startBareServer, startServer, tempDir } from './lib.js';

const seconds = Number(process.env.ROUND_SECONDS ?? 15);
const rounds = Number(process.env.ROUNDS ?? 3);
const connections = 50;
const addresses = 200;

const env = {
  NODE_ENV: 'production',
  SESSION_SECRET: 'bench-secret-bench-secret-bench-secret-01',
  DATA_DIR: tempDir('bs-bench-waste-'),
  DEMO_DATA: 'true',
  METRICS_TOKEN: 'bench-metrics-token-0123456789',
  MAIL_TRANSPORT: 'file',
  RATE_LIMIT_API_PER_MINUTE: '100000000',
  HTTP_MAX_REQUESTS_PER_SOCKET: '0',
};

console.log('# Bürgerservice Abfallkalender: next collections for an address');
// The first start loads the demo data; the measured server starts on it like a production restart.
const first = await startServer(env);
await first.stop();
const server = await startServer(env);
const bare = await startBareServer();

// Demo addresses from the address search (their ids depend on the import order).
const ids: number[] = [];
for (const street of [
  'Herforder Straße',
  'Jöllenbecker Straße',
  'Detmolder Straße',
  'Paderborner Straße',
  'Senner Hellweg',
]) {
  const res = await fetch(`${server.url}/api/addresses?q=${encodeURIComponent(street)}&limit=50`);
  const found = (await res.json()) as { items?: { id: number }[] };
  ids.push(...(found.items ?? []).map((a) => a.id));
}
ids.splice(addresses);
if (ids.length === 0) throw new Error('no demo addresses found');
const path = (id: number) => `/api/waste/addresses/${id}/next`;
const probe = await fetch(`${server.url}${path(ids[0] as number)}`);
const body = (await probe.json()) as { next?: unknown[] };
console.log(
  `${ids.length} addresses; probe ${path(ids[0] as number)}: ${probe.status}, ${body.next?.length ?? 0} bin types`,
);
if (!probe.ok || !body.next?.length) throw new Error('the demo address has no collections: nothing to measure');

/** Requests spread over many addresses, round-robin (autocannon's request list). */
async function spread(): Promise<Rps> {
  const options = {
    url: server.url,
    connections,
    requests: ids.map((id) => ({ method: 'GET' as const, path: path(id) })),
    headers: { accept: 'application/json', 'accept-encoding': 'gzip, deflate, br' },
  };
  await autocannon({ ...options, duration: 1 }); // warm-up, as measureRps does
  const result = await autocannon({ ...options, duration: seconds });
  return {
    rps: result.requests.average,
    non2xx: result.non2xx,
    timeouts: result.timeouts,
    errors: result.errors,
    p99: result.latency.p99,
    bytesPerResponse: result.throughput.total / Math.max(1, result.requests.total),
  };
}

const runs = { bare: [] as Rps[], spread: [] as Rps[], one: [] as Rps[] };
for (let round = 0; round < rounds; round++) {
  runs.bare.push(await measureRps(bare.url, seconds, connections));
  runs.spread.push(await spread());
  runs.one.push(
    await measureRps(`${server.url}${path(ids[0] as number)}`, seconds, connections, { accept: 'application/json' }),
  );
}
bare.stop();
await server.stop();

const ratioOf = (xs: Rps[]) => median(xs.map((x, i) => x.rps / (runs.bare[i] as Rps).rps));
const mid = (xs: Rps[]) => [...xs].sort((a, b) => a.rps - b.rps)[Math.floor(xs.length / 2)] as Rps;
console.log(`bare Fastify route: ${fmt(mid(runs.bare).rps, 0)} req/s`);
for (const [name, xs] of [
  [`${addresses} addresses`, runs.spread],
  ['one address', runs.one],
] as const) {
  const bad = xs.reduce((a, x) => a + x.timeouts + x.non2xx + x.errors, 0);
  console.log(
    `${name}: ${fmt(mid(xs).rps, 0)} req/s, ÷ bare ${fmt(ratioOf(xs), 2)}, worst p99 ${Math.max(...xs.map((x) => x.p99))} ms, ` +
      `timeouts + non-2xx + errors ${bad}`,
  );
}
const ratio = ratioOf(runs.spread);
console.log(
  `waste next collections ÷ bare route (median, ${addresses} addresses): ${fmt(ratio, 2)} [target ≥ 0.5] ${ratio >= 0.5 ? 'ok' : 'MISSED'}`,
);
