import type { FastifyReply } from 'fastify';

/** Status-link pages must not leak the token: no Referer to anything they link or load, never indexed. */
export function PrivateHead() {
  return (
    <>
      <meta name="referrer" content="no-referrer" />
      <meta name="robots" content="noindex, nofollow" />
    </>
  );
}

/** The headers of a page whose URL carries a token: the referrer never carries it; search engines never list it. */
export function privatePage(reply: FastifyReply): void {
  reply.header('referrer-policy', 'no-referrer').header('x-robots-tag', 'noindex, nofollow');
}
