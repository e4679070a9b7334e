import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Server, start } from '../../main.js';
import { testEnv } from '../../test/env.js';
import { createDatabaseFromTemplate } from '../../test/fixtures/processes.js';

const postgres = !!process.env.TEST_DATABASE_URL;

/** The real server (web role only) with short timeouts, listening on a free port. */
async function startServer(): Promise<Server> {
  return start({
    handleSignals: false,
    env: testEnv({
      ROLES: 'web',
      PORT: '0',
      HOST: '127.0.0.1',
      HTTP_REQUEST_TIMEOUT_SECONDS: '2',
      HTTP_HEADERS_TIMEOUT_SECONDS: '1',
      HTTP_MAX_CONNECTIONS: '2',
      ...(postgres ? { DATABASE_URL: await createDatabaseFromTemplate() } : {}),
    }),
  });
}

interface RawClient {
  socket: Socket;
  /** Everything the server sent so far. */
  received(): string;
  /** Resolves when the server (or anyone) closed the connection. */
  closed: Promise<void>;
}

async function rawClient(server: Server): Promise<RawClient> {
  const address = server.app.server.address();
  if (!address || typeof address === 'string') throw new Error('server is not listening on a port');
  const socket = connect(address.port, '127.0.0.1');
  let data = '';
  socket.setEncoding('utf8').on('data', (chunk: string) => {
    data += chunk;
  });
  socket.on('error', () => undefined); // a reset by the server is what some tests expect
  const closed = once(socket, 'close').then(() => undefined);
  await once(socket, 'connect');
  return { socket, received: () => data, closed };
}

/** Sends a POST's headers, then one byte of its body every 100 ms, never finishing it. */
async function dribble(server: Server): Promise<RawClient & { stop(): void }> {
  const client = await rawClient(server);
  // Resolves when the server has parsed the headers and handles the request.
  const handled = once(server.app.server, 'request');
  client.socket.write(
    'POST /admin/login HTTP/1.1\r\nHost: localhost\r\n' +
      'Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100000\r\n\r\nemail=',
  );
  await handled;
  const timer = setInterval(() => client.socket.write('a'), 100);
  void client.closed.then(() => clearInterval(timer));
  return { ...client, stop: () => clearInterval(timer) };
}

/** Makes one keep-alive request and leaves the connection open and idle. */
async function idleKeepAlive(server: Server): Promise<RawClient> {
  const client = await rawClient(server);
  client.socket.write('GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\n\r\n');
  while (!client.received().includes('{"status":"ok"}')) await once(client.socket, 'data');
  return client;
}

describe('HTTP server timeouts', { timeout: 60_000 }, () => {
  let server: Server;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server?.stop());

  it('cuts off a request whose body dribbles in slower than the request timeout', async () => {
    const client = await dribble(server);
    await client.closed;
    expect(client.received()).toMatch(/^HTTP\/1\.1 408/);
    // The server still serves others.
    const other = await idleKeepAlive(server);
    other.socket.destroy();
  });
});

describe('HTTP connection cap', { timeout: 60_000 }, () => {
  let server: Server;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server?.stop());

  it('closes connections beyond HTTP_MAX_CONNECTIONS at once', async () => {
    const open = [await idleKeepAlive(server), await idleKeepAlive(server)];
    const refused = await rawClient(server);
    refused.socket.write('GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n');
    await refused.closed;
    expect(refused.received()).toBe('');
    for (const client of open) client.socket.destroy();
  });
});

describe('shutdown', { timeout: 60_000 }, () => {
  it('closes idle keep-alive connections at once and does not wait for a dribbling body past its grace', async () => {
    const server = await startServer();
    const idle = await idleKeepAlive(server);
    const slow = await dribble(server);
    const order: string[] = [];
    void idle.closed.then(() => order.push('idle'));
    void slow.closed.then(() => order.push('slow'));
    await server.stop();
    await Promise.all([idle.closed, slow.closed]);
    expect(order).toEqual(['idle', 'slow']);
    // The request was cut, not answered as "closing".
    expect(slow.received()).not.toMatch(/^HTTP\/1\.1 503/);
    slow.stop();
  });
});
