import type { Config } from '../config.js';
import { createEncryptor, type Encryptor } from './encrypt-pool.js';
import { TokenBucket } from './outcome.js';
import { createTransport, type PushTransport } from './send.js';
import { createVapidSigner, type VapidSigner } from './vapid.js';

/** Per push-service origin: its rate limit and, after a 429, until when it is paused (application clock). */
export interface OriginState {
  bucket: TokenBucket;
  pausedUntil: Date | undefined;
}

/** What a process keeps between deliveries: connections, signed VAPID tokens, per-origin limits. */
export interface PushSender {
  transport: PushTransport;
  signer: VapidSigner;
  /** Encrypts claimed batches on worker threads (none when `push.encryptThreads` is 0). */
  encryptor: Encryptor;
  origin(origin: string): OriginState;
  close(): void;
}

/** A sender for these settings; `ca` adds trusted certificates (the local push service's, in tests and the bench). */
export function createPushSender(push: Config['push'], options: { ca?: string | string[] } = {}): PushSender {
  const origins = new Map<string, OriginState>();
  const transport = createTransport({
    allowPrivate: push.allowPrivateEndpoints,
    timeoutMs: push.requestTimeoutSeconds * 1000,
    maxSockets: push.concurrency,
    ...(options.ca ? { ca: options.ca } : {}),
  });
  const encryptor = createEncryptor(push.encryptThreads);
  return {
    transport,
    signer: createVapidSigner(push.vapidSubject),
    encryptor,
    origin(origin) {
      let state = origins.get(origin);
      if (!state) {
        state = { bucket: new TokenBucket(push.originRatePerSecond), pausedUntil: undefined };
        origins.set(origin, state);
      }
      return state;
    },
    close: () => {
      transport.close();
      void encryptor.close();
    },
  };
}

let shared: { push: Config['push']; sender: PushSender } | undefined;

/** The process's sender for these settings (made at first use, so connections and tokens are reused). */
export function defaultSender(push: Config['push']): PushSender {
  if (!shared || JSON.stringify(shared.push) !== JSON.stringify(push)) {
    shared?.sender.close();
    shared = { push, sender: createPushSender(push) };
  }
  return shared.sender;
}
