import { once } from 'node:events';
import { type AddressInfo, connect, createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createDatabaseFromTemplate,
  fixtureEnv,
  type LogLine,
  type ServerProcess,
  spawnServer,
} from './test/fixtures/processes.js';

const postgres = !!process.env.TEST_DATABASE_URL;
const running: ServerProcess[] = [];
const closers: (() => void)[] = [];

afterEach(async () => {
  for (const close of closers.splice(0)) close();
  for (const p of running.splice(0)) {
    if (p.child.exitCode === null && p.child.signalCode === null) {
      p.child.kill('SIGKILL');
      await p.exited;
    }
  }
});

function startMain(env: Record<string, string>): ServerProcess {
  const p = spawnServer('server/main.ts', fixtureEnv(env));
  running.push(p);
  return p;
}

/** A port nobody listens on (bound once, then released). */
async function freePort(): Promise<number> {
  const s = createServer().listen(0, '127.0.0.1');
  await once(s, 'listening');
  const { port } = s.address() as AddressInfo;
  s.close();
  await once(s, 'close');
  return port;
}

/** A TCP proxy on `port` to `target`, like a database that comes up late. */
async function tcpProxy(port: number, target: URL): Promise<Server> {
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(Number(target.port || 5432), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => undefined).on('close', () => sockets.delete(s));
    }
    client.pipe(upstream).pipe(client);
  }).listen(port, '127.0.0.1');
  await once(server, 'listening');
  closers.push(() => {
    server.close();
    for (const s of sockets) s.destroy();
  });
  return server;
}

const isRetry = (l: LogLine) => l.msg === 'database not reachable; retrying';

describe('start', () => {
  it('retries an unreachable database with one structured line per attempt, then fails clearly', async () => {
    const port = await freePort();
    const p = startMain({
      DATABASE_URL: `postgres://root@127.0.0.1:${port}/test`,
      DATABASE_START_TIMEOUT_SECONDS: '3',
    });
    expect(await p.exited).toBe(69);
    const retries = p.lines.filter(isRetry);
    expect(retries.length).toBeGreaterThanOrEqual(1);
    expect(retries[0]).toMatchObject({ level: 40, attempt: 1, retryInMs: 500, code: 'ECONNREFUSED' });
    expect(retries.map((r) => r.attempt)).toEqual(retries.map((_, i) => i + 1));
    expect(p.lines.at(-1)).toMatchObject({
      level: 50,
      msg: 'database unreachable after 3 s; giving up',
      attempts: retries.length + 1,
      code: 'ECONNREFUSED',
    });
    // Structured lines only: no stack trace in the log, nothing raw on stderr.
    expect(JSON.stringify(p.lines)).not.toMatch(/"stack"|\n\s+at /);
    expect(p.stderr.join('')).toBe('');
  });

  it('starts once the database becomes reachable and prints the address to open', { timeout: 120_000 }, async () => {
    let env: Record<string, string> = {};
    let target: URL | undefined;
    if (postgres) {
      // The database is behind a port that only starts answering after the server has tried it once.
      target = new URL(await createDatabaseFromTemplate());
      const late = new URL(target);
      late.port = String(await freePort());
      env = { DATABASE_URL: late.toString(), DATABASE_START_TIMEOUT_SECONDS: '120' };
    }
    const p = startMain({ ...env, ROLES: 'web' });
    if (target) {
      await p.waitForLog(isRetry, 60_000, 'a first retry');
      await tcpProxy(Number(new URL(env.DATABASE_URL!).port), target);
    }
    const ready = await p.waitForLog((l) => String(l.msg).startsWith('Bürgerservice is ready'), 90_000, 'ready');
    expect(ready.url).toMatch(/^http:\/\/localhost:\d+$/);
    expect(ready.msg).toBe(`Bürgerservice is ready: ${ready.url} (back office: ${ready.url}/admin)`);
    expect(ready.adminUrl).toBe(`${ready.url}/admin`);
    // Progress before the ready line, so that a first start does not look hung.
    const messages = p.lines.map((l) => String(l.msg));
    expect(messages.indexOf('opening the database')).toBeGreaterThanOrEqual(0);
    expect(messages.indexOf('database migrated')).toBeGreaterThan(messages.indexOf('opening the database'));
    expect(messages.indexOf('database migrated')).toBeLessThan(messages.indexOf(String(ready.msg)));
    if (target) expect(p.lines.some((l) => l.msg === 'database reachable')).toBe(true);
    const res = await fetch(`${ready.url}/ready`);
    expect(res.status).toBe(200);
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
  });
});
