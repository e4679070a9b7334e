import { Type } from '@sinclair/typebox';
import type { App } from '../deps.js';

const tokenParams = Type.Object({ token: Type.String({ maxLength: 100 }) });

export interface OneClickUnsubscribe {
  /** The link's path with a `:token` parameter, in the API scope. */
  path: string;
  /** Unsubscribes what the token stands for (an unknown token throws not_found). */
  unsubscribe(token: string): Promise<void>;
  /** Where a GET of the link leads: the page with the confirm button (throws not_found for an unknown token). */
  pageFor(token: string): Promise<string>;
}

/**
 * RFC 8058 one-click unsubscribe (API scope: no cookies, no CSRF; the token in the URL is the authorisation).
 * Mail clients POST `List-Unsubscribe=One-Click` as a form; the body is read but not needed. A GET (a client
 * without one-click support opening the link) only leads to the page with the confirm button, never unsubscribes.
 */
export async function registerOneClickUnsubscribe(
  app: App,
  writesPerMinute: number,
  link: OneClickUnsubscribe,
): Promise<void> {
  const config = { rateLimit: { max: writesPerMinute, timeWindow: '1 minute' } };
  await app.register(async (scope: App) => {
    // Form bodies only here (the API scope is JSON otherwise); small, and ignored.
    scope.addContentTypeParser(
      ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'],
      { parseAs: 'string', bodyLimit: 4096 },
      (_request, body, done) => done(null, body),
    );
    scope.post(link.path, { config, schema: { hide: true, params: tokenParams } }, async (request, reply) => {
      await link.unsubscribe(request.params.token);
      reply.header('cache-control', 'no-store');
      return { unsubscribed: true };
    });
    scope.get(link.path, { config, schema: { hide: true, params: tokenParams } }, async (request, reply) =>
      reply.redirect(await link.pageFor(request.params.token), 303),
    );
  });
}
