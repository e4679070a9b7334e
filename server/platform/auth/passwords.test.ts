import { hash } from '@node-rs/argon2';
import { describe, expect, it } from 'vitest';
import {
  generatePassword,
  hashPassword,
  needsRehash,
  passwordProblem,
  verifyDummy,
  verifyPassword,
} from './passwords.js';

describe('passwords', () => {
  it('hashes with argon2id at the OWASP parameters and verifies', async () => {
    const stored = await hashPassword('correct horse battery staple');
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(stored, 'correct horse battery staple')).toBe(true);
    expect(await verifyPassword(stored, 'correct horse battery stapler')).toBe(false);
    expect(await verifyPassword('not a hash', 'x')).toBe(false);
    expect(await hashPassword('same')).not.toBe(await hashPassword('same'));
  });

  it('treats composed and decomposed umlauts alike', async () => {
    const stored = await hashPassword('Grünflächenamt 2026');
    expect(await verifyPassword(stored, 'Gru\u0308nfla\u0308chenamt 2026')).toBe(true);
  });

  it('asks to rehash hashes made with weaker parameters', async () => {
    expect(needsRehash(await hashPassword('x'))).toBe(false);
    expect(needsRehash(await hash('x', { memoryCost: 4096, timeCost: 1 }))).toBe(true);
    expect(needsRehash('garbage')).toBe(true);
  });

  it('spends a verification on unknown accounts and never succeeds', async () => {
    expect(await verifyDummy('anything')).toBe(false);
  });

  it('generates readable random passwords that meet the policy', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 50; i++) {
      const p = generatePassword();
      expect(p).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{5}(-[a-km-zA-HJ-NP-Z2-9]{5}){3}$/);
      expect(passwordProblem(p)).toBeUndefined();
      seen.add(p);
    }
    expect(seen.size).toBe(50);
  });

  it('requires at least 12 characters (counted as characters, not bytes) and at most 256', () => {
    expect(passwordProblem('elf zeichen')).toBe('auth.errors.passwordTooShort');
    expect(passwordProblem('zwölf zeiche')).toBeUndefined();
    expect(passwordProblem('😀'.repeat(11))).toBe('auth.errors.passwordTooShort');
    expect(passwordProblem('x'.repeat(257))).toBe('auth.errors.passwordTooLong');
  });

  it('refuses common and breached passwords, also in other case or with digits and symbols around them', () => {
    const refused = [
      'password1234', // on the list as it is
      'PASSWORD1234',
      '1qaz2wsx3edc', // a keyboard walk from the list
      'Passwort123!', // "passwort" with the usual decoration
      '2024 Sonnenschein!!',
      'qwerty 123456',
      'aaaaaaaaaaaa',
      '121212121212!',
    ];
    for (const p of refused) expect(passwordProblem(p), p).toBe('auth.errors.passwordCommon');
    for (const p of ['Kranich Laterne Oktober 47', 'ein ganz neues Passwort', 'Grünflächenamt 2026']) {
      expect(passwordProblem(p), p).toBeUndefined();
    }
  });
});
