import type { FastifyReply, FastifyRequest } from 'fastify';

// Saved addresses are kept in the browser only: a cookie holding up to five address ids ("12.345.6789"), no
// row on our side. The server reads it to render the start page and the search page for this visitor.

export const savedAddressesCookie = 'bs_waste';
export const maxSavedAddresses = 5;
// Browsers cap cookie lifetimes at 400 days (RFC 6265bis).
const maxAgeSeconds = 400 * 24 * 60 * 60;

/** The saved ids from a cookie value, oldest first; anything malformed is dropped. */
export function parseSavedAddresses(value: string | undefined): number[] {
  if (!value) return [];
  const ids = value
    .split('.')
    .filter((s) => /^[1-9]\d{0,15}$/.test(s))
    .map(Number);
  return [...new Set(ids)].slice(0, maxSavedAddresses);
}

/** The list with `id` added at the end; when full, the oldest goes. Reports whether one was dropped. */
export function withSavedAddress(ids: number[], id: number): { ids: number[]; dropped: boolean } {
  if (ids.includes(id)) return { ids, dropped: false };
  const next = [...ids, id];
  const dropped = next.length > maxSavedAddresses;
  return { ids: dropped ? next.slice(next.length - maxSavedAddresses) : next, dropped };
}

/** The visitor's saved address ids (oldest first). */
export function savedAddresses(request: FastifyRequest): number[] {
  return parseSavedAddresses(request.cookies[savedAddressesCookie]);
}

/** True when the visitor has saved at least one address: their pages must not come from the shared cache. */
export function hasSavedAddresses(request: FastifyRequest): boolean {
  return savedAddresses(request).length > 0;
}

/** Writes the list back (or clears the cookie when it is empty). */
export function storeSavedAddresses(reply: FastifyReply, ids: number[], secure: boolean): void {
  const options = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure };
  if (ids.length === 0) reply.clearCookie(savedAddressesCookie, options);
  else reply.setCookie(savedAddressesCookie, ids.join('.'), { ...options, maxAge: maxAgeSeconds });
}
