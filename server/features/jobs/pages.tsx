import { requireStaff } from '../../platform/auth/guards.js';
import type { App, Deps } from '../../platform/deps.js';
import { type JobState, jobStates } from '../../platform/jobs/types.js';
import { pageContext } from '../../platform/views/context.js';
import { addAdminNavItem } from '../../platform/views/registry.js';
import { sendHtml } from '../../platform/views/render.js';
import { asForm, text } from '../admin/forms.js';
import { presentJob } from './present.js';
import { getJobForStaff, type JobOverviewQuery, loadJobOverview, retryFailedJob, runJobNow } from './service.js';
import { JobDetailPage } from './views/detail.js';
import { JobOverviewPage } from './views/overview.js';

const page = { schema: { hide: true }, preHandler: requireStaff('admin') };

function overviewQuery(raw: unknown): JobOverviewQuery {
  const q = (raw ?? {}) as Record<string, unknown>;
  const state = typeof q.state === 'string' && (jobStates as readonly string[]).includes(q.state) ? q.state : undefined;
  const name = typeof q.name === 'string' && /^[a-z0-9.-]{1,100}$/.test(q.name) ? q.name : undefined;
  const pageNo = Number(q.page ?? 1);
  return {
    ...(state ? { state: state as JobState } : {}),
    ...(name ? { name } : {}),
    page: Number.isSafeInteger(pageNo) && pageNo > 0 ? pageNo : 1,
  };
}

const idOf = (params: unknown) => String((params as { id?: string }).id ?? '');

/** The job overview for admins: counts, definitions, failed jobs (run again), recent jobs, job details; metrics. */
export default async function jobPages(app: App, deps: Deps): Promise<void> {
  deps.jobs.registerMetrics(app.metrics);
  addAdminNavItem(app, { href: '/admin/jobs', labelKey: 'jobs.nav', roles: ['admin'], order: 80 });

  app.get('/admin/jobs', page, async (request, reply) => {
    const query = overviewQuery(request.query);
    const overview = await loadJobOverview(deps, request.staff!, query);
    const data = { ...overview, failed: overview.failed.map(presentJob), jobs: overview.jobs.map(presentJob) };
    return sendHtml(reply, <JobOverviewPage ctx={pageContext(request, reply)} query={query} data={data} />);
  });

  app.get('/admin/jobs/:id', page, async (request, reply) => {
    const job = await getJobForStaff(deps, request.staff!, idOf(request.params));
    const description = (await deps.jobs.listDefinitions()).find((d) => d.name === job.name)?.description;
    const ctx = pageContext(request, reply);
    return sendHtml(reply, <JobDetailPage ctx={ctx} job={presentJob(job)} description={description} />);
  });

  app.post('/admin/jobs/:id/retry', page, async (request, reply) => {
    const id = idOf(request.params);
    await retryFailedJob(deps, request.staff!, id);
    const back = text(asForm(request.body), 'back');
    return reply.redirect(back === 'detail' ? `/admin/jobs/${id}?done=retried` : '/admin/jobs?done=retried', 303);
  });

  app.post('/admin/jobs/run', page, async (request, reply) => {
    const id = await runJobNow(deps, request.staff!, text(asForm(request.body), 'name'));
    return reply.redirect(`/admin/jobs/${id}?done=enqueued`, 303);
  });
}
