import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import addressPages from './features/addresses/pages.js';
import addressRoutes from './features/addresses/routes.js';
import adminPages from './features/admin/pages.js';
import applicationPages from './features/applications/forms/pages.js';
import applicationPdfPages from './features/applications/forms/pdf-pages.js';
import applicationPushRoutes from './features/applications/forms/push-routes.js';
import applicationStatusPages from './features/applications/forms/status.js';
import applicationInboxPages from './features/applications/inbox/pages.js';
import auditPages from './features/audit/pages.js';
import citizenPages from './features/citizens/pages.js';
import departmentPages from './features/departments/pages.js';
import faqAdminPages from './features/faq/admin-pages.js';
import faqPages from './features/faq/pages.js';
import homeRoutes from './features/home/pages.js';
import jobPages from './features/jobs/pages.js';
import legalRoutes from './features/legal/pages.js';
import mapTileRoutes from './features/maps/routes.js';
import newsCitizenPages from './features/news/citizen/pages.js';
import newsEditorPages from './features/news/editor/pages.js';
import newsFeedPages from './features/news/import/pages.js';
import { newsPushAdminPages, newsPushPages } from './features/news/push/pages.js';
import newsPushRoutes from './features/news/push/routes.js';
import open311KeyPages from './features/open311/keys-pages.js';
import { registerOpen311 } from './features/open311/routes.js';
import parkingAdminPages from './features/parking/admin/pages.js';
import parkingCitizenPages from './features/parking/citizen/pages.js';
import parkingOpenDataRoutes from './features/parking/opendata/routes.js';
import platformAdminPages from './features/platforms/admin-pages.js';
import platformPages from './features/platforms/pages.js';
import pwaRoutes from './features/pwa/pages.js';
import reportAlertPages from './features/reports/alerts/pages.js';
import reportAlertRoutes from './features/reports/alerts/routes.js';
import reportAdminPages from './features/reports/backoffice/pages.js';
import reportFiguresPages, { figuresApiRoutes as reportFiguresApi } from './features/reports/figures/pages.js';
import reportMineRoutes from './features/reports/intake/mine-routes.js';
import reportCitizenPages from './features/reports/intake/pages.js';
import reportPushRoutes from './features/reports/intake/push-routes.js';
import reportRoutes from './features/reports/intake/routes.js';
import reportUnsubscribePages from './features/reports/notify/pages.js';
import reportUnsubscribeApi from './features/reports/notify/unsubscribe-routes.js';
import publicReportPages from './features/reports/public/pages.js';
import publicReportRoutes from './features/reports/public/routes.js';
import reportSettingsPages from './features/reports/settings/pages.js';
import searchPages from './features/search/pages.js';
import searchRoutes from './features/search/routes.js';
import serviceAdminPages from './features/services/admin-pages.js';
import servicePages from './features/services/pages.js';
import userPages from './features/users/pages.js';
import wasteFeeds from './features/waste/citizen/feeds.js';
import wasteCitizenPages from './features/waste/citizen/pages.js';
import wasteCitizenRoutes from './features/waste/citizen/routes.js';
import wasteImportPages from './features/waste/import/pages.js';
import wasteInfoPages from './features/waste/info/pages.js';
import wasteReminderAdminPages from './features/waste/reminders/admin-pages.js';
import wasteReminderPages from './features/waste/reminders/pages.js';
import wasteReminderRoutes from './features/waste/reminders/routes.js';
import { registerAuth } from './platform/auth/index.js';
import type { Deps } from './platform/deps.js';
import { answerError, installErrorHandler } from './platform/errors.js';
import { registerApiDocs } from './platform/http/api-docs.js';
import { createFrontCache, frontServerFactory } from './platform/http/front-cache.js';
import { registerHealth } from './platform/http/health.js';
import { registerInputGuard } from './platform/http/input-guard.js';
import { registerMetrics } from './platform/http/metrics.js';
import { registerOpenApi } from './platform/http/openapi.js';
import { registerRequestContext, useRequestContext } from './platform/http/request-context.js';
import { registerResponseCache } from './platform/http/response-cache.js';
import { registerApiSecurity, registerBaseSecurity, registerPageSecurity } from './platform/http/security.js';
import { limitConnections, serverOptions } from './platform/http/server-options.js';
import { registerStatic } from './platform/http/static.js';
import { createLogger } from './platform/log.js';
import { renderErrorPage } from './platform/views/error-page.js';
import { registerViewRegistries } from './platform/views/registry.js';

/** The Fastify instance with every plugin and feature; main.ts and tests call listen() or inject(). */
export interface BuildOptions {
  /** Extra routes in the API or page scope (tests probe platform behaviour with them). */
  extend?: { api?: (scope: FastifyInstance) => void; pages?: (scope: FastifyInstance) => void };
}

export async function buildApp(deps: Deps, options: BuildOptions = {}): Promise<FastifyInstance> {
  const { config } = deps;
  const logger = createLogger(config);
  // With request lines on, every request goes through Fastify to be logged.
  const front = config.logRequests ? undefined : createFrontCache();
  const app = Fastify({
    // Fastify's per-request child loggers cost about a tenth of a hot cached route's throughput; request lines
    // are opt-in (LOG_REQUESTS), errors are always logged by the error handler with the request id.
    ...(config.logRequests ? { loggerInstance: logger as FastifyBaseLogger } : { logger: false }),
    ...serverOptions(config),
    bodyLimit: config.bodyLimitBytes,
    return503OnClosing: true,
    // Router errors (414, bad URL encoding) answer like every other error, not with Fastify's own JSON.
    frameworkErrors: answerError(renderErrorPage),
    ...(front ? { serverFactory: frontServerFactory(front) } : {}),
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: true, useDefaults: true } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorate('logger', logger);
  app.decorate('frontCache', front);
  app.addHook('preClose', (done) => {
    front?.close();
    done();
  });
  limitConnections(app, config);
  installErrorHandler(app, renderErrorPage);
  // Before any scope is registered, so it holds for pages, /api and /open311 alike.
  registerInputGuard(app);
  registerViewRegistries(app);
  await registerBaseSecurity(app, config);
  const requestContext = registerRequestContext(app, config);
  registerMetrics(app, { token: config.metricsToken, production: config.env === 'production' });
  await registerOpenApi(app, config);
  registerHealth(app, deps.db, config.readyTimeoutMs);
  // Files: base headers only (a document CSP means nothing on CSS, and every byte counts on first load).
  await registerStatic(app, config.municipality);
  // Map tiles from our own origin, like files: no cookies, no page pipeline.
  await mapTileRoutes(app, deps);
  // Open311 GeoReport v2: JSON/XML only, no cookies, its own errors, compression and limits.
  await registerOpen311(app, deps);

  // Machine APIs: JSON only, no cookies, no page pipeline (the address search is on every keystroke).
  await app.register(async (api) => {
    await registerApiSecurity(api);
    registerResponseCache(api, front);
    await addressRoutes(api, deps);
    await publicReportRoutes(api, deps);
    await reportRoutes(api, deps);
    await reportFiguresApi(api, deps);
    await reportUnsubscribeApi(api, deps);
    await wasteCitizenRoutes(api, deps);
    await reportPushRoutes(api, deps);
    await reportMineRoutes(api, deps);
    await wasteReminderRoutes(api, deps);
    await reportAlertRoutes(api, deps);
    await newsPushRoutes(api, deps);
    await searchRoutes(api, deps);
    await parkingOpenDataRoutes(api, deps);
    await applicationPushRoutes(api, deps);
    options.extend?.api?.(api);
  });

  // HTML pages: CSP, cookies, CSRF, language. Features: the only place besides the job registry listing them all.
  await app.register(async (pages) => {
    await registerPageSecurity(pages, config);
    useRequestContext(pages, requestContext);
    // After the context (the language is part of a page's key), before the pages that opt in.
    registerResponseCache(pages, front);
    registerApiDocs(pages);
    await homeRoutes(pages, deps);
    await legalRoutes(pages, deps);
    await pwaRoutes(pages, deps);
    await addressPages(pages, deps);
    await publicReportPages(pages, deps);
    await reportCitizenPages(pages, deps);
    await reportUnsubscribePages(pages, deps);
    await wasteCitizenPages(pages, deps);
    await wasteFeeds(pages, deps);
    await wasteInfoPages(pages, deps);
    await wasteReminderPages(pages, deps);
    await reportAlertPages(pages, deps);
    await faqPages(pages, deps);
    await platformPages(pages, deps);
    await servicePages(pages, deps);
    await applicationStatusPages(pages, deps);
    await applicationPdfPages(pages, deps);
    await applicationPages(pages, deps);
    await newsCitizenPages(pages, deps);
    await newsPushPages(pages, deps);
    await searchPages(pages, deps);
    await parkingCitizenPages(pages, deps);
    await citizenPages(pages, deps);
    options.extend?.pages?.(pages);

    // The back office: staff sessions exist only in this scope, so citizen pages and APIs never pay for them.
    await pages.register(async (staff) => {
      await registerAuth(staff, deps);
      await adminPages(staff, deps);
      await userPages(staff, deps);
      await departmentPages(staff, deps);
      await auditPages(staff, deps);
      await jobPages(staff, deps);
      await reportAdminPages(staff, deps);
      await reportSettingsPages(staff, deps);
      await reportFiguresPages(staff, deps);
      await open311KeyPages(staff, deps);
      await wasteImportPages(staff, deps);
      await wasteReminderAdminPages(staff, deps);
      await faqAdminPages(staff, deps);
      await platformAdminPages(staff, deps);
      await serviceAdminPages(staff, deps);
      await applicationInboxPages(staff, deps);
      await newsEditorPages(staff, deps);
      await newsFeedPages(staff, deps);
      await newsPushAdminPages(staff, deps);
      await parkingAdminPages(staff, deps);
    });
  });

  return app;
}
