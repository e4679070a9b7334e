import swagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.js';

/** OpenAPI 3 document at /api/openapi.json (the accessible docs page at /api/docs renders it). */
export async function registerOpenApi(app: FastifyInstance, config: Config): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: `Bürgerservice ${config.municipality.name} API`,
        version: '0.1.0',
        description:
          'JSON API of the Bürgerservice platform. Errors are RFC 9457 problem details (application/problem+json).',
        license: { name: 'EUPL-1.2', url: 'https://joinup.ec.europa.eu/collection/eupl/eupl-text-eupl-12' },
      },
      servers: [{ url: config.publicUrl }],
    },
    hideUntagged: true,
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
