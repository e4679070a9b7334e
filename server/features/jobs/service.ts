import type { StaffPrincipal } from '../../platform/auth/types.js';
import type { Deps } from '../../platform/deps.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { JobDefinitionInfo, JobRecord, JobState } from '../../platform/jobs/types.js';
import { actorOf, recordAudit } from '../audit/service.js';

export const jobPageSize = 50;
const failedShown = 20;

export interface JobOverviewQuery {
  state?: JobState;
  name?: string;
  page: number;
}

export interface JobOverview {
  counts: Record<JobState, number>;
  definitions: JobDefinitionInfo[];
  failed: JobRecord[];
  failedTotal: number;
  jobs: JobRecord[];
  total: number;
  page: number;
  pages: number;
}

/** Everything the job overview shows an admin: counts, definitions, failed jobs and one page of the job list. */
export async function loadJobOverview(
  deps: Deps,
  staff: StaffPrincipal,
  query: JobOverviewQuery,
): Promise<JobOverview> {
  const visibility = { municipalityId: staff.municipalityId };
  const page = Math.max(1, query.page);
  const [counts, definitions, failed, list] = await Promise.all([
    deps.jobs.countJobs(visibility),
    deps.jobs.listDefinitions(),
    deps.jobs.listJobs({ ...visibility, state: 'failed', limit: failedShown }),
    deps.jobs.listJobs({
      ...visibility,
      ...(query.state ? { state: query.state } : {}),
      ...(query.name ? { name: query.name } : {}),
      limit: jobPageSize,
      offset: (page - 1) * jobPageSize,
    }),
  ]);
  return {
    counts,
    definitions,
    failed: failed.jobs,
    failedTotal: failed.total,
    jobs: list.jobs,
    total: list.total,
    page,
    pages: Math.max(1, Math.ceil(list.total / jobPageSize)),
  };
}

/** One job the admin may see; throws not_found. */
export function getJobForStaff(deps: Deps, staff: StaffPrincipal, id: string): Promise<JobRecord> {
  return deps.jobs.getJob(id, { municipalityId: staff.municipalityId });
}

/** Queues a failed job to run again and records who did it. Throws not_found, or conflict unless it failed. */
export function retryFailedJob(deps: Deps, staff: StaffPrincipal, id: string): Promise<JobRecord> {
  return deps.db.transaction(async (tx) => {
    const job = await deps.jobs.retryJob(id, { municipalityId: staff.municipalityId, tx });
    await recordAudit(tx, {
      municipalityId: staff.municipalityId,
      actor: actorOf(staff),
      action: 'job.retry',
      entityType: 'job',
      entityId: id,
      before: { name: job.name, state: job.state, error: job.error },
      after: { name: job.name, state: 'retry' },
      at: deps.now(),
    });
    return job;
  });
}

/**
 * Queues a definition now with its default payload (its schedule's, or {}) and records who did it; returns the job
 * id. Throws not_found for an unknown job, validation_failed when the job needs input only the CLI can give.
 */
export async function runJobNow(deps: Deps, staff: StaffPrincipal, name: string): Promise<string> {
  const def = (await deps.jobs.listDefinitions()).find((d) => d.name === name);
  if (!def) throw notFound('Job');
  const payload = def.defaultPayload;
  if (payload === undefined) throw new AppError('validation_failed', 'This job needs input; start it from the CLI');
  return deps.db.transaction(async (tx) => {
    const id = await deps.jobs.enqueue(name, payload, { tx });
    if (!id) throw new AppError('conflict', 'The job is already queued');
    await recordAudit(tx, {
      municipalityId: staff.municipalityId,
      actor: actorOf(staff),
      action: 'job.run',
      entityType: 'job',
      entityId: id,
      after: { name, payload },
      at: deps.now(),
    });
    return id;
  });
}
