import { createHash, createHmac, randomBytes } from 'node:crypto';

// Manage links of reminders: token = HMAC-SHA256(key, 'waste-reminder:' + nonce), base64url. The database keeps
// the nonce and the token's SHA-256, so the scheduled run can put the link in every notification (computed in SQL
// from the HMAC pads below, set-based) while a copy of the database alone does not reveal it.

const label = 'waste-reminder:';

/** The key of reminder links, derived from the session secret (one secret less to manage). */
export function reminderTokenKey(sessionSecret: string): Buffer {
  return createHmac('sha256', sessionSecret).update('waste.reminder-token').digest();
}

/** The token of a nonce. */
export function reminderTokenFor(key: Buffer, nonce: string): string {
  return createHmac('sha256', key).update(`${label}${nonce}`).digest('base64url');
}

/** SHA-256 of a token, hex: what waste_reminders.manage_token_hash stores. */
export function hashReminderToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A fresh random nonce (128 bits). */
export function newReminderNonce(): string {
  return randomBytes(16).toString('base64url');
}

/** True for strings shaped like our tokens (43 base64url characters), so junk never reaches the database. */
export function looksLikeReminderToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}

/**
 * The key XOR ipad / opad blocks of HMAC-SHA256 (RFC 2104), so SQL can compute
 * sha256(opad || sha256(ipad || message)) without the key itself; and the message prefix.
 */
export function reminderTokenPads(key: Buffer): { ipad: Buffer; opad: Buffer; label: string } {
  const block = Buffer.alloc(64);
  key.copy(block);
  return { ipad: Buffer.from(block.map((b) => b ^ 0x36)), opad: Buffer.from(block.map((b) => b ^ 0x5c)), label };
}

/** The page path of a manage link. */
export function reminderManagePath(token: string): string {
  return `/abfall/erinnerungen/${token}`;
}
