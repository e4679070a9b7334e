import { createHash, createHmac, randomBytes } from 'node:crypto';

/**
 * Status links: token = HMAC-SHA256(key, nonce), base64url. The database keeps only the nonce and the token's
 * SHA-256, so a mail job can rebuild the link from the nonce while a copy of the database alone cannot.
 */
export function statusTokenFor(key: string, nonce: string): string {
  return createHmac('sha256', key).update(`status-token:${nonce}`).digest('base64url');
}

/** SHA-256 of a token, hex: what reports.status_token_hash stores and lookups compare. */
export function hashStatusToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** The status-token key, derived from the session secret (one secret less to manage). */
export function statusTokenKey(sessionSecret: string): string {
  return createHmac('sha256', sessionSecret).update('reports.status-token').digest('base64url');
}

/** A fresh random nonce (128 bits). */
export function newStatusNonce(): string {
  return randomBytes(16).toString('base64url');
}

/** The page path of a status link. */
export function statusPathFor(token: string): string {
  return `/meldungen/status/${token}`;
}

/** True for strings shaped like our tokens (43 base64url characters), so junk never reaches the database. */
export function looksLikeStatusToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}

/** The status token of a report from its stored nonce (mails repeat the link; H4). */
export function statusTokenFromNonce(sessionSecret: string, nonce: string): string {
  return statusTokenFor(statusTokenKey(sessionSecret), nonce);
}
