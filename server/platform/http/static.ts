import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { resolveFromRoot } from '../config.js';
import { buildDir } from '../views/assets.js';

/** Built assets (content-hashed, cached for a year) and the public folder (icons, logos). */
export async function registerStatic(app: FastifyInstance): Promise<void> {
  await app.register(fastifyStatic, {
    root: buildDir,
    prefix: '/assets/',
    immutable: true,
    maxAge: '365d',
    decorateReply: false,
  });
  await app.register(fastifyStatic, {
    root: resolveFromRoot('public'),
    prefix: '/',
    maxAge: '1d',
    wildcard: false,
    allowedPath: (path) => path.startsWith('/icons/') || path.startsWith('/municipality/'),
  });
}
