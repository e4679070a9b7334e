import { CsrfField, Notice } from '../../../../platform/views/admin-layout.js';
import { assetUrl } from '../../../../platform/views/assets.js';
import type { PageContext } from '../../../../platform/views/context.js';
import { Layout } from '../../../../platform/views/layout.js';
import { reportStatuses } from '../../core/statuses.js';
import { PrivateHead } from '../../core/views/private-page.js';
import { type MyReport, minePath } from '../mine.js';
import { localised } from './parts.js';
import { pushFollowPath } from './push-follow.js';

/** Done is success, the other closed states a warning, open ones info (the colour only repeats the words). */
export function statusBadgeKind(status: string): string {
  if (status === 'done') return 'success';
  if (status === 'rejected' || status === 'external') return 'warning';
  return 'info';
}

/** Status push for one listed report (client/push-opt-in.ts shows the button where push works). */
function ItemPush({ ctx, statusPath, titleId }: { ctx: PageContext; statusPath: string; titleId: string }) {
  const { t, lang } = ctx.i18n;
  return (
    <div
      class="bs-mine__push"
      data-push-opt-in={pushFollowPath(statusPath)}
      data-push-key="/api/push/vapid-public-key"
      data-msg-denied={t('reports-push.follow.denied')}
      data-msg-failed={t('reports-push.follow.failed')}
      data-msg-done={t('reports-push.follow.done')}
    >
      <p class="kern-body bs-muted" data-push-unsupported hidden>
        {t('reports-push.follow.unsupported')}
      </p>
      <form hidden data-push-form novalidate>
        <input type="hidden" name="language" value={lang} />
        <button type="submit" class="kern-btn kern-btn--secondary" aria-describedby={titleId}>
          <span class="kern-label">{t('reports-mine.list.push')}</span>
        </button>
      </form>
      <p class="kern-body" data-push-status role="status" aria-live="polite" />
    </div>
  );
}

/** One listed report; with `report` absent, the empty template client/my-reports.ts fills. */
function Item({ ctx, report, index }: { ctx: PageContext; report?: MyReport; index: number | 'template' }) {
  const { t } = ctx.i18n;
  const titleId = `mine-${index}`;
  const statusPath = report?.statusPath ?? '';
  return (
    <li class="bs-mine__item bs-stack" data-my-report={report?.token ?? ''}>
      <h2 class="kern-heading-small bs-mine__title" id={titleId} data-slot="title">
        <a class="kern-link" href={statusPath || undefined} data-slot="link">
          {report ? `${localised(ctx, report.category)} ${report.reference}` : ''}
        </a>
      </h2>
      <p class="kern-body">
        <span
          class={`kern-badge kern-badge--${statusBadgeKind(report?.status ?? '')}`}
          data-slot="status"
          data-status={report?.status ?? ''}
        >
          <span class="kern-label">
            {report ? t(`reports.status.${report.status}`, { defaultValue: report.status }) : ''}
          </span>
        </span>
      </p>
      <p class="kern-body bs-muted" data-slot="meta">
        {report
          ? [report.place, t('reports-mine.list.created', { date: ctx.i18n.date(report.createdAt) })]
              .filter(Boolean)
              .join(' · ')
          : ''}
      </p>
      <div class="bs-actions bs-mine__actions">
        <ItemPush ctx={ctx} statusPath={statusPath} titleId={titleId} />
        <form method="post" action={`${minePath}/entfernen`} data-my-reports-remove>
          <CsrfField ctx={ctx} />
          <input type="hidden" name="token" value={report?.token ?? ''} data-slot="token" />
          <button type="submit" class="kern-btn kern-btn--tertiary" aria-describedby={titleId}>
            <span class="kern-label">{t('reports-mine.list.remove')}</span>
          </button>
        </form>
      </div>
    </li>
  );
}

/**
 * "Meine Meldungen" (/meldungen/meine): the reports whose status links this browser keeps, with their current
 * status, status push per report, and removal. Server-rendered from the cookie; client/my-reports.ts adds the
 * links kept in localStorage. Private: the page shows status links.
 */
export function MyReportsPage({
  ctx,
  reports,
  notice,
}: {
  ctx: PageContext;
  reports: MyReport[];
  notice?: 'saved' | 'removed';
}) {
  const { t } = ctx.i18n;
  const labels = Object.fromEntries(reportStatuses.map((s) => [s, t(`reports.status.${s}`)]));
  return (
    <Layout ctx={ctx} title={t('reports-mine.list.title')} head={<PrivateHead />} styles={[assetUrl('reports.css')]}>
      <h1 class="kern-heading-large">{t('reports-mine.list.title')}</h1>
      <p class="kern-body bs-lead">{t('reports-mine.list.intro')}</p>
      <p class="kern-body">{t('reports-mine.list.privacy')}</p>
      {notice && <Notice kind="success" title={t(`reports-mine.list.${notice}`)} />}
      <div
        class="bs-stack"
        data-my-reports
        data-src="/api/reports/mine"
        data-status-labels={JSON.stringify(labels)}
        data-msg-created={t('reports-mine.list.created', { date: '{date}' })}
      >
        <ul class="bs-mine" data-my-reports-list aria-label={t('reports-mine.list.title')}>
          {reports.map((r, i) => (
            <Item ctx={ctx} report={r} index={i} key={r.token} />
          ))}
        </ul>
        <p class="kern-body" data-my-reports-empty hidden={reports.length > 0}>
          {t('reports-mine.list.empty')}
        </p>
        <p class="kern-body bs-muted" data-my-reports-nojs>
          {t('reports-mine.list.pushNoJs')}
        </p>
      </div>
      <template id="my-report-template">
        <Item ctx={ctx} index="template" />
      </template>
      <p class="kern-body bs-section">
        <a class="kern-link" href="/melden">
          {t('reports-mine.list.report')}
        </a>
      </p>
    </Layout>
  );
}
