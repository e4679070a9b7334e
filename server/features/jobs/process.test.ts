import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { type Db, openPglite, openPostgres } from '../../platform/db.js';
import {
  createDatabaseFromTemplate,
  fixtureEnv,
  type LogLine,
  type ServerProcess,
  spawnJobServer,
} from '../../test/fixtures/processes.js';
import { waitFor } from '../../test/wait.js';

const postgres = !!process.env.TEST_DATABASE_URL;
if (!postgres) {
  console.info('[jobs] two-scheduler test skipped: it needs TEST_DATABASE_URL (one PGlite data dir = one process)');
}
const running: ServerProcess[] = [];

afterEach(async () => {
  for (const p of running.splice(0)) {
    if (p.child.exitCode === null && p.child.signalCode === null) {
      p.child.kill('SIGKILL');
      await p.exited;
    }
  }
});

function start(env: Record<string, string>): ServerProcess {
  const p = spawnJobServer(env);
  running.push(p);
  return p;
}

const isStarted = (line: LogLine) => line.msg === 'Bürgerservice started';

/** Opens the database the servers used (PGlite only once they have exited: one process per data dir). */
function openUsedDb(env: Record<string, string>): Promise<Db> {
  return env.DATABASE_URL ? openPostgres(env.DATABASE_URL, 2) : openPglite(`${env.DATA_DIR}/pglite`);
}

describe('job server processes', () => {
  it('runs a job again after the server running it was killed with kill -9', { timeout: 120_000 }, async () => {
    const env = fixtureEnv(postgres ? { DATABASE_URL: await createDatabaseFromTemplate() } : {});
    const id = randomUUID();
    const first = start({ ...env, FIXTURE_ENQUEUE_SLOW_ID: id, FIXTURE_SLOW_MS: '3000' });
    await first.waitForLog((l) => l.msg === 'job started' && l.jobId === id && l.attempt === 1, 60_000, 'first run');
    first.child.kill('SIGKILL');
    expect(await first.exited).toBeNull();
    expect(first.lines.some((l) => l.msg === 'job completed')).toBe(false);

    const killedAt = Date.now();
    const second = start(env); // same DATA_DIR on PGlite, same database on PostgreSQL
    await second.waitForLog(isStarted, 60_000, 'restart');
    const restartMs = Date.now() - killedAt;
    const done = await second.waitForLog((l) => l.msg === 'job completed' && l.jobId === id, 60_000, 'rerun');
    const recoveryMs = Date.now() - killedAt;
    expect(done.attempt).toBe(2);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);

    const db = await openUsedDb(env);
    try {
      const { rows: events } = await db.query<{ kind: string; attempt: number }>(
        'SELECT kind, attempt FROM fixture_job_events WHERE job_id = $1 ORDER BY id',
        [id],
      );
      expect(events.filter((e) => e.kind === 'slow-finished')).toEqual([{ kind: 'slow-finished', attempt: 2 }]);
      expect(events).toContainEqual({ kind: 'slow-started', attempt: 2 });
      const { rows: jobs } = await db.query<{ state: string }>('SELECT state::text FROM pgboss.job WHERE id = $1', [
        id,
      ]);
      expect(jobs).toEqual([{ state: 'completed' }]);
    } finally {
      await db.close();
    }
    console.info(
      `[jobs] kill -9 recovery on ${postgres ? 'PostgreSQL' : 'PGlite'}: restart ${restartMs} ms, ` +
        `job completed ${recoveryMs} ms after the kill (timeout 5 s + 3 s run)`,
    );
  });

  it('finishes a running job before exiting on SIGTERM', { timeout: 120_000 }, async () => {
    const env = fixtureEnv(postgres ? { DATABASE_URL: await createDatabaseFromTemplate() } : {});
    const id = randomUUID();
    const server = start({ ...env, FIXTURE_ENQUEUE_SLOW_ID: id, FIXTURE_SLOW_MS: '2000' });
    await server.waitForLog((l) => l.msg === 'job started' && l.jobId === id, 60_000, 'job start');
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    const messages = server.lines.map((l) => l.msg);
    expect(messages.indexOf('job completed')).toBeGreaterThan(
      messages.indexOf('shutting down: finishing requests and running jobs'),
    );
    const db = await openUsedDb(env);
    try {
      const { rows } = await db.query<{ state: string }>('SELECT state::text FROM pgboss.job WHERE id = $1', [id]);
      expect(rows).toEqual([{ state: 'completed' }]);
      const { rows: finished } = await db.query(
        "SELECT attempt FROM fixture_job_events WHERE job_id = $1 AND kind = 'slow-finished'",
        [id],
      );
      expect(finished).toEqual([{ attempt: 1 }]);
    } finally {
      await db.close();
    }
  });

  it.skipIf(!postgres)(
    'runs every scheduled slot exactly once with two scheduler processes on one PostgreSQL database ' +
      '(PostgreSQL only: a PGlite data directory belongs to one process)',
    { timeout: 120_000 },
    async () => {
      const env = fixtureEnv({ DATABASE_URL: await createDatabaseFromTemplate(), FIXTURE_TICK: '1' });
      const servers = [start(env), start({ ...env, DATA_DIR: `${env.DATA_DIR}-b` })];
      await Promise.all(servers.map((s) => s.waitForLog(isStarted, 60_000, 'start')));
      const db = await openPostgres(env.DATABASE_URL as string, 2);
      try {
        // Let both schedulers race for about ten seconds: until five slots have run.
        await waitFor(
          'five tick slots to run',
          async () => {
            const { rows } = await db.query<{ n: number }>(
              "SELECT count(DISTINCT slot_at)::int AS n FROM fixture_job_events WHERE kind = 'tick'",
            );
            return (rows[0]?.n ?? 0) >= 5;
          },
          45_000,
        );
        for (const s of servers) s.child.kill('SIGTERM');
        expect(await Promise.all(servers.map((s) => s.exited))).toEqual([0, 0]);

        const { rows: ran } = await db.query<{ slot: string; runs: number }>(
          `SELECT slot_at::text AS slot, count(*)::int AS runs FROM fixture_job_events
           WHERE kind = 'tick' GROUP BY slot_at ORDER BY slot_at`,
        );
        expect(ran.filter((r) => r.runs !== 1)).toEqual([]);
        const { rows: slots } = await db.query<{ slot_at: Date; state: string | null }>(
          `SELECT s.slot_at, j.state::text AS state FROM job_schedule_slots s
           LEFT JOIN pgboss.job j ON j.id = s.job_id AND j.name = s.job_name
           WHERE s.job_name = 'test.tick' ORDER BY s.slot_at`,
        );
        // Consecutive slots 2 s apart: none skipped, none twice (the primary key forbids that anyway).
        const gaps = slots
          .slice(1)
          .map((s, i) => s.slot_at.getTime() - (slots[i] as { slot_at: Date }).slot_at.getTime());
        expect(new Set(gaps)).toEqual(new Set([2000]));
        expect(slots.filter((s) => s.state === 'completed').length).toBe(ran.length);
        // Shut down before the worker fetched them: the last slots may still wait; nothing else may.
        expect(slots.every((s) => s.state === 'completed' || s.state === 'created')).toBe(true);

        const enqueuedBy = servers.map((s) => s.lines.filter((l) => l.msg === 'scheduled job enqueued').length);
        const { rows: runners } = await db.query<{ pid: number; n: number }>(
          "SELECT pid, count(*)::int AS n FROM fixture_job_events WHERE kind = 'tick' GROUP BY pid ORDER BY pid",
        );
        console.info(
          `[jobs] two schedulers: ${slots.length} slots enqueued (process A ${enqueuedBy[0]}, B ${enqueuedBy[1]}), ` +
            `${ran.length} ran, each once; runs per process: ${runners.map((r) => r.n).join(' + ')}`,
        );
      } finally {
        await db.close();
      }
    },
  );
});
