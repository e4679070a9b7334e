import { randomBytes, randomInt } from 'node:crypto';
import { createRequire } from 'node:module';
import { type Algorithm, hash, parseOptions, verify } from '@node-rs/argon2';

/** OWASP Password Storage Cheat Sheet: argon2id, 19 MiB memory, 2 iterations, 1 lane. */
const argon2Options = {
  algorithm: 2 as Algorithm, // Argon2id (a const enum, which isolated modules cannot import)
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
  outputLen: 32,
};

export const passwordMinLength = 12;
/** Bounds the hashing work one request can cause. */
export const passwordMaxLength = 256;

/** Hashes a password with argon2id (PHC string with its own random salt). */
export function hashPassword(password: string): Promise<string> {
  return hash(password.normalize('NFC'), argon2Options);
}

/** Checks a password against a stored hash; false for a wrong password or a malformed hash. */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password.normalize('NFC'));
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/** Spends the same time as a real verification, so unknown e-mail addresses cannot be told apart by timing. */
export async function verifyDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword(randomBytes(24).toString('base64url'));
  await verifyPassword(await dummyHash, password);
  return false;
}

/** True when a stored hash was made with other parameters than today's and should be replaced at login. */
export function needsRehash(stored: string): boolean {
  try {
    const o = parseOptions(stored);
    return (
      o.algorithm !== argon2Options.algorithm ||
      o.memoryCost !== argon2Options.memoryCost ||
      o.timeCost !== argon2Options.timeCost ||
      o.parallelism !== argon2Options.parallelism
    );
  } catch {
    return true;
  }
}

// No 0/O, 1/l/I: generated passwords are read out or typed from a screen.
const alphabet = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A random password of four groups of five characters (about 115 bits), e.g. `hT7qa-…`. */
export function generatePassword(): string {
  const groups: string[] = [];
  for (let g = 0; g < 4; g++) {
    let group = '';
    for (let i = 0; i < 5; i++) group += alphabet[randomInt(alphabet.length)];
    groups.push(group);
  }
  return groups.join('-');
}

let common: Set<string> | undefined;

/**
 * About 49,000 passwords found more than ten times in a leak of ten million (Mark Burnett's list, as shipped in
 * lower case by `@zxcvbn-ts/language-common`, MIT). Loaded at the first password change, not at start: a few MB
 * that most processes never need.
 */
function commonPasswords(): Set<string> {
  if (!common) {
    const { dictionary } = createRequire(import.meta.url)('@zxcvbn-ts/language-common') as {
      dictionary: { 'passwords-common': string[] };
    };
    common = new Set(dictionary['passwords-common']);
  }
  return common;
}

/**
 * True for a common or breached password (OWASP ASVS 2.1.7), compared without case: one on the list as it is,
 * without spaces, or with the usual decoration of digits and symbols before or after a listed word removed
 * ("Passwort123!"), and passwords of fewer than five different characters ("aaaaaaaaaaaa", "121212121212").
 */
export function isCommonPassword(password: string): boolean {
  const lower = password.normalize('NFKC').toLowerCase();
  if (new Set(lower).size < 5) return true;
  const list = commonPasswords();
  const squeezed = lower.replace(/\s+/gu, '');
  const core = squeezed.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
  return list.has(lower) || list.has(squeezed) || (core.length > 0 && list.has(core));
}

/** The i18n key of what is wrong with a new password, or undefined when it meets the policy. */
export function passwordProblem(password: string): string | undefined {
  const length = [...password].length;
  if (length < passwordMinLength) return 'auth.errors.passwordTooShort';
  if (length > passwordMaxLength) return 'auth.errors.passwordTooLong';
  if (isCommonPassword(password)) return 'auth.errors.passwordCommon';
  return undefined;
}
