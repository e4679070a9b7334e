import { sessionCookieName } from '../../platform/auth/sessions.js';
import type { App, Deps } from '../../platform/deps.js';
import { pageCache } from '../../platform/http/response-cache.js';
import { pageContext } from '../../platform/views/context.js';
import { sendHtml } from '../../platform/views/render.js';
import { savedAddressesCookie } from '../waste/citizen/saved-addresses.js';
import feedbackPages from './feedback-pages.js';
import { AccessibilityPage } from './views/accessibility.js';
import { ImprintPage } from './views/imprint.js';
import { PrivacyPage } from './views/privacy.js';

/** Impressum, Datenschutzerklärung and Erklärung zur Barrierefreiheit, filled from the municipality's settings. */
export default async function legalRoutes(app: App, deps: Deps): Promise<void> {
  const { config } = deps;
  // Cookie names as set by the request context (language), the CSRF protection and the staff sessions.
  const facts = {
    sessionMaxAgeHours: config.sessionMaxAgeHours,
    cookies: { language: 'lang', csrf: 'bs_csrf', session: sessionCookieName, wasteAddresses: savedAddressesCookie },
  };
  // Filled from the configuration only: rendered once per language.
  const page = { schema: { hide: true }, config: { responseCache: pageCache(`pages:${config.municipality.id}`) } };
  app.get('/impressum', page, async (request, reply) =>
    sendHtml(reply, <ImprintPage ctx={pageContext(request, reply)} />),
  );
  app.get('/datenschutz', page, async (request, reply) =>
    sendHtml(reply, <PrivacyPage ctx={pageContext(request, reply)} facts={facts} />),
  );
  app.get('/barrierefreiheit', page, async (request, reply) =>
    sendHtml(reply, <AccessibilityPage ctx={pageContext(request, reply)} publicUrl={config.publicUrl} />),
  );
  await feedbackPages(app, deps);
}
