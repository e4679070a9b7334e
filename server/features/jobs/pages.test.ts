import { randomUUID } from 'node:crypto';
import { Type as T } from '@sinclair/typebox';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobDefinition } from '../../platform/jobs/types.js';
import { buildTestApp, type TestApp } from '../../test/app.js';
import { createStaff, getPage, login, postForm } from '../../test/factories/users.js';
import { waitForJob } from '../../test/wait.js';

const log = pino({ level: 'silent' });
let broken = true;
const testJobs: JobDefinition[] = [
  {
    name: 'pages-test.import-feed',
    description: 'Imports a feed',
    payload: T.Object({ municipalityId: T.Optional(T.String()), feed: T.String() }, { additionalProperties: false }),
    retry: { limit: 0, delaySeconds: 0, backoff: false },
    async run() {
      if (broken) throw new Error('feed server answered 503');
      return { imported: 2 };
    },
  },
];

let t: TestApp;
let admin: { cookie: string; csrf: string };
let adminId: number;
let agent: { cookie: string; csrf: string };
let failedId: string;

async function auditRows(action: string) {
  const { rows } = await t.db.query<{ actor_id: number; entity_id: string; after: unknown }>(
    'SELECT actor_id, entity_id, after FROM audit_log WHERE municipality_id = $1 AND action = $2 ORDER BY id',
    [t.config.municipality.id, action],
  );
  return rows;
}

beforeAll(async () => {
  t = await buildTestApp({ jobs: testJobs, env: { JOBS_POLL_SECONDS: '0.5' } });
  const staff = await createStaff(t, { role: 'admin' });
  adminId = staff.id;
  admin = await login(t, staff);
  agent = await login(t, await createStaff(t, { role: 'bsc_agent' }));
  await t.queue.startWorker(log);
  failedId = (await t.queue.enqueue('pages-test.import-feed', {
    municipalityId: t.config.municipality.id,
    feed: 'https://feed.example/news',
  })) as string;
  await waitForJob(t.queue, failedId, ['failed']);
});
afterAll(() => t.close());

describe('job overview', () => {
  it('shows counts, definitions with schedule, and failed jobs with their error to admins', async () => {
    const res = await getPage(t, admin, '/admin/jobs');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<h1 class="kern-heading-large">Hintergrundaufgaben</h1>');
    expect(res.body).toContain('users.purge-expired-sessions');
    expect(res.body).toContain('0 * * * *');
    expect(res.body).toContain('Löscht abgelaufene Anmeldungen von Mitarbeitenden');
    expect(res.body).toContain('feed server answered 503');
    expect(res.body).toContain(`action="/admin/jobs/${failedId}/retry"`);
    expect(res.body).toMatch(/Fehlgeschlagen<\/dt><dd[^>]*><a[^>]*href="\/admin\/jobs\?state=failed#jobs">1 Auftrag/);
    expect(res.body).toContain('href="/admin/jobs"'); // navigation entry
  });

  it('filters the job list by state and name, in English too', async () => {
    const failed = await getPage(t, admin, '/admin/jobs?state=failed&name=pages-test.import-feed&lang=en');
    expect(failed.body).toContain('1 job, newest first');
    expect(failed.body).toContain('<option value="failed" selected>Failed</option>');
    const running = await getPage(t, admin, '/admin/jobs?state=active&lang=en');
    expect(running.body).toContain('No jobs for this selection.');
    const junk = await getPage(t, admin, '/admin/jobs?state=%27;drop&page=-3');
    expect(junk.statusCode).toBe(200);
  });

  it('shows one job with its payload and error', async () => {
    const res = await getPage(t, admin, `/admin/jobs/${failedId}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Auftrag pages-test.import-feed');
    expect(res.body).toContain('https://feed.example/news');
    expect(res.body).toContain('feed server answered 503');
    expect((await getPage(t, admin, '/admin/jobs/not-a-job')).statusCode).toBe(404);
    expect((await getPage(t, admin, `/admin/jobs/${randomUUID()}`)).statusCode).toBe(404);
  });

  it('hides jobs of other municipalities', async () => {
    const foreign = (await t.queue.enqueue('pages-test.import-feed', {
      municipalityId: 'another-city',
      feed: 'https://feed.example/other',
    })) as string;
    expect((await getPage(t, admin, `/admin/jobs/${foreign}`)).statusCode).toBe(404);
    expect((await getPage(t, admin, '/admin/jobs')).body).not.toContain(foreign);
  });

  it('is for admins only', async () => {
    expect((await getPage(t, agent, '/admin/jobs')).statusCode).toBe(403);
    expect((await getPage(t, agent, `/admin/jobs/${failedId}`)).statusCode).toBe(403);
    const anonymous = await getPage(t, undefined, '/admin/jobs');
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toContain('/admin/login');
    expect((await getPage(t, agent, '/admin')).body).not.toContain('href="/admin/jobs"');
  });
});

describe('run again and run now', () => {
  it('refuses a retry without CSRF token or by a non-admin, and changes nothing', async () => {
    for (const token of [undefined, 'forged']) {
      const res = await postForm(t, admin, `/admin/jobs/${failedId}/retry`, { _csrf: token });
      expect(res.statusCode).toBe(403);
    }
    expect((await postForm(t, agent, `/admin/jobs/${failedId}/retry`)).statusCode).toBe(403);
    expect((await t.queue.getJob(failedId)).state).toBe('failed');
    expect(await auditRows('job.retry')).toEqual([]);
  });

  it('runs a failed job again, audited with the admin as actor', async () => {
    broken = false;
    const res = await postForm(t, admin, `/admin/jobs/${failedId}/retry`, { back: 'detail' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/admin/jobs/${failedId}?done=retried`);
    expect(await auditRows('job.retry')).toEqual([
      { actor_id: adminId, entity_id: failedId, after: { name: 'pages-test.import-feed', state: 'retry' } },
    ]);
    await waitForJob(t.queue, failedId, ['completed']);
    const page = await getPage(t, admin, `/admin/jobs/${failedId}?done=retried`);
    expect(page.body).toContain('Der Auftrag wird erneut ausgeführt.');
    expect(page.body).toContain('imported');
    const again = await postForm(t, admin, `/admin/jobs/${failedId}/retry`);
    expect(again.statusCode).toBe(409);
  });

  it('runs a definition now, audited', async () => {
    const res = await postForm(t, admin, '/admin/jobs/run', { name: 'users.purge-expired-sessions' });
    expect(res.statusCode).toBe(303);
    const id = /^\/admin\/jobs\/([0-9a-f-]{36})\?done=enqueued$/.exec(String(res.headers.location))?.[1] as string;
    expect((await t.queue.getJob(id)).name).toBe('users.purge-expired-sessions');
    expect(await auditRows('job.run')).toEqual([
      { actor_id: adminId, entity_id: id, after: { name: 'users.purge-expired-sessions', payload: {} } },
    ]);
    expect((await postForm(t, admin, '/admin/jobs/run', { name: 'pages-test.import-feed' })).statusCode).toBe(400);
    expect((await postForm(t, admin, '/admin/jobs/run', { name: 'nope.nothing' })).statusCode).toBe(404);
    expect(
      (await postForm(t, admin, '/admin/jobs/run', { name: 'users.purge-expired-sessions', _csrf: '' })).statusCode,
    ).toBe(403);
  });

  it('exposes job metrics at /metrics', async () => {
    const res = await t.app.inject({ url: '/metrics' });
    expect(res.body).toContain('jobs_completed_total{job="pages-test.import-feed"} 1');
    expect(res.body).toContain('jobs_failed_total{job="pages-test.import-feed"} 2');
    expect(res.body).toContain('# TYPE job_duration_seconds histogram');
    expect(res.body).toMatch(/jobs_in_state\{state="completed"\} [1-9]/);
  });
});
