import { Type } from '@sinclair/typebox';
import type { App, Deps } from '../../../platform/deps.js';
import { statusPathFor } from '../core/status-token.js';
import { reporterMailState, supporterUnsubscribePath, unsubscribeByToken } from '../core/subscriptions.js';

const tokenParams = Type.Object({ token: Type.String({ maxLength: 100 }) });

/**
 * RFC 8058 one-click unsubscribe (API scope: no cookies, no CSRF; the token in the URL is the authorisation).
 * Mail clients POST `List-Unsubscribe=One-Click` as a form; the body is read but not needed. A GET (a client
 * without one-click support opening the link) only leads to the page with the confirm button, never unsubscribes.
 */
export default async function reportUnsubscribeRoutes(app: App, deps: Deps): Promise<void> {
  const writes = { rateLimit: { max: deps.config.rateLimit.publicWritesPerMinute, timeWindow: '1 minute' } };
  await app.register(async (scope: App) => {
    // Form bodies only here (the API scope is JSON otherwise); small, and ignored.
    scope.addContentTypeParser(
      ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'],
      { parseAs: 'string', bodyLimit: 4096 },
      (_request, body, done) => done(null, body),
    );

    scope.post(
      '/api/reports/unsubscribe/:token',
      { config: writes, schema: { hide: true, params: tokenParams } },
      async (request, reply) => {
        const { token } = request.params;
        await unsubscribeByToken(deps, token);
        reply.header('cache-control', 'no-store');
        return { unsubscribed: true };
      },
    );

    scope.get(
      '/api/reports/unsubscribe/:token',
      { config: writes, schema: { hide: true, params: tokenParams } },
      async (request, reply) => {
        const { token } = request.params;
        const reporter = await reporterMailState(deps, token);
        return reply.redirect(reporter ? statusPathFor(token) : supporterUnsubscribePath(token), 303);
      },
    );
  });
}
