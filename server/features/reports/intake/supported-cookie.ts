import type { FastifyReply, FastifyRequest } from 'fastify';

// Supporting a report counts once per browser (and, on the server, once per e-mail address): the references this
// browser supported are kept in a cookie that only the form's pages (/melden…) receive. References are public, so
// the cookie holds nothing personal; it is not signed, as forging it can only stop one's own support.

export const supportedCookie = 'bs_supported';
const path = '/melden';
const maxKept = 50;
// Browsers cap cookie lifetimes at 400 days (RFC 6265bis).
const maxAgeSeconds = 400 * 24 * 60 * 60;
const referencePattern = /^[A-Z]{1,4}-\d{4}-\d{6}$/;

/** The references this browser supported, newest first. */
export function supportedReferences(request: FastifyRequest): string[] {
  const raw = request.cookies[supportedCookie] ?? '';
  return [...new Set(raw.split('.').filter((r) => referencePattern.test(r)))].slice(0, maxKept);
}

/** Remembers that this browser supports the report (the oldest beyond 50 drop out). */
export function rememberSupported(request: FastifyRequest, reply: FastifyReply, reference: string, secure: boolean) {
  const list = [reference, ...supportedReferences(request).filter((r) => r !== reference)].slice(0, maxKept);
  reply.setCookie(supportedCookie, list.join('.'), {
    path,
    httpOnly: true,
    sameSite: 'lax',
    secure,
    maxAge: maxAgeSeconds,
  });
}
