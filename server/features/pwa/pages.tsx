import type { App, Deps } from '../../platform/deps.js';
import { pageContext } from '../../platform/views/context.js';
import { sendHtml } from '../../platform/views/render.js';
import { buildWebManifest, buildWorkerScript, type WorkerScript } from './service.js';
import { OfflinePage } from './views/offline.js';

/** Progressive web app: the manifest, the service worker (served from the root so it may control every page), the offline page. */
export default async function pwaRoutes(app: App, deps: Deps): Promise<void> {
  let worker: WorkerScript | undefined;

  app.get('/manifest.webmanifest', { schema: { hide: true } }, async (request, reply) => {
    const { t, lang } = request.i18n;
    const manifest = buildWebManifest(request.municipality, t, lang, app.homeModules);
    return reply
      .type('application/manifest+json; charset=utf-8')
      .header('cache-control', 'public, max-age=3600')
      .send(JSON.stringify(manifest));
  });

  app.get('/sw.js', { schema: { hide: true } }, async (request, reply) => {
    worker ??= buildWorkerScript(deps.config.municipality);
    const etag = `"${worker.version}"`;
    reply.header('service-worker-allowed', '/').header('cache-control', 'no-cache').header('etag', etag);
    if (request.headers['if-none-match'] === etag) return reply.status(304).send();
    return reply.type('text/javascript; charset=utf-8').send(worker.body);
  });

  app.get('/offline', { schema: { hide: true } }, async (request, reply) =>
    sendHtml(reply, <OfflinePage ctx={pageContext(request, reply)} />),
  );
}
