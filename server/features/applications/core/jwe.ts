import { CompactEncrypt, decodeProtectedHeader, importJWK, type JWK } from 'jose';
import { AppError } from '../../../platform/errors.js';

// Encryption for an office (FIT-Connect's rules): JWE compact, key wrap RSA-OAEP-256, content A256GCM, the key's id
// in the header. The browser does this with the same key; the server only in the no-JavaScript fallback.

export const jweAlg = 'RSA-OAEP-256';
export const jweEnc = 'A256GCM';
const minModulusBits = 4096;

/**
 * Throws `bad_request` unless `jwk` is a public RSA encryption key of at least 4096 bits for RSA-OAEP-256 with a kid.
 * FIT-Connect's keys say `key_ops: ['wrapKey']` (the RSA key wraps the content key); given key_ops must allow that.
 */
export function checkEncryptionKey(jwk: JWK): asserts jwk is JWK & { kid: string; n: string; e: string } {
  const bits = jwk.n ? Buffer.from(jwk.n, 'base64url').length * 8 : 0;
  const problem =
    jwk.kty !== 'RSA'
      ? 'not an RSA key'
      : jwk.d
        ? 'a private key (only the public key may be given)'
        : !jwk.kid
          ? 'no key id (kid)'
          : jwk.alg && jwk.alg !== jweAlg
            ? `meant for ${jwk.alg}, not ${jweAlg}`
            : (jwk.use && jwk.use !== 'enc') ||
                (jwk.key_ops && !jwk.key_ops.some((op) => op === 'wrapKey' || op === 'encrypt'))
              ? 'not an encryption key'
              : bits < minModulusBits
                ? `${bits} bits (at least ${minModulusBits} are required)`
                : undefined;
  if (problem) throw new AppError('bad_request', `The office's key is unusable: ${problem}`);
}

/**
 * Why `jwe` is not a JWE in compact serialisation for the key `kid` (alg RSA-OAEP-256, enc A256GCM, no compression),
 * or undefined when it is. Checked without decrypting: the platform cannot, and relays only what it can vouch for.
 */
export function ciphertextProblem(jwe: unknown, kid: string): string | undefined {
  if (typeof jwe !== 'string' || !/^[\w-]+\.[\w-]*\.[\w-]+\.[\w-]+\.[\w-]+$/.test(jwe)) {
    return 'not a JWE in compact serialisation';
  }
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(jwe);
  } catch {
    return 'the protected header is not valid';
  }
  if (header.alg !== jweAlg) return `alg is ${header.alg ?? 'missing'}, not ${jweAlg}`;
  if (header.enc !== jweEnc) return `enc is ${header.enc ?? 'missing'}, not ${jweEnc}`;
  if (header.kid !== kid) return 'kid is not the key it must be encrypted for';
  if (header.zip !== undefined) return 'compressed (zip) content is not allowed';
  return undefined;
}

/** The JWE compact serialisation of `plaintext` for the key (`cty` names the content, e.g. application/json). */
export async function encryptFor(jwk: JWK, plaintext: Uint8Array | string, cty: string): Promise<string> {
  checkEncryptionKey(jwk);
  return encryptJwe(jwk, plaintext, cty);
}

/** The encryption itself, for a key its caller has checked (FIT-Connect checks by its own, stricter rules). */
export async function encryptJwe(
  jwk: { kid: string; n: string; e: string },
  plaintext: Uint8Array | string,
  cty?: string,
): Promise<string> {
  // n and e alone: FIT-Connect's key_ops say wrapKey, which WebCrypto's RSA-OAEP import (usage encrypt) refuses.
  const key = await importJWK({ kty: 'RSA', n: jwk.n, e: jwk.e }, jweAlg);
  const bytes = typeof plaintext === 'string' ? new TextEncoder().encode(plaintext) : plaintext;
  return new CompactEncrypt(bytes)
    .setProtectedHeader({ alg: jweAlg, enc: jweEnc, kid: jwk.kid, ...(cty ? { cty } : {}) })
    .encrypt(key);
}
