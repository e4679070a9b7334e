import { AdminLayout, Notice } from '../../../../platform/views/admin-layout.js';
import type { PageContext } from '../../../../platform/views/context.js';
import { ListTable } from '../../../../platform/views/list-table.js';
import type { NewsItemRow } from '../../core/items-queries.js';
import { isNewsVisible } from '../../core/service.js';

export const editorNotices = ['created', 'saved', 'deleted', 'pin', 'unpin', 'unpublish', 'publish', 'pushed'] as const;

function StateBadge({ ctx, item, now }: { ctx: PageContext; item: NewsItemRow; now: Date }) {
  const { t } = ctx.i18n;
  const state = item.unpublished
    ? 'unpublished'
    : item.removedFromFeedAt
      ? 'removed'
      : item.publishedAt > now
        ? 'scheduled'
        : 'published';
  const kind = isNewsVisible(item, now) ? 'success' : state === 'scheduled' ? 'info' : 'warning';
  return (
    <span class={`kern-badge kern-badge--${kind}`}>
      <span class="kern-label">{t(`news.states.${state}`)}</span>
    </span>
  );
}

/** The editors' list of every item with its state, newest first, paged. */
export function NewsListPage(p: {
  ctx: PageContext;
  items: NewsItemRow[];
  total: number;
  page: number;
  pages: number;
  now: Date;
}) {
  const { ctx, items, now } = p;
  const { t } = ctx.i18n;
  const notice = editorNotices.find((n) => ctx.query.done === n);
  return (
    <AdminLayout ctx={ctx} title={t('news.editor.listTitle')}>
      <h1 class="kern-heading-large">{t('news.editor.listTitle')}</h1>
      {notice && <Notice kind="success" title={t(`news.editor.notices.${notice}`)} />}
      <p class="kern-body">{t('news.editor.intro')}</p>
      <p class="bs-actions">
        <a class="kern-btn kern-btn--primary" href="/admin/news/new">
          <span class="kern-label">{t('news.editor.create')}</span>
        </a>{' '}
        <a class="kern-btn kern-btn--secondary" href="/admin/news/feeds">
          <span class="kern-label">{t('news.feeds.nav')}</span>
        </a>
      </p>
      {items.length === 0 ? (
        <p class="kern-body">{t('news.editor.empty')}</p>
      ) : (
        <ListTable
          caption={t('news.editor.caption', { count: p.total })}
          item={{ header: t('news.fields.titleDe'), href: (i) => `/admin/news/${i.id}`, name: (i) => i.titleDe }}
          rows={items}
          columns={[
            { header: t('news.fields.topic'), cell: (i) => t(`news.topics.${i.topic}`) },
            { header: t('news.fields.publishedAt'), cell: (i) => ctx.i18n.dateTime(i.publishedAt) },
            { header: t('news.fields.state'), cell: (i) => <StateBadge ctx={ctx} item={i} now={now} /> },
            {
              header: t('news.fields.source'),
              cell: (i) => `${t(`news.sources.${i.source}`)}${i.pinned ? ` · ${t('news.pinned')}` : ''}`,
            },
          ]}
        />
      )}
      {p.pages > 1 && (
        <nav class="bs-pager" aria-label={t('news.list.pages')}>
          {p.page > 1 && (
            <a class="kern-link" href={`/admin/news?seite=${p.page - 1}`}>
              {t('news.list.previous')}
            </a>
          )}{' '}
          <span>{t('news.list.pageOf', { page: p.page, pages: p.pages })}</span>{' '}
          {p.page < p.pages && (
            <a class="kern-link" href={`/admin/news?seite=${p.page + 1}`}>
              {t('news.list.next')}
            </a>
          )}
        </nav>
      )}
    </AdminLayout>
  );
}
