import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyHttpOptions, FastifyInstance, FastifyServerOptions } from 'fastify';
import type { Config } from '../config.js';

type TrustProxy = NonNullable<FastifyServerOptions['trustProxy']>;

/**
 * Fastify's `trustProxy` from TRUST_PROXY. A hop count n trusts the n addresses nearest to us (the peer and the
 * n−1 entries at the right end of X-Forwarded-For) and takes the next one as the client's: a client-chosen
 * leftmost value is never read. Fastify itself ignores a plain number (it cannot check the peer), so the count is
 * passed as proxy-addr's trust function; a list of addresses and networks is passed as it is.
 */
export function trustProxyOption(setting: Config['trustProxy']): TrustProxy {
  if (typeof setting === 'number') return setting === 0 ? false : (_address, hop) => hop < setting;
  return setting;
}

/**
 * Timeouts and limits of the HTTP server, so slow or idle clients cannot hold connections: the whole request
 * (headers and body) must arrive within the request timeout, the headers within the headers timeout; an idle
 * keep-alive connection closes after its timeout and at shutdown at once ('idle').
 */
export function serverOptions(config: Config): FastifyHttpOptions<Server> {
  const http = config.http;
  const requestTimeout = http.requestTimeoutSeconds * 1000;
  return {
    trustProxy: trustProxyOption(config.trustProxy),
    requestTimeout,
    keepAliveTimeout: http.keepAliveTimeoutSeconds * 1000,
    // A socket without any traffic for twice the request timeout is dead (e.g. a client that stopped reading).
    connectionTimeout: 2 * Math.max(requestTimeout, http.keepAliveTimeoutSeconds * 1000),
    maxRequestsPerSocket: http.maxRequestsPerSocket,
    forceCloseConnections: 'idle',
    http: {
      requestTimeout,
      headersTimeout: http.headersTimeoutSeconds * 1000,
      // Node checks the two timeouts above on this interval (default 30 s, which would let a slow request live
      // up to 30 s past its timeout).
      connectionsCheckingInterval: Math.min(1000, Math.ceil(requestTimeout / 4)),
    },
  };
}

/** Limits that exist only on the listening server. */
export function limitConnections(app: FastifyInstance, config: Config): void {
  app.server.maxConnections = config.http.maxConnections;
}

/**
 * Closes the app: no new connections, idle keep-alive connections at once, and requests still in progress get
 * at most `graceMs` before their connections are cut. Node stops enforcing the request timeout once the server
 * closes, so without this a client dribbling a body would hold the shutdown until the process is killed.
 */
export async function closeServer(app: FastifyInstance, graceMs: number): Promise<void> {
  const cut = setTimeout(() => app.server.closeAllConnections(), graceMs);
  cut.unref();
  try {
    await app.close();
  } finally {
    clearTimeout(cut);
  }
}

/** How long requests in progress may finish at shutdown: the request timeout, at most half the shutdown time. */
export function shutdownGraceMs(config: Config): number {
  return Math.min(config.http.requestTimeoutSeconds * 1000, (config.shutdownTimeoutSeconds * 1000) / 2);
}

/**
 * The address to open in a browser once the server listens: PUBLIC_URL when it was set, else localhost with the
 * port actually bound (PORT=0 picks a free one).
 */
export function addressToOpen(
  config: Pick<Config, 'publicUrl' | 'port'>,
  bound: AddressInfo | string | null,
): { url: string; adminUrl: string } {
  const port = bound && typeof bound === 'object' ? bound.port : config.port;
  const defaulted = config.publicUrl === `http://localhost:${config.port}`;
  const url = (defaulted ? `http://localhost:${port}` : config.publicUrl).replace(/\/$/, '');
  return { url, adminUrl: `${url}/admin` };
}
