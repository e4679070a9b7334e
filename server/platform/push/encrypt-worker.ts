// The encryption worker thread (encrypt-pool.ts): encrypts each batch it is sent and returns it packed.
import { parentPort } from 'node:worker_threads';
import { type EncryptRequest, encryptBatch, pack } from './encrypt-pool.js';

parentPort?.on('message', ({ id, batch }: { id: number; batch: EncryptRequest[] }) => {
  const packed = pack(id, encryptBatch(batch));
  parentPort?.postMessage(packed, [packed.data]);
});
