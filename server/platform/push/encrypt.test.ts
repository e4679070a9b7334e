import { describe, expect, it } from 'vitest';
import { createReceiver, decryptBody } from '../../test/push-receiver.js';
import { decodeReceiverKeys, encryptPayload, maxPayloadBytes } from './encrypt.js';

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
