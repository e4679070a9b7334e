import type { App, Deps } from '../../platform/deps.js';
import { pageCache } from '../../platform/http/response-cache.js';
import { pageContext } from '../../platform/views/context.js';
import { addHomeModule } from '../../platform/views/registry.js';
import { sendHtml } from '../../platform/views/render.js';
import { listPlatforms, platformsCacheTag } from './service.js';
import { PlatformsPage } from './views/platforms-page.js';

/** The public overview of the city's data platforms (the same for everyone: cached per language). */
export default async function platformPages(app: App, deps: Deps): Promise<void> {
  const municipalityId = deps.config.municipality.id;
  addHomeModule(app, {
    href: '/datenplattformen',
    titleKey: 'platforms.module.title',
    textKey: 'platforms.module.text',
    order: 90,
  });
  app.get(
    '/datenplattformen',
    { schema: { hide: true }, config: { responseCache: pageCache(platformsCacheTag(municipalityId)) } },
    async (request, reply) => {
      const platforms = await listPlatforms(deps.db, municipalityId);
      return sendHtml(reply, <PlatformsPage ctx={pageContext(request, reply)} platforms={platforms} />);
    },
  );
}
