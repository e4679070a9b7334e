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

/** Requests per second against one URL with autocannon (non-2xx answers are counted and reported). */
export interface Rps {
  rps: number;
  non2xx: number;
  p99: number;
  bytesPerResponse: number;
}

export async function measureRps(url: string, seconds = 5, connections = 10): Promise<Rps> {
  // Every target gets the headers a browser's fetch sends; a server that does not compress ignores them.
  const headers = { 'accept-encoding': 'gzip, deflate, br', accept: 'application/json' };
  await autocannon({ url, duration: 1, connections, headers }); // warm-up (JIT, caches)
  const result = await autocannon({ url, duration: seconds, connections, pipelining: 1, headers });
  return {
    rps: result.requests.average,
    non2xx: result.non2xx,
    p99: result.latency.p99,
    bytesPerResponse: result.throughput.total / Math.max(1, result.requests.total),
  };
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
};

export const fmt = (n: number, digits = 1) => n.toFixed(digits);
