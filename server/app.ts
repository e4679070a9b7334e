import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance } from 'fastify';
import addressPages from './features/addresses/pages.js';
import addressRoutes from './features/addresses/routes.js';
import adminPages from './features/admin/pages.js';
import auditPages from './features/audit/pages.js';
import departmentPages from './features/departments/pages.js';
import homeRoutes from './features/home/pages.js';
import jobPages from './features/jobs/pages.js';
import legalRoutes from './features/legal/pages.js';
import pwaRoutes from './features/pwa/pages.js';
import userPages from './features/users/pages.js';
import { registerAuth } from './platform/auth/index.js';
import type { Deps } from './platform/deps.js';
import { installErrorHandler } from './platform/errors.js';
import { registerHealth } from './platform/http/health.js';
import { registerMetrics } from './platform/http/metrics.js';
import { registerOpenApi } from './platform/http/openapi.js';
import { registerRequestContext } from './platform/http/request-context.js';
import { registerSecurity } from './platform/http/security.js';
import { registerStatic } from './platform/http/static.js';
import { renderErrorPage } from './platform/views/error-page.js';
import { registerViewRegistries } from './platform/views/registry.js';

/** The Fastify instance with every plugin and feature; main.ts and tests call listen() or inject(). */
export async function buildApp(deps: Deps): Promise<FastifyInstance> {
  const { config } = deps;
  const app = Fastify({
    logger: {
      level: config.logLevel,
      redact: { paths: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'], remove: true },
      serializers: {
        // Paths only: query strings can carry search terms or tokens.
        req: (req) => ({ method: req.method, url: req.url.split('?')[0], id: req.id }),
      },
    },
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    return503OnClosing: true,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: true, useDefaults: true } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  installErrorHandler(app, renderErrorPage);
  registerViewRegistries(app);
  await registerSecurity(app, config);
  registerRequestContext(app, config);
  registerMetrics(app, config.metricsToken);
  await registerOpenApi(app, config);
  await registerStatic(app);
  registerHealth(app, deps.db);

  // Features: the only place besides the job registry that lists them all.
  await homeRoutes(app, deps);
  await legalRoutes(app, deps);
  await pwaRoutes(app, deps);
  await addressRoutes(app, deps);
  await addressPages(app, deps);

  // The back office: staff sessions exist only in this scope, so citizen pages and APIs never pay for them.
  await app.register(async (staff) => {
    await registerAuth(staff, deps);
    await adminPages(staff, deps);
    await userPages(staff, deps);
    await departmentPages(staff, deps);
    await auditPages(staff, deps);
    await jobPages(staff, deps);
  });

  return app;
}
