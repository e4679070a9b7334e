import type { FastifyReply, FastifyRequest } from 'fastify';

// "Was this helpful?" is answered once per browser and question: the browser keeps the ids of the questions it
// answered in a cookie (only for the FAQ's paths). No row on our side knows who answered.

export const voteCookie = 'bs_faq_votes';
const maxIds = 200;
// Browsers cap cookie lifetimes at 400 days (RFC 6265bis).
const maxAgeSeconds = 400 * 24 * 60 * 60;

/** The ids a cookie value holds; anything malformed is dropped. */
export function parseVotes(value: string | undefined): number[] {
  if (!value) return [];
  return [
    ...new Set(
      value
        .split('.')
        .filter((s) => /^[1-9]\d{0,15}$/.test(s))
        .map(Number),
    ),
  ].slice(-maxIds);
}

/** The question ids this browser has answered. */
export function answeredQuestions(request: FastifyRequest): number[] {
  return parseVotes(request.cookies[voteCookie]);
}

/** Adds a question to the browser's list (the oldest go when it is full). */
export function rememberVote(reply: FastifyReply, answered: number[], id: number, secure: boolean): void {
  const ids = [...answered.filter((x) => x !== id), id].slice(-maxIds);
  reply.setCookie(voteCookie, ids.join('.'), {
    path: '/oft-nachgefragt',
    httpOnly: true,
    sameSite: 'lax',
    secure,
    maxAge: maxAgeSeconds,
  });
}
