import swagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.js';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);
const hasDefault = (schema: unknown) => isObject(schema) && schema.default !== undefined;

/**
 * A parameter or property with a default is not required of the client (the server fills it in), though the route
 * schema lists it as required so that handlers always get a value. Path parameters stay required (OpenAPI rule).
 */
export function withOptionalDefaults<T>(doc: T): T {
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const x of node) visit(x);
      return;
    }
    if (!isObject(node)) return;
    if (typeof node.in === 'string' && node.in !== 'path' && node.required === true && hasDefault(node.schema)) {
      node.required = false;
    }
    if (Array.isArray(node.required) && isObject(node.properties)) {
      const properties = node.properties;
      const required = node.required.filter((name) => !hasDefault(properties[name as string]));
      if (required.length > 0) node.required = required;
      else delete node.required;
    }
    for (const value of Object.values(node)) visit(value);
  };
  visit(doc);
  return doc;
}

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
    transformObject: (document) =>
      withOptionalDefaults('openapiObject' in document ? document.openapiObject : document.swaggerObject),
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
