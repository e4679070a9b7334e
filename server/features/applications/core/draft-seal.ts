import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

// Drafts are sealed at rest (AES-256-GCM): the answers and attachments of a form in progress are only readable with
// the server's secret, so a copy of the database alone reveals none of them. The key is derived per draft (HKDF
// from the secret, salted with the draft's id), so a sealed value cannot be moved to another draft either.

const info = 'buergerservice:application-draft:v1';

function keyOf(secret: string, draftId: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, draftId, info, 32));
}

/** iv (12 bytes) | tag (16 bytes) | ciphertext. */
export function seal(secret: string, draftId: string, plaintext: Buffer): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyOf(secret, draftId), iv);
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

/** The plaintext of a sealed value; undefined when it does not open (another secret, another draft, tampered). */
export function unseal(secret: string, draftId: string, sealed: Buffer): Buffer | undefined {
  if (sealed.length < 28) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyOf(secret, draftId), sealed.subarray(0, 12));
    decipher.setAuthTag(sealed.subarray(12, 28));
    return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]);
  } catch {
    return undefined;
  }
}
