import { jobStates } from '../../../platform/jobs/types.js';
import type { PageContext } from '../../../platform/views/context.js';
import type { JobView } from '../present.js';
import type { JobOverviewQuery } from '../service.js';
import { jobTitle, RetryButton, StateBadge, Time } from './parts.js';

/** The overview's URL for a filter and page, scrolled to the job list. */
export function listUrl(query: Partial<JobOverviewQuery>, page = 1): string {
  const q = new URLSearchParams();
  if (query.state) q.set('state', query.state);
  if (query.name) q.set('name', query.name);
  if (page > 1) q.set('page', String(page));
  const s = q.toString();
  return `/admin/jobs${s ? `?${s}` : ''}#jobs`;
}

export interface JobListData {
  names: string[];
  jobs: JobView[];
  total: number;
  page: number;
  pages: number;
}

export function FailedJobs({ ctx, failed, total }: { ctx: PageContext; failed: JobView[]; total: number }) {
  const { t } = ctx.i18n;
  return (
    <section class="bs-section" aria-labelledby="failed-heading" id="failed">
      <h2 class="kern-heading-medium" id="failed-heading">
        {t('jobs.failed.title')}
      </h2>
      {failed.length === 0 ? (
        <p class="kern-body">{t('jobs.failed.none')}</p>
      ) : (
        <section class="bs-table-scroll" tabindex={0} aria-label={t('jobs.failed.caption', { count: total })}>
          <table class="kern-table kern-table--striped">
            <caption class="kern-title">{t('jobs.failed.caption', { count: total })}</caption>
            <thead class="kern-table__head">
              <tr class="kern-table__row">
                <th scope="col" class="kern-table__header">
                  {t('jobs.columns.job')}
                </th>
                <th scope="col" class="kern-table__header">
                  {t('jobs.columns.failedAt')}
                </th>
                <th scope="col" class="kern-table__header">
                  {t('jobs.columns.runs')}
                </th>
                <th scope="col" class="kern-table__header">
                  {t('jobs.columns.error')}
                </th>
                <th scope="col" class="kern-table__header">
                  {t('jobs.columns.action')}
                </th>
              </tr>
            </thead>
            <tbody class="kern-table__body">
              {failed.map((j) => (
                <tr class="kern-table__row" key={j.id}>
                  <th scope="row" class="kern-table__header" id={`failed-${j.id}`}>
                    <a class="kern-link" href={`/admin/jobs/${j.id}`}>
                      {jobTitle(ctx, j.name)}
                    </a>
                  </th>
                  <td class="kern-table__cell">
                    <Time ctx={ctx} value={j.completedAt} />
                  </td>
                  <td class="kern-table__cell">{t('jobs.runs', { runs: j.attempts, max: j.maxAttempts })}</td>
                  <td class="kern-table__cell">
                    <span class="bs-code">{j.error ?? t('jobs.noError')}</span>
                  </td>
                  <td class="kern-table__cell">
                    <RetryButton ctx={ctx} id={j.id} back="overview" describedBy={`failed-${j.id}`} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {total > failed.length && (
            <p class="kern-body">
              <a class="kern-link" href={listUrl({ state: 'failed' })}>
                {t('jobs.failed.all', { count: total })}
              </a>
            </p>
          )}
        </section>
      )}
    </section>
  );
}

function Filter({ ctx, query, names }: { ctx: PageContext; query: JobOverviewQuery; names: string[] }) {
  const { t } = ctx.i18n;
  return (
    <form method="get" action="/admin/jobs#jobs" class="bs-admin-filters" aria-label={t('jobs.filter.label')}>
      <div class="kern-form-input">
        <label class="kern-label" for="state">
          {t('jobs.filter.state')}
        </label>
        <div class="kern-form-input__select-wrapper">
          <select class="kern-form-input__select" id="state" name="state">
            <option value="">{t('jobs.filter.any')}</option>
            {jobStates.map((s) => (
              <option key={s} value={s} selected={query.state === s}>
                {t(`jobs.states.${s}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div class="kern-form-input">
        <label class="kern-label" for="name">
          {t('jobs.filter.name')}
        </label>
        <div class="kern-form-input__select-wrapper">
          <select class="kern-form-input__select" id="name" name="name">
            <option value="">{t('jobs.filter.any')}</option>
            {names.map((n) => (
              <option key={n} value={n} selected={query.name === n}>
                {jobTitle(ctx, n)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div class="kern-btn-wrapper">
        <button type="submit" class="kern-btn kern-btn--primary">
          <span class="kern-label">{t('jobs.filter.apply')}</span>
        </button>
        <a class="kern-btn kern-btn--secondary" href="/admin/jobs#jobs">
          <span class="kern-label">{t('jobs.filter.reset')}</span>
        </a>
      </div>
    </form>
  );
}

export function JobList({ ctx, query, data }: { ctx: PageContext; query: JobOverviewQuery; data: JobListData }) {
  const { t } = ctx.i18n;
  return (
    <section class="bs-section" aria-labelledby="jobs-heading" id="jobs">
      <h2 class="kern-heading-medium" id="jobs-heading">
        {t('jobs.list.title')}
      </h2>
      <Filter ctx={ctx} query={query} names={data.names} />
      {data.jobs.length === 0 ? (
        <p class="kern-body" role="status">
          {t('jobs.list.empty')}
        </p>
      ) : (
        <section class="bs-table-scroll" tabindex={0} aria-label={t('jobs.list.caption', { count: data.total })}>
          <table class="kern-table kern-table--striped">
            <caption class="kern-title">{t('jobs.list.caption', { count: data.total })}</caption>
            <thead class="kern-table__head">
              <tr class="kern-table__row">
                <th scope="col" class="kern-table__header">
                  {t('jobs.columns.job')}
                </th>
                <th scope="col" class="kern-table__header">
                  {t('jobs.columns.state')}
                </th>
                <th scope="col" class="kern-table__header">
                  {t('jobs.columns.createdAt')}
                </th>
                <th scope="col" class="kern-table__header">
                  {t('jobs.columns.startedAt')}
                </th>
                <th scope="col" class="kern-table__header">
                  {t('jobs.columns.completedAt')}
                </th>
                <th scope="col" class="kern-table__header">
                  {t('jobs.columns.runs')}
                </th>
              </tr>
            </thead>
            <tbody class="kern-table__body">
              {data.jobs.map((j) => (
                <tr class="kern-table__row" key={j.id}>
                  <th scope="row" class="kern-table__header">
                    <a class="kern-link" href={`/admin/jobs/${j.id}`}>
                      {jobTitle(ctx, j.name)}
                    </a>
                  </th>
                  <td class="kern-table__cell">
                    <StateBadge ctx={ctx} state={j.state} />
                  </td>
                  <td class="kern-table__cell">
                    <Time ctx={ctx} value={j.createdAt} />
                  </td>
                  <td class="kern-table__cell">
                    <Time ctx={ctx} value={j.startedAt} />
                  </td>
                  <td class="kern-table__cell">
                    <Time ctx={ctx} value={j.completedAt} />
                  </td>
                  <td class="kern-table__cell">{t('jobs.runs', { runs: j.attempts, max: j.maxAttempts })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {data.pages > 1 && (
        <nav class="bs-pagination" aria-label={t('jobs.pagination.label')}>
          {data.page > 1 && (
            <a class="kern-link" href={listUrl(query, data.page - 1)} rel="prev">
              {t('jobs.pagination.previous')}
            </a>
          )}
          <span aria-current="page">{t('jobs.pagination.status', { page: data.page, pages: data.pages })}</span>
          {data.page < data.pages && (
            <a class="kern-link" href={listUrl(query, data.page + 1)} rel="next">
              {t('jobs.pagination.next')}
            </a>
          )}
        </nav>
      )}
    </section>
  );
}
