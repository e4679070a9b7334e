import type { ComponentChildren } from 'preact';
import { AdminLayout, Notice } from '../../../platform/views/admin-layout.js';
import type { PageContext } from '../../../platform/views/context.js';
import type { JobView } from '../present.js';
import { describeJob, jobTitle, RetryButton, StateBadge, Time } from './parts.js';

const notices = ['retried', 'enqueued'] as const;

function Item({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div class="kern-description-list-item">
      <dt class="kern-description-list-item__key">{label}</dt>
      <dd class="kern-description-list-item__value">{children}</dd>
    </div>
  );
}

/** One job: state, runs, times, error or reported counts, and its payload. */
export function JobDetailPage({ ctx, job, description }: { ctx: PageContext; job: JobView; description?: string }) {
  const { t } = ctx.i18n;
  const notice = notices.find((n) => ctx.query.done === n);
  const title = t('jobs.detail.title', { name: jobTitle(ctx, job.name) });
  return (
    <AdminLayout ctx={ctx} title={title}>
      <p>
        <a class="kern-link" href="/admin/jobs">
          {t('jobs.detail.back')}
        </a>
      </p>
      <h1 class="kern-heading-large">{title}</h1>
      <p class="kern-body">{describeJob(ctx, job.name, description)}</p>
      <p class="kern-body bs-muted">
        {t('jobs.detail.code')}: <code class="bs-code">{job.name}</code>
      </p>
      {notice && <Notice kind="success" title={t(`jobs.notices.${notice}`)} />}
      <dl class="kern-description-list">
        <Item label={t('jobs.columns.state')}>
          <StateBadge ctx={ctx} state={job.state} />
        </Item>
        <Item label={t('jobs.detail.id')}>
          <code class="bs-code">{job.id}</code>
        </Item>
        <Item label={t('jobs.columns.runs')}>{t('jobs.runs', { runs: job.attempts, max: job.maxAttempts })}</Item>
        {job.slot && (
          <Item label={t('jobs.detail.slot')}>
            <Time ctx={ctx} value={job.slot} />
          </Item>
        )}
        <Item label={t('jobs.columns.createdAt')}>
          <Time ctx={ctx} value={job.createdAt} />
        </Item>
        <Item label={t('jobs.detail.startAfter')}>
          <Time ctx={ctx} value={job.startAfter} />
        </Item>
        <Item label={t('jobs.columns.startedAt')}>
          <Time ctx={ctx} value={job.startedAt} />
        </Item>
        <Item label={t('jobs.columns.completedAt')}>
          <Time ctx={ctx} value={job.completedAt} />
        </Item>
        {job.error && (
          <Item label={t('jobs.columns.error')}>
            <span class="bs-code">{job.error}</span>
          </Item>
        )}
      </dl>
      {job.state === 'failed' && (
        <p class="bs-actions">
          <RetryButton ctx={ctx} id={job.id} back="detail" />
        </p>
      )}
      {job.result.length > 0 && (
        <section class="bs-section" aria-labelledby="result-heading">
          <h2 class="kern-heading-medium" id="result-heading">
            {t('jobs.detail.result')}
          </h2>
          <dl class="kern-description-list">
            {job.result.map(([key, value]) => (
              <Item key={key} label={key}>
                {typeof value === 'number' ? ctx.i18n.number(value) : String(value)}
              </Item>
            ))}
          </dl>
        </section>
      )}
      <section class="bs-section" aria-labelledby="payload-heading">
        <h2 class="kern-heading-medium" id="payload-heading">
          {t('jobs.detail.payload')}
        </h2>
        <pre class="bs-code">{job.payload}</pre>
      </section>
    </AdminLayout>
  );
}
