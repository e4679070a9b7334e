import { AdminLayout, CsrfField, Notice } from '../../../../platform/views/admin-layout.js';
import type { PageContext } from '../../../../platform/views/context.js';
import type { FacilityRow } from '../../core/facilities-queries.js';
import type { FeedStateRow } from '../../feeds/state-queries.js';

const notices = ['created', 'saved', 'imported'] as const;

function FetchedNotice({ ctx }: { ctx: PageContext }) {
  const { t } = ctx.i18n;
  const count = Number(ctx.query.n ?? 0);
  const failed = Number(ctx.query.failed ?? 0);
  const accepted = Number(ctx.query.accepted ?? 0);
  return (
    <Notice kind={failed > 0 ? 'warning' : 'success'} title={t('parking.admin.feeds.fetched', { count })}>
      <p class="kern-body">
        {t('parking.admin.feeds.fetchedFailed', { count: failed })}{' '}
        {t('parking.admin.feeds.fetchedAccepted', { count: accepted })}
      </p>
    </Notice>
  );
}

/** The back office's facilities and the feeds' health, with the ways to add, edit and import. */
export function ParkingAdminListPage(p: {
  ctx: PageContext;
  facilities: FacilityRow[];
  feeds: { url: string; format: string; state: FeedStateRow | undefined }[];
}) {
  const { ctx } = p;
  const { t } = ctx.i18n;
  const notice = notices.find((n) => ctx.query.done === n);
  return (
    <AdminLayout ctx={ctx} title={t('parking.admin.title')}>
      <h1 class="kern-heading-large">{t('parking.admin.title')}</h1>
      {notice && (
        <Notice kind="success" title={t(`parking.admin.notices.${notice}`, { count: Number(ctx.query.n ?? 0) })} />
      )}
      {ctx.query.done === 'fetched' && <FetchedNotice ctx={ctx} />}
      <ul class="bs-link-list">
        <li>
          <a class="kern-link" href="/admin/parken/neu">
            {t('parking.admin.new')}
          </a>
        </li>
        <li>
          <a class="kern-link" href="/admin/parken/import">
            {t('parking.admin.import.title')}
          </a>
        </li>
      </ul>
      <section class="bs-section bs-stack" aria-labelledby="feeds-heading">
        <h2 class="kern-heading-medium" id="feeds-heading">
          {t('parking.admin.feeds.heading')}
        </h2>
        {p.feeds.length === 0 ? (
          <p class="kern-body">{t('parking.admin.feeds.none')}</p>
        ) : (
          <ul class="bs-link-list">
            {p.feeds.map((f) => (
              <li key={f.url} class="kern-body">
                <code class="bs-code bs-news-url">{f.url}</code> ({f.format}):{' '}
                {!f.state
                  ? t('parking.admin.feeds.never')
                  : f.state.failures > 0
                    ? t('parking.admin.feeds.failing', {
                        count: f.state.failures,
                        error: f.state.lastError ?? '',
                        next: f.state.nextAttemptAt ? ctx.i18n.dateTime(f.state.nextAttemptAt) : '–',
                      })
                    : t('parking.admin.feeds.ok', {
                        time: f.state.lastSuccessAt ? ctx.i18n.dateTime(f.state.lastSuccessAt) : '–',
                        accepted: f.state.lastAccepted ?? 0,
                        rejected: f.state.lastRejected ?? 0,
                      })}
              </li>
            ))}
          </ul>
        )}
        {p.feeds.length > 0 && (
          <form method="post" action="/admin/parken/abrufen" class="bs-inline-form">
            <CsrfField ctx={ctx} />
            <button type="submit" class="kern-btn kern-btn--secondary">
              <span class="kern-label">{t('parking.admin.feeds.fetchNow')}</span>
            </button>
          </form>
        )}
      </section>
      <section class="bs-section bs-stack" aria-labelledby="facilities-heading">
        <h2 class="kern-heading-medium" id="facilities-heading">
          {t('parking.admin.facilities', { count: p.facilities.length })}
        </h2>
        <ul class="bs-link-list">
          {p.facilities.map((f) => (
            <li key={f.id}>
              <a class="kern-link" href={`/admin/parken/${f.id}`}>
                {f.name}
              </a>{' '}
              <span class="bs-muted">
                ({f.ref}, {ctx.i18n.number(f.capacity)}
                {f.demo ? `, ${t('parking.admin.demo')}` : ''})
              </span>
            </li>
          ))}
        </ul>
      </section>
    </AdminLayout>
  );
}
