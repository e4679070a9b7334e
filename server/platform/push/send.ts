import http from 'node:http';
import http2 from 'node:http2';
import https from 'node:https';
import { isIP } from 'node:net';
import tls from 'node:tls';
import { guardedLookup } from './endpoint-guard.js';

// The HTTP side of sending: one HTTP/2 session per push-service origin when the service offers h2 (ALPN), else
// keep-alive HTTP/1.1 connections. What an answer means is decided by the caller (outcome.ts).

export interface PushAnswer {
  status: number;
  retryAfter?: string;
}

export interface PushTransport {
  /**
   * POSTs one encrypted message; rejects on network errors, timeouts and aborts. `headers` is the caller's fresh
   * object: it may be used as the request's own (HTTP/2 pseudo-headers are added to it).
   */
  post(url: URL, headers: Record<string, string>, body: Buffer, signal?: AbortSignal): Promise<PushAnswer>;
  /** The protocol used per origin so far ('h2' or 'http/1.1'). */
  protocols(): Map<string, string>;
  close(): void;
}

export interface TransportOptions {
  /** Accept loopback and private addresses (tests, bench). */
  allowPrivate: boolean;
  timeoutMs: number;
  /** Extra trusted certificates (the local push service's self-signed one). */
  ca?: string | string[];
  /** Connections per HTTP/1.1 origin (the concurrency bound). */
  maxSockets: number;
}

type Origin = { kind: 'h2'; session: http2.ClientHttp2Session } | { kind: 'h1'; agent: http.Agent };

const firstHeader = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** Creates a transport; close it to end its sessions and sockets. */
export function createTransport(options: TransportOptions): PushTransport {
  const origins = new Map<string, Promise<Origin>>();
  const protocols = new Map<string, string>();
  const lookup = options.allowPrivate ? undefined : guardedLookup;
  const agentOptions = { keepAlive: true, maxSockets: options.maxSockets, ...(lookup ? { lookup } : {}) };

  function connectTls(url: URL): Promise<tls.TLSSocket> {
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    return new Promise((resolve, reject) => {
      const socket = tls.connect({
        host,
        port: Number(url.port || 443),
        ...(isIP(host) ? {} : { servername: host }),
        ALPNProtocols: ['h2', 'http/1.1'],
        ...(options.ca ? { ca: options.ca } : {}),
        ...(lookup ? { lookup } : {}),
      });
      socket.setTimeout(options.timeoutMs, () => socket.destroy(new Error('TLS connect timed out')));
      socket.once('secureConnect', () => {
        socket.setTimeout(0);
        resolve(socket);
      });
      socket.once('error', reject);
    });
  }

  async function open(url: URL): Promise<Origin> {
    if (url.protocol === 'http:') {
      protocols.set(url.origin, 'http/1.1');
      return { kind: 'h1', agent: new http.Agent(agentOptions) };
    }
    const socket = await connectTls(url);
    if (socket.alpnProtocol !== 'h2') {
      socket.destroy();
      protocols.set(url.origin, 'http/1.1');
      return { kind: 'h1', agent: new https.Agent({ ...agentOptions, ...(options.ca ? { ca: options.ca } : {}) }) };
    }
    protocols.set(url.origin, 'h2');
    const session = http2.connect(url.origin, { createConnection: () => socket });
    // Errors also reach each stream; a dead session is replaced on the next post.
    session.on('error', () => {});
    return { kind: 'h2', session };
  }

  function originOf(url: URL): Promise<Origin> {
    let o = origins.get(url.origin);
    if (!o) {
      o = open(url);
      o.catch(() => origins.delete(url.origin));
      origins.set(url.origin, o);
    }
    return o;
  }

  // Streams in flight per abort signal: one 'abort' listener per signal (a run), not one per request (passing
  // `signal` to session.request costs about 10 µs a request).
  const inFlight = new WeakMap<AbortSignal, Set<http2.ClientHttp2Stream>>();
  function track(signal: AbortSignal): Set<http2.ClientHttp2Stream> {
    let streams = inFlight.get(signal);
    if (!streams) {
      const set = new Set<http2.ClientHttp2Stream>();
      streams = set;
      inFlight.set(signal, set);
      signal.addEventListener(
        'abort',
        () => {
          for (const stream of set) stream.destroy(new Error('push request aborted'));
          set.clear();
        },
        { once: true },
      );
    }
    return streams;
  }

  function postH2(
    session: http2.ClientHttp2Session,
    url: URL,
    headers: Record<string, string>,
    body: Buffer,
    signal?: AbortSignal,
  ) {
    return new Promise<PushAnswer>((resolve, reject) => {
      if (signal?.aborted) return reject(new Error('push request aborted'));
      headers[':method'] = 'POST';
      headers[':path'] = url.pathname + url.search;
      const req = session.request(headers);
      const streams = signal ? track(signal) : undefined;
      streams?.add(req);
      req.setTimeout(options.timeoutMs, () => req.close(http2.constants.NGHTTP2_CANCEL));
      let answer: PushAnswer | undefined;
      req.on('response', (h) => {
        const retryAfter = firstHeader(h['retry-after']);
        answer = { status: Number(h[':status']), ...(retryAfter ? { retryAfter } : {}) };
      });
      req.resume();
      req.on('end', () => (answer ? resolve(answer) : reject(new Error('stream ended without an answer'))));
      // A stream reset after the answer's headers still counts as that answer.
      req.on('close', () => {
        streams?.delete(req);
        if (answer) resolve(answer);
        else reject(new Error(`stream closed (code ${req.rstCode})`));
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  function postH1(agent: http.Agent, url: URL, headers: Record<string, string>, body: Buffer, signal?: AbortSignal) {
    return new Promise<PushAnswer>((resolve, reject) => {
      const request = url.protocol === 'https:' ? https.request : http.request;
      const req = request(url, {
        method: 'POST',
        agent,
        headers,
        timeout: options.timeoutMs,
        ...(options.ca ? { ca: options.ca } : {}),
        ...(signal ? { signal } : {}),
      });
      req.on('timeout', () => req.destroy(new Error('push request timed out')));
      req.on('response', (res) => {
        const retryAfter = firstHeader(res.headers['retry-after']);
        res.resume();
        const done = () => resolve({ status: res.statusCode ?? 0, ...(retryAfter ? { retryAfter } : {}) });
        res.on('end', done);
        res.on('close', done);
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  return {
    async post(url, headers, body, signal) {
      let origin = await originOf(url);
      if (origin.kind === 'h2' && (origin.session.closed || origin.session.destroyed)) {
        origins.delete(url.origin);
        origin = await originOf(url);
      }
      return origin.kind === 'h2'
        ? postH2(origin.session, url, headers, body, signal)
        : postH1(origin.agent, url, headers, body, signal);
    },
    protocols: () => new Map(protocols),
    close() {
      for (const o of origins.values()) {
        o.then((x) => (x.kind === 'h2' ? x.session.close() : x.agent.destroy())).catch(() => {});
      }
      origins.clear();
    },
  };
}
