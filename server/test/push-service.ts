import { randomBytes } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import http2, { type Http2ServerRequest, type Http2ServerResponse } from 'node:http2';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { Readable } from 'node:stream';
import { generate } from 'selfsigned';
import {
  checkVapid,
  createReceiver,
  decryptBody,
  type ReceiverSubscription,
  type VapidClaims,
} from './push-receiver.js';

// A local RFC 8030 push service for tests and the bench: https with HTTP/2 and HTTP/1.1 (ALPN), https with
// HTTP/1.1 only, or plain http. It hands out subscriptions, checks every request's VAPID token, decrypts every
// body with the subscription's private key (before it answers, or for the bench after the run: `decrypt`) and
// records what arrived. Answers can be programmed per subscription.

export interface ReceivedPush {
  subscriptionId: string;
  headers: { ttl: string | undefined; urgency: string | undefined; topic: string | undefined };
  payload: string;
  protocol: 'h2' | 'http/1.1';
  receivedAt: Date;
}

/** One programmed answer, used `times` times (default once) before the next step or normal service. */
export interface AnswerStep {
  status: number;
  retryAfter?: string;
  times?: number;
  /** Wait this long before answering (a slow push service). */
  delayMs?: number;
}

export interface PushServiceOptions {
  /** 'https' (default) or 'http' (test mode only on our side). */
  protocol?: 'https' | 'http';
  /** With https: offer h2 via ALPN (default true); false = HTTP/1.1 only. */
  http2?: boolean;
  /** Keep every message (default) or only count them (the bench). */
  record?: boolean;
  /**
   * 'inline' (default): decrypt before answering; a body that does not decrypt gets 400. 'deferred' (the bench, with
   * `record: false`): answer after the VAPID and header checks, as a real push service does (it cannot decrypt: the
   * browser does), keep the body and decrypt it in `verifyDeferred()`, so the decryption's CPU is not charged to the
   * sender being measured on the same cores.
   */
  decrypt?: 'inline' | 'deferred';
}

export interface LocalPushService {
  origin: string;
  /** The self-signed certificate to trust (https only). */
  cert: string | undefined;
  subscribe(): ReceiverSubscription;
  /** Programs the answers to a subscription's next requests; `{ status: 410, times: Infinity }` = gone for good. */
  program(subscriptionId: string, ...steps: AnswerStep[]): void;
  received: ReceivedPush[];
  /** Accepted messages per subscription (kept also when `record` is false). */
  counts: Map<string, number>;
  /** Requests refused or answered as programmed: subscription, status, reason. */
  refused: { subscriptionId: string; status: number; reason: string }[];
  /** Called with each accepted message before it is answered, e.g. to stop a run mid-way. */
  onMessage: ((message: ReceivedPush) => void) | undefined;
  /** Distinct VAPID tokens whose signature was verified. */
  tokensVerified(): number;
  /** With `decrypt: 'deferred'`: decrypts the kept bodies (and forgets them); how many did and why others did not. */
  verifyDeferred(): { decrypted: number; failed: { subscriptionId: string; reason: string }[] };
  close(): Promise<void>;
}

async function makeCert() {
  // A distinct subject per service: with two services' certificates trusted at once, OpenSSL picks the issuer by name.
  const name = `local-push-service-${randomBytes(6).toString('hex')}`;
  return generate([{ name: 'commonName', value: name }], {
    keyType: 'ec',
    algorithm: 'sha256',
    extensions: [
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
        ],
      },
    ],
  });
}

/** Starts a push service on 127.0.0.1 (a random port). */
export async function startPushService(options: PushServiceOptions = {}): Promise<LocalPushService> {
  const protocol = options.protocol ?? 'https';
  if (options.decrypt === 'deferred' && options.record !== false) {
    throw new Error("decrypt: 'deferred' keeps no messages (payloads are known only later): use it with record: false");
  }
  const subs = new Map<string, ReceiverSubscription>();
  const steps = new Map<string, AnswerStep[]>();
  const verified = new Map<string, VapidClaims>();
  const received: ReceivedPush[] = [];
  const counts = new Map<string, number>();
  const refused: LocalPushService['refused'] = [];
  const deferred: { sub: ReceiverSubscription; body: Buffer }[] = [];
  let origin = '';
  let nextId = 1;

  // One request, whichever API it came by: HTTP/1.1 (request/response) or an HTTP/2 stream (no compatibility
  // layer: the bench's sender sends its messages this way, and the service should not be what it waits on).
  interface Exchange {
    method: string | undefined;
    path: string;
    headers: Record<string, string | string[] | undefined>;
    protocol: 'h2' | 'http/1.1';
    /** Calls back with the body (its first 8 KiB) and its whole size once it has arrived. */
    body(then: (body: Buffer, size: number) => void): void;
    respond(status: number, headers: Record<string, string>): void;
    responded(): boolean;
  }

  const answer = (ex: Exchange, status: number, subscriptionId: string, reason: string, retryAfter?: string) => {
    refused.push({ subscriptionId, status, reason });
    ex.respond(status, retryAfter ? { 'retry-after': retryAfter } : {});
  };

  // The body by events, no promise (an async iterator per request costs more than the rest of the request's
  // JavaScript). A request whose stream fails is dropped: there is nobody left to answer.
  const readBody = (req: Readable) => (then: (body: Buffer, size: number) => void) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= 8192) chunks.push(chunk);
    });
    req.on('end', () => then(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks), size));
    req.on('error', () => {});
  };
  const header = (ex: Exchange, name: string) => {
    const v = ex.headers[name];
    return Array.isArray(v) ? v[0] : v;
  };

  function handle(ex: Exchange, body: Buffer, size: number) {
    const id = /^\/push\/([A-Za-z0-9]+)$/.exec(ex.path)?.[1] ?? '';
    const sub = subs.get(id);
    if (ex.method !== 'POST' || !sub) return answer(ex, 404, id, 'no such subscription');
    const step = steps.get(id)?.[0];
    if (step) {
      step.times = (step.times ?? 1) - 1;
      if (step.times <= 0) steps.get(id)?.shift();
      const programmed = () =>
        step.status !== 201
          ? answer(ex, step.status, id, 'programmed', step.retryAfter)
          : accept(ex, id, sub, body, size);
      if (step.delayMs) setTimeout(() => serveSafely(ex, programmed), step.delayMs);
      else programmed();
      return;
    }
    accept(ex, id, sub, body, size);
  }
  function accept(ex: Exchange, id: string, sub: ReceiverSubscription, body: Buffer, size: number) {
    const ttl = header(ex, 'ttl');
    if (ttl === undefined || !/^\d+$/.test(ttl)) return answer(ex, 400, id, 'TTL missing');
    if (header(ex, 'content-encoding') !== 'aes128gcm') return answer(ex, 415, id, 'not aes128gcm');
    if (size > 4096) return answer(ex, 413, id, 'too large');
    try {
      checkVapid(header(ex, 'authorization'), origin, Math.floor(Date.now() / 1000), verified);
    } catch (err) {
      return answer(ex, 403, id, `vapid: ${(err as Error).message}`);
    }
    if (options.decrypt === 'deferred') {
      deferred.push({ sub, body });
      counts.set(id, (counts.get(id) ?? 0) + 1);
      ex.respond(201, { location: `${origin}/message/${id}-${counts.get(id)}` });
      return;
    }
    let payload: string;
    try {
      payload = decryptBody(sub, body).toString('utf8');
    } catch (err) {
      return answer(ex, 400, id, `decrypt: ${(err as Error).message}`);
    }
    const message: ReceivedPush = {
      subscriptionId: id,
      headers: { ttl, urgency: header(ex, 'urgency'), topic: header(ex, 'topic') },
      payload,
      protocol: ex.protocol,
      receivedAt: new Date(),
    };
    counts.set(id, (counts.get(id) ?? 0) + 1);
    if (options.record !== false) received.push(message);
    service.onMessage?.(message);
    ex.respond(201, { location: `${origin}/message/${id}-${counts.get(id)}` });
  }
  const serveSafely = (ex: Exchange, fn: () => void) => {
    try {
      fn();
    } catch {
      if (!ex.responded()) answer(ex, 500, '', 'service error');
    }
  };
  const serve = (ex: Exchange) => ex.body((body, size) => serveSafely(ex, () => handle(ex, body, size)));
  const listener = (req: IncomingMessage | Http2ServerRequest, res: ServerResponse | Http2ServerResponse) =>
    serve({
      method: req.method,
      path: req.url ?? '',
      headers: req.headers,
      protocol: req.httpVersion === '2.0' ? 'h2' : 'http/1.1',
      body: readBody(req),
      respond(status, headers) {
        res.writeHead(status, headers);
        res.end();
      },
      responded: () => res.headersSent,
    });
  const onStream = (stream: http2.ServerHttp2Stream, headers: http2.IncomingHttpHeaders) => {
    let responded = false;
    serve({
      method: headers[':method'],
      path: headers[':path'] ?? '',
      headers,
      protocol: 'h2',
      body: readBody(stream),
      respond(status, h) {
        responded = true;
        // The sender may have cancelled the stream meanwhile (a stopped run).
        if (!stream.destroyed && !stream.closed) stream.respond({ ':status': status, ...h }, { endStream: true });
      },
      responded: () => responded,
    });
  };

  let cert: string | undefined;
  let server: http.Server | https.Server | http2.Http2SecureServer;
  if (protocol === 'http') server = http.createServer(listener);
  else {
    const pems = await makeCert();
    cert = pems.cert;
    if (options.http2 === false) server = https.createServer({ key: pems.private, cert: pems.cert }, listener);
    else {
      const h2 = http2.createSecureServer({ key: pems.private, cert: pems.cert, allowHTTP1: true }, listener);
      // The request listener (for HTTP/1.1 clients) also put the compatibility layer on HTTP/2 streams: replace it.
      h2.removeAllListeners('stream');
      h2.on('stream', onStream);
      server = h2;
    }
  }
  const sockets = new Set<Socket>();
  server.on(protocol === 'http' ? 'connection' : 'secureConnection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `${protocol}://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const service: LocalPushService = {
    origin,
    cert,
    onMessage: undefined,
    subscribe() {
      const id = String(nextId++);
      const sub = createReceiver(id, `${origin}/push/${id}`);
      subs.set(id, sub);
      return sub;
    },
    program(subscriptionId, ...more) {
      steps.set(subscriptionId, [...(steps.get(subscriptionId) ?? []), ...more.map((s) => ({ ...s }))]);
    },
    received,
    counts,
    refused,
    tokensVerified: () => verified.size,
    verifyDeferred() {
      const failed: { subscriptionId: string; reason: string }[] = [];
      let decrypted = 0;
      for (const { sub, body } of deferred.splice(0)) {
        try {
          decryptBody(sub, body);
          decrypted += 1;
        } catch (err) {
          failed.push({ subscriptionId: sub.id, reason: (err as Error).message });
        }
      }
      return { decrypted, failed };
    },
    close() {
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
    },
  };
  return service;
}
