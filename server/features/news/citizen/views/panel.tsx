import type { PageContext } from '../../../../platform/views/context.js';
import type { NewsItemRow } from '../../core/items-queries.js';
import { ItemTeaser } from './parts.js';

/** The start page's panel: the latest three news (pinned first) and the way to all of them. */
export function NewsPanel({ ctx, items }: { ctx: Pick<PageContext, 'i18n'>; items: NewsItemRow[] }) {
  const { t } = ctx.i18n;
  return (
    <section class="bs-section bs-stack" aria-labelledby="news-panel-heading">
      <h2 class="kern-heading-medium" id="news-panel-heading">
        {t('news.panel.title')}
      </h2>
      <ul class="bs-link-list">
        {items.map((item) => (
          <li key={item.id}>
            <ItemTeaser ctx={ctx} item={item} level={3} />
          </li>
        ))}
      </ul>
      <p>
        <a class="kern-link" href="/aktuelles">
          {t('news.panel.all')}
        </a>
      </p>
    </section>
  );
}
