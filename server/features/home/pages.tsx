import type { App, Deps } from '../../platform/deps.js';
import { pageContext } from '../../platform/views/context.js';
import { Layout } from '../../platform/views/layout.js';
import { sendHtml } from '../../platform/views/render.js';

export default async function homeRoutes(app: App, _deps: Deps): Promise<void> {
  app.get('/', { schema: { hide: true } }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    const { t } = ctx.i18n;
    return sendHtml(
      reply,
      <Layout ctx={ctx} title={t('home.title')}>
        <h1 class="kern-heading-large">{t('home.title')}</h1>
      </Layout>,
    );
  });
}
