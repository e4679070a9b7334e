import { exportJWK, generateKeyPair, type JWK } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkEncryptionKey } from './jwe.js';

// Which public keys the platform encrypts for: the inbox offices' (use enc) and FIT-Connect's (key_ops wrapKey).

let jwk: JWK;
beforeAll(async () => {
  const { publicKey } = await generateKeyPair('RSA-OAEP-256', { modulusLength: 4096, extractable: true });
  jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RSA-OAEP-256' };
}, 60_000);

describe('checkEncryptionKey', () => {
  it("takes an office's key and FIT-Connect's, whose key_ops say wrapKey", () => {
    expect(() => checkEncryptionKey({ ...jwk, use: 'enc' })).not.toThrow();
    expect(() => checkEncryptionKey({ ...jwk, key_ops: ['wrapKey'] })).not.toThrow();
    expect(() => checkEncryptionKey({ ...jwk, use: 'enc', key_ops: ['wrapKey'] })).not.toThrow();
  });

  it('refuses a key meant for signatures, by use or by key_ops', () => {
    expect(() => checkEncryptionKey({ ...jwk, use: 'sig' })).toThrow(/not an encryption key/);
    expect(() => checkEncryptionKey({ ...jwk, key_ops: ['verify'] })).toThrow(/not an encryption key/);
  });
});
