import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';

export const root = new URL('..', import.meta.url).pathname;

/** A free loopback port. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export interface Server {
  child: ChildProcess;
  url: string;
  /** Milliseconds from spawn until the first 200 from `readyPath`. */
  startMs: number;
  stop(): Promise<void>;
}

/** Starts the built server (dist/server/main.js) and waits until it answers. */
export async function startServer(
  env: Record<string, string>,
  readyPath = '/ready',
  timeoutMs = 120_000,
): Promise<Server> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [join(root, 'dist/server/main.js')], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  child.stdout?.resume();
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    if (performance.now() - started > timeoutMs) throw new Error('server did not become ready');
    try {
      const res = await fetch(url + readyPath);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  const startMs = performance.now() - started;
  return {
    child,
    url,
    startMs,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Resident set size of a process in MiB, from /proc. */
export function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

/** Requests per second against one URL with autocannon (non-2xx answers and timeouts are counted and reported). */
export interface Rps {
  rps: number;
  non2xx: number;
  timeouts: number;
  errors: number;
  p99: number;
  bytesPerResponse: number;
}

export interface RpsOptions {
  seconds?: number;
  connections?: number;
  /** What the client accepts (default: JSON, as a browser's fetch would ask). */
  accept?: string;
  /** Per-request timeout in seconds (autocannon's default is 10). */
  timeoutSeconds?: number;
}

export async function measureRps(url: string, seconds = 5, connections = 10, options: RpsOptions = {}): Promise<Rps> {
  // Every target gets the headers a browser sends; a server that does not compress ignores them.
  const headers = { 'accept-encoding': 'gzip, deflate, br', accept: options.accept ?? 'application/json' };
  const timeout = options.timeoutSeconds ?? 10;
  await autocannon({ url, duration: 1, connections, headers, timeout }); // warm-up (JIT, caches)
  const result = await autocannon({ url, duration: seconds, connections, pipelining: 1, headers, timeout });
  return {
    rps: result.requests.average,
    non2xx: result.non2xx,
    timeouts: result.timeouts,
    errors: result.errors,
    p99: result.latency.p99,
    bytesPerResponse: result.throughput.total / Math.max(1, result.requests.total),
  };
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
};

export const fmt = (n: number, digits = 1) => n.toFixed(digits);

/** A bare Fastify route in a process of its own: the yardstick routes are compared with in the same run. */
export async function startBareServer(): Promise<{ url: string; stop(): void }> {
  const port = await freePort();
  const child = spawn(process.execPath, [join(root, 'dist/bench/bare-server.js')], {
    env: { ...process.env, PORT: String(port) },
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}/`;
  for (let i = 0; i < 400; i++) {
    try {
      if ((await fetch(url)).ok) break;
    } catch {
      await new Promise((r) => setTimeout(r, 25));
    }
  }
  return { url, stop: () => child.kill('SIGTERM') };
}
