import { randomBytes } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import http2, { type Http2ServerRequest, type Http2ServerResponse } from 'node:http2';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
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
// body with the subscription's private key and records what arrived. Answers can be programmed per subscription.

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
  close(): Promise<void>;
}

type Req = IncomingMessage | Http2ServerRequest;
type Res = ServerResponse | Http2ServerResponse;

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
  const subs = new Map<string, ReceiverSubscription>();
  const steps = new Map<string, AnswerStep[]>();
  const verified = new Map<string, VapidClaims>();
  const received: ReceivedPush[] = [];
  const counts = new Map<string, number>();
  const refused: LocalPushService['refused'] = [];
  let origin = '';
  let nextId = 1;

  const answer = (res: Res, status: number, subscriptionId: string, reason: string, retryAfter?: string) => {
    refused.push({ subscriptionId, status, reason });
    res.writeHead(status, retryAfter ? { 'retry-after': retryAfter } : {});
    res.end();
  };

  // The body by events (an async iterator per request costs more than the rest of the request's JavaScript).
  const readBody = (req: Req) =>
    new Promise<{ body: Buffer; size: number }>((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= 8192) chunks.push(chunk);
      });
      req.on('end', () => resolve({ body: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks), size }));
      req.on('error', reject);
    });

  async function handle(req: Req, res: Res) {
    const { body, size } = await readBody(req);
    const id = /^\/push\/([A-Za-z0-9]+)$/.exec(req.url ?? '')?.[1] ?? '';
    const sub = subs.get(id);
    if (req.method !== 'POST' || !sub) return answer(res, 404, id, 'no such subscription');
    const step = steps.get(id)?.[0];
    if (step) {
      step.times = (step.times ?? 1) - 1;
      if (step.times <= 0) steps.get(id)?.shift();
      if (step.delayMs) await new Promise((r) => setTimeout(r, step.delayMs));
      if (step.status !== 201) return answer(res, step.status, id, 'programmed', step.retryAfter);
    }
    const ttl = req.headers.ttl as string | undefined;
    if (ttl === undefined || !/^\d+$/.test(ttl)) return answer(res, 400, id, 'TTL missing');
    if (req.headers['content-encoding'] !== 'aes128gcm') return answer(res, 415, id, 'not aes128gcm');
    if (size > 4096) return answer(res, 413, id, 'too large');
    try {
      checkVapid(req.headers.authorization, origin, Math.floor(Date.now() / 1000), verified);
    } catch (err) {
      return answer(res, 403, id, `vapid: ${(err as Error).message}`);
    }
    let payload: string;
    try {
      payload = decryptBody(sub, body).toString('utf8');
    } catch (err) {
      return answer(res, 400, id, `decrypt: ${(err as Error).message}`);
    }
    const message: ReceivedPush = {
      subscriptionId: id,
      headers: {
        ttl,
        urgency: req.headers.urgency as string | undefined,
        topic: req.headers.topic as string | undefined,
      },
      payload,
      protocol: req.httpVersion === '2.0' ? 'h2' : 'http/1.1',
      receivedAt: new Date(),
    };
    counts.set(id, (counts.get(id) ?? 0) + 1);
    if (options.record !== false) received.push(message);
    service.onMessage?.(message);
    res.writeHead(201, { location: `${origin}/message/${id}-${counts.get(id)}` });
    res.end();
  }
  const listener = (req: Req, res: Res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) answer(res, 500, '', 'service error');
    });
  };

  let cert: string | undefined;
  let server: http.Server | https.Server | http2.Http2SecureServer;
  if (protocol === 'http') server = http.createServer(listener);
  else {
    const pems = await makeCert();
    cert = pems.cert;
    server =
      options.http2 === false
        ? https.createServer({ key: pems.private, cert: pems.cert }, listener)
        : http2.createSecureServer({ key: pems.private, cert: pems.cert, allowHTTP1: true }, listener);
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
    close() {
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
    },
  };
  return service;
}
