import { randomBytes } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { decodeReceiverKeys, encryptPayload } from './encrypt.js';

// Encryption off the main thread. Each message costs ~0.2 ms of ECDH, HKDF and AES-GCM; on the main thread that is
// about 40 % of a delivery's CPU, so a run is bound by one core while the other waits. Batches go to worker
// threads as they are claimed (the next batch is encrypted while the current one is sent); each body still gets
// its own fresh key pair and salt (encrypt.ts).

/** What one message needs to be encrypted (the claimed row's columns). */
export interface EncryptRequest {
  p256dh: string;
  auth: string;
  payload_json: string;
}

/** The encrypted body, or why the message cannot be encrypted (a bad key, a payload too large). */
export type EncryptResult = Buffer | { error: string };

export interface Encryptor {
  readonly threads: number;
  encrypt(batch: readonly EncryptRequest[]): Promise<EncryptResult[]>;
  close(): Promise<void>;
}

/** Encrypts a batch on this thread. */
export function encryptBatch(batch: readonly EncryptRequest[]): EncryptResult[] {
  // The salts in one call to the random source: a call costs more than the 16 bytes it returns.
  const salts = randomBytes(16 * batch.length);
  return batch.map((r, i) => {
    try {
      const salt = salts.subarray(16 * i, 16 * i + 16);
      return encryptPayload(decodeReceiverKeys(r.p256dh, r.auth), Buffer.from(r.payload_json), salt);
    } catch (err) {
      return { error: (err as Error).message };
    }
  });
}

/** A batch's results as one transferable buffer (the bodies back to back), their ends, and errors by index. */
export interface Packed {
  id: number;
  data: ArrayBuffer;
  ends: number[];
  errors: (string | null)[];
}

export function pack(id: number, results: EncryptResult[]): Packed {
  const size = results.reduce((n, r) => n + (Buffer.isBuffer(r) ? r.length : 0), 0);
  const data = new ArrayBuffer(size);
  const view = new Uint8Array(data);
  const ends: number[] = [];
  const errors: (string | null)[] = [];
  let at = 0;
  for (const r of results) {
    if (Buffer.isBuffer(r)) {
      view.set(r, at);
      at += r.length;
      errors.push(null);
    } else errors.push(r.error);
    ends.push(at);
  }
  return { id, data, ends, errors };
}

export function unpack(packed: Packed): EncryptResult[] {
  let start = 0;
  return packed.ends.map((end, i) => {
    const error = packed.errors[i];
    const result = error == null ? Buffer.from(packed.data, start, end - start) : { error };
    start = end;
    return result;
  });
}

type Pending = { resolve: (r: EncryptResult[]) => void; reject: (e: Error) => void };

// Compiled, the worker is a .js file beside this one. Run from source (tsx, vitest) it is .ts: the thread first
// registers tsx's loader (a worker inherits no loader hooks), then imports it.
function spawn(): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./encrypt-worker.js', import.meta.url));
  const file = JSON.stringify(new URL('./encrypt-worker.ts', import.meta.url).href);
  const boot = `import('tsx/esm/api').then(({ register }) => { register(); return import(${file}); })`;
  return new Worker(boot, { eval: true });
}

/** A pool of `threads` worker threads; batches go round-robin. Idle workers do not keep the process alive. */
export function createEncryptor(threads: number): Encryptor {
  const workers: (Worker | undefined)[] = Array.from({ length: threads }, () => undefined);
  const pending = new Map<number, { worker: number } & Pending>();
  let nextId = 1;
  let turn = 0;

  const inFlight = (w: number) => [...pending.values()].some((p) => p.worker === w);
  const start = (w: number): Worker => {
    const worker = spawn();
    worker.unref();
    worker.on('message', (packed: Packed) => {
      const p = pending.get(packed.id);
      if (!p) return;
      pending.delete(packed.id);
      if (!inFlight(w)) worker.unref();
      p.resolve(unpack(packed));
    });
    // A worker that dies fails its batches (their messages stay claimed and are retried) and is replaced at next use.
    const fail = (err: Error) => {
      if (workers[w] === worker) workers[w] = undefined;
      for (const [id, p] of pending) {
        if (p.worker !== w) continue;
        pending.delete(id);
        p.reject(err);
      }
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`encryption worker exited (code ${code})`)));
    workers[w] = worker;
    return worker;
  };

  return {
    threads,
    encrypt(batch) {
      if (threads === 0 || batch.length === 0) return Promise.resolve(encryptBatch(batch));
      const w = turn++ % threads;
      const worker = workers[w] ?? start(w);
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { worker: w, resolve, reject });
        worker.ref();
        worker.postMessage({
          id,
          batch: batch.map(({ p256dh, auth, payload_json }) => ({ p256dh, auth, payload_json })),
        });
      });
    },
    async close() {
      const running = workers.filter((w): w is Worker => w !== undefined);
      workers.fill(undefined);
      await Promise.all(running.map((w) => w.terminate()));
    },
  };
}
