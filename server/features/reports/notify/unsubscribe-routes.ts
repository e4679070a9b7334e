import type { App, Deps } from '../../../platform/deps.js';
import { registerOneClickUnsubscribe } from '../../../platform/http/one-click-unsubscribe.js';
import { statusPathFor } from '../core/status-token.js';
import { reporterMailState, supporterUnsubscribePath, unsubscribeByToken } from '../core/subscriptions.js';

/** RFC 8058 one-click unsubscribe from a report's status mails; a GET leads to the status or unsubscribe page. */
export default async function reportUnsubscribeRoutes(app: App, deps: Deps): Promise<void> {
  await registerOneClickUnsubscribe(app, deps.config.rateLimit.publicWritesPerMinute, {
    path: '/api/reports/unsubscribe/:token',
    unsubscribe: async (token) => {
      await unsubscribeByToken(deps, token);
    },
    pageFor: async (token) =>
      (await reporterMailState(deps, token)) ? statusPathFor(token) : supporterUnsubscribePath(token),
  });
}
