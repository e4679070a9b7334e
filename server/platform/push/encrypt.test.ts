import { describe, expect, it } from 'vitest';
import { createReceiver, decryptBody } from '../../test/push-receiver.js';
import { decodeReceiverKeys, encryptPayload, maxPayloadBytes } from './encrypt.js';
import { createEncryptor } from './encrypt-pool.js';

describe('RFC 8291 encryption', () => {
  const receiver = createReceiver('r1', 'https://push.test/r1');
  const keys = decodeReceiverKeys(receiver.keys.p256dh, receiver.keys.auth);

  it('gives every message its own sender key and salt, and each decrypts with the subscription key', () => {
    const bodies = Array.from({ length: 3 }, (_, i) => encryptPayload(keys, Buffer.from(`message ${i}`)));
    const senderKeys = new Set(bodies.map((b) => b.subarray(21, 86).toString('hex')));
    const salts = new Set(bodies.map((b) => b.subarray(0, 16).toString('hex')));
    expect(senderKeys.size).toBe(3);
    expect(salts.size).toBe(3);
    expect(bodies.map((b) => decryptBody(receiver, b).toString('utf8'))).toEqual([
      'message 0',
      'message 1',
      'message 2',
    ]);
  });

  it('does not decrypt for another subscription', () => {
    const other = createReceiver('r2', 'https://push.test/r2');
    expect(() => decryptBody(other, encryptPayload(keys, Buffer.from('x')))).toThrow();
  });

  it('refuses a payload larger than one record and a key off the curve', () => {
    expect(() => encryptPayload(keys, Buffer.alloc(maxPayloadBytes + 1))).toThrow(/exceeds/);
    expect(() => decodeReceiverKeys(Buffer.alloc(65, 1).toString('base64url'), receiver.keys.auth)).toThrow();
  });
});

describe('encryption on worker threads', () => {
  const receivers = [createReceiver('w1', 'https://push.test/w1'), createReceiver('w2', 'https://push.test/w2')];

  it('returns a batch in order, each body for its own subscriber, and the reason for one it cannot encrypt', async () => {
    const encryptor = createEncryptor(2);
    try {
      const batch = [
        { ...receivers[0]!.keys, payload_json: '{"n":0}' },
        { p256dh: Buffer.alloc(65, 1).toString('base64url'), auth: receivers[0]!.keys.auth, payload_json: '{}' },
        { ...receivers[1]!.keys, payload_json: '{"n":2}' },
      ];
      // Two batches at once go to the two threads; both come back whole.
      const [first, second] = await Promise.all([encryptor.encrypt(batch), encryptor.encrypt(batch.slice(2))]);
      expect(first).toHaveLength(3);
      expect(decryptBody(receivers[0]!, first![0] as Buffer).toString()).toBe('{"n":0}');
      expect(first![1]).toEqual({ error: 'p256dh must be an uncompressed P-256 point' });
      expect(decryptBody(receivers[1]!, first![2] as Buffer).toString()).toBe('{"n":2}');
      expect(decryptBody(receivers[1]!, second![0] as Buffer).toString()).toBe('{"n":2}');
      expect((first![2] as Buffer).subarray(21, 86)).not.toEqual((second![0] as Buffer).subarray(21, 86));
    } finally {
      await encryptor.close();
    }
  });
});
