import type { PageContext } from '../../../platform/views/context.js';
import { Layout, telHref } from '../../../platform/views/layout.js';

/**
 * Shown by the service worker when a page cannot be loaded offline. The retry link points to the page itself
 * (an empty href), which is whatever address the visitor tried; the phone works without the internet.
 */
export function OfflinePage({ ctx }: { ctx: PageContext }) {
  const { t } = ctx.i18n;
  const m = ctx.municipality;
  return (
    <Layout ctx={ctx} title={t('pwa.offline.title')}>
      <div class="bs-prose">
        <h1 class="kern-heading-large">{t('pwa.offline.title')}</h1>
        <p class="kern-body">{t('pwa.offline.text')}</p>
        <p class="kern-body">
          {/* biome-ignore lint/a11y/useValidAnchor: an empty href is the current address, the page that failed */}
          <a href="" class="kern-btn kern-btn--primary">
            <span class="kern-label">{t('pwa.offline.retry')}</span>
          </a>
        </p>
        <div class="bs-box">
          <p class="kern-body">{t('pwa.offline.phoneText')}</p>
          <p>
            <a href={telHref(m.bscPhone)} class="bs-contact-phone">
              {m.bscPhone}
            </a>
          </p>
        </div>
      </div>
    </Layout>
  );
}
