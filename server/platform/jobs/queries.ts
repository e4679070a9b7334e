import type { Queryable } from '../db.js';
import type { JobState } from './types.js';

/** The schema pg-boss keeps its tables in. */
export const bossSchema = 'pgboss';

export interface JobRow {
  id: string;
  name: string;
  state: JobState;
  data: unknown;
  output: unknown;
  retry_count: number;
  retry_limit: number;
  created_on: Date;
  start_after: Date;
  started_on: Date | null;
  completed_on: Date | null;
  slot_at: Date | null;
}

export interface JobScope {
  /** Only jobs of these definitions (pg-boss's own queues and foreign ones stay out). */
  names: string[];
  /** Jobs whose payload names another municipality stay out; jobs without one are platform jobs. */
  municipalityId?: string;
}

const columns = `j.id, j.name, j.state::text AS state, j.data, j.output, j.retry_count, j.retry_limit, j.created_on,
  j.start_after, j.started_on, j.completed_on, s.slot_at`;
const fromJobs = `${bossSchema}.job j LEFT JOIN job_schedule_slots s ON s.job_id = j.id AND s.job_name = j.name`;

function scopeWhere(scope: JobScope, params: unknown[]): string {
  params.push(scope.names);
  let where = `j.name = ANY($${params.length}::text[])`;
  if (scope.municipalityId !== undefined) {
    params.push(scope.municipalityId);
    where += ` AND (j.data->>'municipalityId' IS NULL OR j.data->>'municipalityId' = $${params.length})`;
  }
  return where;
}

/** Jobs newest first, filtered by state and name, with the total for paging. */
export async function listJobRows(
  db: Queryable,
  scope: JobScope,
  filter: { state?: JobState; name?: string; limit: number; offset: number },
): Promise<{ rows: JobRow[]; total: number }> {
  const params: unknown[] = [];
  let where = scopeWhere(scope, params);
  if (filter.state) {
    params.push(filter.state);
    where += ` AND j.state::text = $${params.length}`;
  }
  if (filter.name) {
    params.push(filter.name);
    where += ` AND j.name = $${params.length}`;
  }
  const total = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM ${bossSchema}.job j WHERE ${where}`,
    params,
  );
  const { rows } = await db.query<JobRow>(
    `SELECT ${columns} FROM ${fromJobs} WHERE ${where}
     ORDER BY j.created_on DESC, j.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, filter.limit, filter.offset],
  );
  return { rows, total: total.rows[0]?.n ?? 0 };
}

/** One job in scope, or undefined. */
export async function findJobRow(db: Queryable, scope: JobScope, id: string): Promise<JobRow | undefined> {
  const params: unknown[] = [];
  const where = scopeWhere(scope, params);
  params.push(id);
  const { rows } = await db.query<JobRow>(
    `SELECT ${columns} FROM ${fromJobs} WHERE ${where} AND j.id = $${params.length}::uuid`,
    params,
  );
  return rows[0];
}

/** Number of jobs per state in scope. */
export async function countJobStates(db: Queryable, scope: JobScope): Promise<{ state: JobState; n: number }[]> {
  const params: unknown[] = [];
  const where = scopeWhere(scope, params);
  const { rows } = await db.query<{ state: JobState; n: number }>(
    `SELECT j.state::text AS state, count(*)::int AS n FROM ${bossSchema}.job j WHERE ${where} GROUP BY j.state`,
    params,
  );
  return rows;
}

/** Number of jobs per state across all queues (for the metrics gauge). */
export async function countAllJobStates(db: Queryable): Promise<{ state: JobState; n: number }[]> {
  const { rows } = await db.query<{ state: JobState; n: number }>(
    `SELECT state::text AS state, count(*)::int AS n FROM ${bossSchema}.job GROUP BY state`,
  );
  return rows;
}

export interface LastRunRow {
  name: string;
  state: JobState;
  started_on: Date;
  completed_on: Date | null;
}

/** The most recent started run of each named job, including archived ones. */
export async function listLastRuns(db: Queryable, names: string[]): Promise<LastRunRow[]> {
  const { rows } = await db.query<LastRunRow>(
    `SELECT DISTINCT ON (name) name, state::text AS state, started_on, completed_on
     FROM (SELECT name, state, started_on, completed_on FROM ${bossSchema}.job
             WHERE name = ANY($1::text[]) AND started_on IS NOT NULL
           UNION ALL
           SELECT name, state, started_on, completed_on FROM ${bossSchema}.archive
             WHERE name = ANY($1::text[]) AND started_on IS NOT NULL) runs
     ORDER BY name, started_on DESC`,
    [names],
  );
  return rows;
}

/** Makes the current failure of a running job final: it goes to failed instead of waiting for a retry. */
export async function exhaustRetries(db: Queryable, name: string, id: string): Promise<void> {
  await db.query(`UPDATE ${bossSchema}.job SET retry_limit = retry_count WHERE name = $1 AND id = $2::uuid`, [
    name,
    id,
  ]);
}

/**
 * Claims the maintenance turn across processes: true for at most one caller per interval
 * (the same bookkeeping pg-boss's own supervisor uses).
 */
export async function claimMaintenance(db: Queryable, intervalSeconds: number): Promise<boolean> {
  const { rows } = await db.query(
    `UPDATE ${bossSchema}.version SET maintained_on = now()
     WHERE EXTRACT(EPOCH FROM (now() - COALESCE(maintained_on, now() - interval '1 week'))) > $1
     RETURNING true AS claimed`,
    [intervalSeconds],
  );
  return rows.length > 0;
}

/** Records a schedule slot; true when this call inserted it (false: another process or run already did). */
export async function insertScheduleSlot(tx: Queryable, name: string, slot: Date, jobId: string): Promise<boolean> {
  const { rowCount } = await tx.query(
    `INSERT INTO job_schedule_slots (job_name, slot_at, job_id) VALUES ($1, $2, $3::uuid) ON CONFLICT DO NOTHING`,
    [name, slot, jobId],
  );
  return rowCount === 1;
}

/** The latest recorded slot of a job, or undefined if it never ran on schedule. */
export async function findLatestSlot(db: Queryable, name: string): Promise<Date | undefined> {
  const { rows } = await db.query<{ slot_at: Date | null }>(
    'SELECT max(slot_at) AS slot_at FROM job_schedule_slots WHERE job_name = $1',
    [name],
  );
  return rows[0]?.slot_at ?? undefined;
}

/** The slot a scheduled job was enqueued for. */
export async function findSlotOfJob(db: Queryable, name: string, jobId: string): Promise<Date | undefined> {
  const { rows } = await db.query<{ slot_at: Date }>(
    'SELECT slot_at FROM job_schedule_slots WHERE job_id = $1::uuid AND job_name = $2',
    [jobId, name],
  );
  return rows[0]?.slot_at;
}

/** Deletes slot rows older than the cutoff, keeping each job's latest one (the catch-up starting point). */
export async function pruneScheduleSlots(db: Queryable, before: Date): Promise<number> {
  const { rowCount } = await db.query(
    `DELETE FROM job_schedule_slots s WHERE s.slot_at < $1
       AND s.slot_at < (SELECT max(l.slot_at) FROM job_schedule_slots l WHERE l.job_name = s.job_name)`,
    [before],
  );
  return rowCount;
}

/**
 * The named queues that have a job ready to run. A plain read: the worker asks this before fetching, because a
 * fetch is a write (and on embedded PGlite every write is flushed to disk), which idle polling should not cost.
 */
export async function listReadyQueues(db: Queryable, names: string[]): Promise<string[]> {
  const { rows } = await db.query<{ name: string }>(
    `SELECT DISTINCT name FROM pgboss.job WHERE name = ANY($1) AND state < 'active' AND start_after <= now()`,
    [names],
  );
  return rows.map((r) => r.name);
}
