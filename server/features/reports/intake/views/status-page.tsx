import { assetUrl } from '../../../../platform/views/assets.js';
import type { PageContext } from '../../../../platform/views/context.js';
import { Layout } from '../../../../platform/views/layout.js';
import { PrivateHead } from '../../core/views/private-page.js';
import type { ReportForReporter } from '../reporter-view.js';
import { type FixedForm, FixedSection } from './fixed-section.js';
import { type ReporterMail, ReporterMailSection } from './mail-section.js';
import { SaveToMine } from './mine-note.js';
import { localised } from './parts.js';
import { FollowByPush } from './push-follow.js';

type ReporterEvent = ReportForReporter['events'][number];

/** What an entry of the history says happened, in plain words. */
function eventTitle(ctx: PageContext, e: ReporterEvent): string {
  const { t } = ctx.i18n;
  const status = e.statusTo ? t(`reports.status.${e.statusTo}`, { defaultValue: e.statusTo }) : '';
  if (e.kind === 'not_fixed') return t('reports-mine.events.not_fixed');
  const key = `reports.statusPage.events.${e.kind}`;
  const text = t(key, { status, defaultValue: '' });
  if (text) return text;
  return status ? t('reports.statusPage.events.status', { status }) : t('reports.statusPage.events.other');
}

/** Done is success, the other closed states a warning, open ones info (the colour only repeats the words). */
function badgeKind(status: string): string {
  if (status === 'done') return 'success';
  if (status === 'rejected' || status === 'external') return 'warning';
  return 'info';
}

/**
 * The reporter's private status page (/meldungen/status/<token>): reference, current status, their own text, the
 * public history with public notes. Never indexed, never sends a Referer.
 */
export function StatusPage({
  ctx,
  report,
  statusPath,
  mail,
  fixed,
}: {
  ctx: PageContext;
  report: ReportForReporter;
  /** The page's own path (/meldungen/status/<token>), for following by push. */
  statusPath: string;
  /** The mail setting form: where it posts, the current setting, a notice after a change. */
  mail?: ReporterMail & { action: string };
  /** "Ist es behoben?": a failed answer's values and messages, or the notice after answering. */
  fixed?: { form?: FixedForm; notice?: 'fixed' | 'reopened' };
}) {
  const token = statusPath.split('/').pop() ?? '';
  const { t } = ctx.i18n;
  const i18n = ctx.i18n;
  const statusLabel = t(`reports.status.${report.status}`, { defaultValue: report.status });
  const events = [...report.events].sort((a, b) => b.at.getTime() - a.at.getTime());
  return (
    <Layout
      ctx={ctx}
      title={t('reports.statusPage.title', { reference: report.reference })}
      head={<PrivateHead />}
      styles={[assetUrl('reports.css')]}
    >
      <h1 class="kern-heading-large">{t('reports.statusPage.heading', { reference: report.reference })}</h1>
      <p class="kern-body bs-lead">{t('reports.statusPage.intro')}</p>
      <dl class="kern-description-list bs-report-facts">
        <div class="kern-description-list-item">
          <dt class="kern-description-list-item__key">{t('reports.statusPage.reference')}</dt>
          <dd class="kern-description-list-item__value bs-receipt__reference">{report.reference}</dd>
        </div>
        <div class="kern-description-list-item">
          <dt class="kern-description-list-item__key">{t('reports.statusPage.status')}</dt>
          <dd class="kern-description-list-item__value">
            <span class={`kern-badge kern-badge--${badgeKind(report.status)}`} data-status={report.status}>
              <span class="kern-label">{statusLabel}</span>
            </span>
          </dd>
        </div>
        <div class="kern-description-list-item">
          <dt class="kern-description-list-item__key">{t('reports-mine.handler.label')}</dt>
          <dd class="kern-description-list-item__value" data-handler>
            {report.handler
              ? report.handler.kind === 'external'
                ? t('reports-mine.handler.external', { name: report.handler.name })
                : report.handler.name
              : ctx.municipality.bscName}
          </dd>
        </div>
        <div class="kern-description-list-item">
          <dt class="kern-description-list-item__key">{t('reports.statusPage.category')}</dt>
          <dd class="kern-description-list-item__value">{localised(ctx, report.category.name)}</dd>
        </div>
        {report.location.label && (
          <div class="kern-description-list-item">
            <dt class="kern-description-list-item__key">{t('reports.statusPage.place')}</dt>
            <dd class="kern-description-list-item__value">
              {report.location.district
                ? t('reports.form.location.foundInDistrict', {
                    place: report.location.label,
                    district: report.location.district,
                  })
                : report.location.label}
            </dd>
          </div>
        )}
        <div class="kern-description-list-item">
          <dt class="kern-description-list-item__key">{t('reports.statusPage.created')}</dt>
          <dd class="kern-description-list-item__value">{i18n.dateTime(report.createdAt)}</dd>
        </div>
        {report.closedAt && (
          <div class="kern-description-list-item">
            <dt class="kern-description-list-item__key">{t('reports.statusPage.closed')}</dt>
            <dd class="kern-description-list-item__value">{i18n.dateTime(report.closedAt)}</dd>
          </div>
        )}
        {report.supporterCount > 0 && (
          <div class="kern-description-list-item">
            <dt class="kern-description-list-item__key">{t('reports.statusPage.supporters')}</dt>
            <dd class="kern-description-list-item__value">{i18n.number(report.supporterCount)}</dd>
          </div>
        )}
      </dl>
      {report.mergedInto && (
        <p class="kern-body">
          {t('reports.statusPage.merged')}{' '}
          <a class="kern-link" href={`/meldungen/${encodeURIComponent(report.mergedInto)}`}>
            {report.mergedInto}
          </a>
        </p>
      )}
      <FixedSection
        ctx={ctx}
        report={report}
        action={`${statusPath}/behoben`}
        {...(fixed?.form ? { form: fixed.form } : {})}
        {...(fixed?.notice ? { notice: fixed.notice } : {})}
      />
      <section class="bs-section bs-stack" aria-labelledby="history-heading">
        <h2 class="kern-heading-medium" id="history-heading">
          {t('reports.statusPage.history')}
        </h2>
        <ol class="bs-timeline">
          {events.map((e) => (
            <li class="bs-timeline__item" key={e.id}>
              <p class="kern-body bs-timeline__when">
                <time datetime={e.at.toISOString()}>{i18n.dateTime(e.at)}</time>
              </p>
              <p class="kern-title bs-timeline__what">{eventTitle(ctx, e)}</p>
              {e.note && <p class="kern-body bs-pre bs-timeline__note">{e.note}</p>}
            </li>
          ))}
        </ol>
      </section>
      <section class="bs-section bs-stack" aria-labelledby="text-heading">
        <h2 class="kern-heading-medium" id="text-heading">
          {t('reports.statusPage.yourText')}
        </h2>
        <p class="kern-body bs-pre">{report.description}</p>
        {report.photos.length > 0 && (
          <>
            <p class="kern-body bs-muted">{t('reports.statusPage.photos', { count: report.photos.length })}</p>
            <ul class="bs-report-photos" data-own-photos>
              {report.photos.map((p, i) => (
                <li key={p.id}>
                  <a href={`${statusPath}/fotos/${p.id}`}>
                    <img
                      src={`${statusPath}/fotos/${p.id}/klein`}
                      width={p.width}
                      height={p.height}
                      alt={t('reports-mine.photo', { number: i + 1, reference: report.reference })}
                      loading="lazy"
                    />
                  </a>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
      <FollowByPush ctx={ctx} statusPath={statusPath} />
      <SaveToMine ctx={ctx} token={token} reference={report.reference} />
      {mail && (
        <ReporterMailSection
          ctx={ctx}
          action={mail.action}
          mail={mail}
          {...(mail.notice ? { notice: mail.notice } : {})}
        />
      )}
      <p class="kern-body bs-section">
        <a class="kern-link" href="/melden">
          {t('reports.receipt.another')}
        </a>
      </p>
    </Layout>
  );
}
