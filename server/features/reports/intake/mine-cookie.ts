import type { FastifyReply, FastifyRequest } from 'fastify';
import { looksLikeStatusToken } from '../core/status-token.js';
import { mineCookie, minePath, mineTokens } from './mine.js';

// The no-JavaScript store of "Meine Meldungen": cookies that only /meldungen/meine (and its forms) receive. The
// receipt cannot read the list (another path), so it leaves each new link in a cookie of its own
// (`bs_mine_<first 8 characters>`), which the list folds into `bs_mine` the next time it is shown.

// Browsers cap cookie lifetimes at 400 days (RFC 6265bis).
const maxAgeSeconds = 400 * 24 * 60 * 60;
const pendingPrefix = `${mineCookie}_`;

const options = (secure: boolean) => ({ path: minePath, httpOnly: true, sameSite: 'lax' as const, secure });

/** Leaves a freshly sent report's token for the list (from the receipt page, whose path is another). */
export function leaveForMine(reply: FastifyReply, statusPath: string, secure: boolean): void {
  const token = statusPath.split('/').pop() ?? '';
  if (!looksLikeStatusToken(token)) return;
  reply.setCookie(`${pendingPrefix}${token.slice(0, 8)}`, token, { ...options(secure), maxAge: maxAgeSeconds });
}

/** The list's tokens, newest first: the pending ones the receipt left, then the stored list. */
export function readMine(request: FastifyRequest): { tokens: string[]; pending: string[] } {
  const pending = Object.keys(request.cookies).filter((name) => name.startsWith(pendingPrefix));
  const fresh = pending.map((name) => request.cookies[name] ?? '').reverse();
  return { tokens: mineTokens([...fresh, ...mineTokens(request.cookies[mineCookie])]), pending };
}

/** Writes the list back (cleared when empty) and removes the pending cookies folded into it. */
export function storeMine(reply: FastifyReply, tokens: string[], pending: string[], secure: boolean): void {
  for (const name of pending) reply.clearCookie(name, options(secure));
  if (tokens.length === 0) reply.clearCookie(mineCookie, options(secure));
  else reply.setCookie(mineCookie, tokens.join('.'), { ...options(secure), maxAge: maxAgeSeconds });
}
