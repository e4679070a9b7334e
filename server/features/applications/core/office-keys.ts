import type { JWK } from 'jose';
import type { Deps } from '../../../platform/deps.js';
import { checkEncryptionKey } from './jwe.js';
import { insertCurrentKey, selectCurrentKey } from './office-keys-queries.js';

// The offices' public keys for the back-office inbox. Staff create the key pair in their browser and give only the
// public half; the platform checks it (RSA, 4096 bits, RSA-OAEP-256, a key id) and encrypts with it from then on.

/** Makes `jwk` the office's current key; throws `bad_request` for an unusable key. */
export async function setOfficeKey(deps: Deps, municipalityId: string, officeKey: string, jwk: JWK): Promise<void> {
  checkEncryptionKey(jwk);
  const { kty, n, e, kid } = jwk;
  await deps.db.transaction((tx) =>
    insertCurrentKey(tx, municipalityId, {
      officeKey,
      kid,
      publicJwk: { kty, n, e, kid, alg: 'RSA-OAEP-256', use: 'enc' },
      now: deps.now(),
    }),
  );
}

/** Whether the office has a current key (then it takes applications online). */
export async function hasOfficeKey(deps: Deps, municipalityId: string, officeKey: string): Promise<boolean> {
  return (await selectCurrentKey(deps.db, municipalityId, officeKey)) !== undefined;
}
