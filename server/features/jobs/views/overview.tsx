import { type JobDefinitionInfo, type JobState, jobStates } from '../../../platform/jobs/types.js';
import { AdminLayout, CsrfField, Notice } from '../../../platform/views/admin-layout.js';
import type { PageContext } from '../../../platform/views/context.js';
import type { JobView } from '../present.js';
import type { JobOverviewQuery } from '../service.js';
import { FailedJobs, JobList, listUrl } from './job-list.js';
import { describeJob, jobTitle, StateBadge, Time } from './parts.js';

export interface JobOverviewData {
  counts: Record<JobState, number>;
  definitions: JobDefinitionInfo[];
  failed: JobView[];
  failedTotal: number;
  jobs: JobView[];
  total: number;
  page: number;
  pages: number;
}

const notices = ['retried', 'enqueued'] as const;

function Counts({ ctx, counts }: { ctx: PageContext; counts: Record<JobState, number> }) {
  const { t } = ctx.i18n;
  return (
    <section class="bs-section" aria-labelledby="counts-heading">
      <h2 class="kern-heading-medium" id="counts-heading">
        {t('jobs.counts.title')}
      </h2>
      <dl class="kern-description-list">
        {jobStates.map((state) => (
          <div class="kern-description-list-item" key={state}>
            <dt class="kern-description-list-item__key">{t(`jobs.states.${state}`)}</dt>
            <dd class="kern-description-list-item__value">
              {counts[state] > 0 ? (
                <a class="kern-link" href={listUrl({ state })}>
                  {t('jobs.counts.jobs', { count: counts[state], formatted: ctx.i18n.number(counts[state]) })}
                </a>
              ) : (
                t('jobs.counts.jobs', { count: 0, formatted: ctx.i18n.number(0) })
              )}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function LastRun({ ctx, def }: { ctx: PageContext; def: JobDefinitionInfo }) {
  if (!def.lastRun) return <>{ctx.i18n.t('jobs.definitions.neverRun')}</>;
  return (
    <>
      <Time ctx={ctx} value={def.lastRun.startedAt} /> <StateBadge ctx={ctx} state={def.lastRun.state} />
    </>
  );
}

function Definitions({ ctx, definitions }: { ctx: PageContext; definitions: JobDefinitionInfo[] }) {
  const { t } = ctx.i18n;
  return (
    <section class="bs-section" aria-labelledby="definitions-heading">
      <h2 class="kern-heading-medium" id="definitions-heading">
        {t('jobs.definitions.title')}
      </h2>
      <section
        class="bs-table-scroll"
        tabindex={0}
        aria-label={t('jobs.definitions.caption', { count: definitions.length })}
      >
        <table class="kern-table kern-table--striped">
          <caption class="kern-title">{t('jobs.definitions.caption', { count: definitions.length })}</caption>
          <thead class="kern-table__head">
            <tr class="kern-table__row">
              <th scope="col" class="kern-table__header">
                {t('jobs.columns.job')}
              </th>
              <th scope="col" class="kern-table__header">
                {t('jobs.columns.schedule')}
              </th>
              <th scope="col" class="kern-table__header">
                {t('jobs.columns.nextRun')}
              </th>
              <th scope="col" class="kern-table__header">
                {t('jobs.columns.lastRun')}
              </th>
              <th scope="col" class="kern-table__header">
                {t('jobs.columns.action')}
              </th>
            </tr>
          </thead>
          <tbody class="kern-table__body">
            {definitions.map((d) => (
              <tr class="kern-table__row" key={d.name}>
                <th scope="row" class="kern-table__header" id={`def-${d.name}`}>
                  {jobTitle(ctx, d.name)}
                  <br />
                  <span class="bs-muted">{describeJob(ctx, d.name, d.description)}</span>
                  <br />
                  <code class="bs-code bs-muted">{d.name}</code>
                </th>
                <td class="kern-table__cell">
                  {d.cron ? (
                    <>
                      <code class="bs-code">{d.cron}</code> <span class="bs-muted">({d.timeZone})</span>
                    </>
                  ) : (
                    t('jobs.definitions.onDemand')
                  )}
                </td>
                <td class="kern-table__cell">
                  <Time ctx={ctx} value={d.nextRunAt} />
                </td>
                <td class="kern-table__cell">
                  <LastRun ctx={ctx} def={d} />
                </td>
                <td class="kern-table__cell">
                  {d.defaultPayload === undefined ? (
                    t('jobs.definitions.cliOnly')
                  ) : (
                    <form method="post" action="/admin/jobs/run" class="bs-inline-form">
                      <CsrfField ctx={ctx} />
                      <input type="hidden" name="name" value={d.name} />
                      <button type="submit" class="kern-btn kern-btn--secondary" aria-describedby={`def-${d.name}`}>
                        <span class="kern-label">{t('jobs.actions.runNow')}</span>
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </section>
  );
}

/** The job overview for administrators. */
export function JobOverviewPage({
  ctx,
  query,
  data,
}: {
  ctx: PageContext;
  query: JobOverviewQuery;
  data: JobOverviewData;
}) {
  const { t } = ctx.i18n;
  const notice = notices.find((n) => ctx.query.done === n);
  return (
    <AdminLayout ctx={ctx} title={t('jobs.title')}>
      <h1 class="kern-heading-large">{t('jobs.title')}</h1>
      <p class="kern-body">{t('jobs.intro')}</p>
      {notice && <Notice kind="success" title={t(`jobs.notices.${notice}`)} />}
      <Counts ctx={ctx} counts={data.counts} />
      <Definitions ctx={ctx} definitions={data.definitions} />
      <FailedJobs ctx={ctx} failed={data.failed} total={data.failedTotal} />
      <JobList ctx={ctx} query={query} data={{ ...data, names: data.definitions.map((d) => d.name) }} />
    </AdminLayout>
  );
}
