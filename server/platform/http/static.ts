import fastifyStatic from '@fastify/static';
import { type Municipality, resolveFromRoot } from '../config.js';
import type { App } from '../deps.js';
import { buildDir } from '../views/assets.js';
import { themeCss, themeVersion } from '../views/theme.js';
import { pageQuerySchema, single } from './page-schemas.js';

const year = 365 * 24 * 3600;

/**
 * Built assets (content-hashed, cached for a year, served precompressed when the browser accepts br/gzip), the public
 * folder (icons, logos) and /theme.css, the municipality's colours as CSS custom properties (no inline styles).
 */
export async function registerStatic(app: App, m: Municipality): Promise<void> {
  await app.register(fastifyStatic, {
    root: buildDir,
    prefix: '/assets/',
    immutable: true,
    maxAge: '365d',
    // Content-hashed names never change, so validators and ranges only add bytes to the first load.
    etag: false,
    lastModified: false,
    acceptRanges: false,
    preCompressed: true,
    decorateReply: false,
    // manifest.json and the service worker bundle are build internals; /sw.js serves the latter.
    allowedPath: (path) => !path.endsWith('manifest.json') && !/^\/?sw\./.test(path),
  });
  await app.register(fastifyStatic, {
    root: resolveFromRoot('public'),
    prefix: '/',
    maxAge: '1d',
    wildcard: false,
    allowedPath: (path) => path.startsWith('/icons/') || path.startsWith('/municipality/'),
  });
  app.get('/theme.css', { schema: { hide: true, querystring: pageQuerySchema } }, async (request, reply) => {
    const current = single(request.query.v) === themeVersion(m);
    return reply
      .type('text/css; charset=utf-8')
      .header('cache-control', current ? `public, max-age=${year}, immutable` : 'public, max-age=300')
      .send(themeCss(m));
  });
}
