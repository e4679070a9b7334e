import { requireStaff, staffOf } from '../../platform/auth/guards.js';
import type { App, Deps } from '../../platform/deps.js';
import { text } from '../../platform/http/forms.js';
import { type PageQuery, pageQuerySchema, pageRoutes, single } from '../../platform/http/page-schemas.js';
import { type JobState, jobStates } from '../../platform/jobs/types.js';
import { pageContext } from '../../platform/views/context.js';
import { addAdminNavItem } from '../../platform/views/registry.js';
import { sendHtml } from '../../platform/views/render.js';
import { presentJob } from './present.js';
import { getJobForStaff, type JobOverviewQuery, loadJobOverview, retryFailedJob, runJobNow } from './service.js';
import { JobDetailPage } from './views/detail.js';
import { JobOverviewPage } from './views/overview.js';

const admins = requireStaff('admin');
const overview = { schema: { hide: true, querystring: pageQuerySchema }, preHandler: admins };
const { form, item, itemForm } = pageRoutes(admins);

const isJobState = (s: string | undefined): s is JobState => (jobStates as readonly string[]).includes(s ?? '');

function overviewQuery(q: PageQuery): JobOverviewQuery {
  const state = single(q.state);
  const name = single(q.name);
  const pageNo = Number(single(q.page) ?? 1);
  return {
    ...(isJobState(state) ? { state } : {}),
    ...(name && /^[a-z0-9.-]{1,100}$/.test(name) ? { name } : {}),
    page: Number.isSafeInteger(pageNo) && pageNo > 0 ? pageNo : 1,
  };
}

/** The job overview for admins: counts, definitions, failed jobs (run again), recent jobs, job details; metrics. */
export default async function jobPages(app: App, deps: Deps): Promise<void> {
  deps.jobs.registerMetrics(app.metrics);
  addAdminNavItem(app, { href: '/admin/jobs', labelKey: 'jobs.nav', roles: ['admin'], order: 80 });

  app.get('/admin/jobs', overview, async (request, reply) => {
    const query = overviewQuery(request.query);
    const found = await loadJobOverview(deps, staffOf(request), query);
    const data = { ...found, failed: found.failed.map(presentJob), jobs: found.jobs.map(presentJob) };
    return sendHtml(reply, <JobOverviewPage ctx={pageContext(request, reply)} query={query} data={data} />);
  });

  app.get('/admin/jobs/:id', item, async (request, reply) => {
    const job = await getJobForStaff(deps, staffOf(request), request.params.id);
    const description = (await deps.jobs.listDefinitions()).find((d) => d.name === job.name)?.description;
    const ctx = pageContext(request, reply);
    return sendHtml(reply, <JobDetailPage ctx={ctx} job={presentJob(job)} description={description} />);
  });

  app.post('/admin/jobs/:id/retry', itemForm, async (request, reply) => {
    const { id } = request.params;
    await retryFailedJob(deps, staffOf(request), id);
    const back = text(request.body, 'back');
    return reply.redirect(back === 'detail' ? `/admin/jobs/${id}?done=retried` : '/admin/jobs?done=retried', 303);
  });

  app.post('/admin/jobs/run', form, async (request, reply) => {
    const id = await runJobNow(deps, staffOf(request), text(request.body, 'name'));
    return reply.redirect(`/admin/jobs/${id}?done=enqueued`, 303);
  });
}
