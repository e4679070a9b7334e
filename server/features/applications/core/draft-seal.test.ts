import { describe, expect, it } from 'vitest';
import { seal, unseal } from './draft-seal.js';

describe('draft sealing', () => {
  const secret = 'test-secret-test-secret-test-secret-0123';
  const a = '6f1c2d3e-0000-4000-8000-000000000001';
  const b = '6f1c2d3e-0000-4000-8000-000000000002';
  it('opens only with the same secret and draft, and not once tampered with', () => {
    const sealed = seal(secret, a, Buffer.from('{"street":"Niederwall 23"}'));
    expect(sealed.toString('latin1')).not.toContain('Niederwall');
    expect(unseal(secret, a, sealed)?.toString()).toBe('{"street":"Niederwall 23"}');
    expect(unseal(secret, b, sealed)).toBeUndefined();
    expect(unseal(`${secret}x`, a, sealed)).toBeUndefined();
    const tampered = Buffer.from(sealed);
    tampered[tampered.length - 1]! ^= 1;
    expect(unseal(secret, a, tampered)).toBeUndefined();
    expect(unseal(secret, a, Buffer.alloc(10))).toBeUndefined();
  });
});
