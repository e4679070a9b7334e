import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobDefinitions } from '../../jobs.js';
import { buildTestApp, type TestApp } from '../../test/app.js';
import { createStaff, login } from '../../test/factories/users.js';
import { purgeExpiredSessionsJob } from './jobs.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const sessionsOf = async (userId: number) =>
  (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM staff_sessions WHERE user_id = $1', [userId]))
    .rows[0]!.n;

describe('users.purge-expired-sessions', () => {
  it('is registered hourly and supports dry runs', () => {
    const def = jobDefinitions.find((d) => d.name === 'users.purge-expired-sessions');
    expect(def).toBe(purgeExpiredSessionsJob);
    expect(def?.schedule?.cron).toBe('0 * * * *');
    expect(def?.supportsDryRun).toBe(true);
  });

  it('deletes expired sessions only, and only counts them in a dry run', async () => {
    const stale = await createStaff(t, { role: 'editor' });
    await login(t, stale);
    await login(t, stale);
    t.clock.advance((t.config.sessionIdleMinutes + 1) * 60_000);
    const fresh = await createStaff(t, { role: 'analyst' });
    await login(t, fresh);
    const ctx = { deps: t.deps, log: t.app.logger, jobId: 'test', attempt: 1 };

    expect(await purgeExpiredSessionsJob.run({}, { ...ctx, dryRun: true })).toMatchObject({ expired: 2 });
    expect(await sessionsOf(stale.id)).toBe(2);

    expect(await purgeExpiredSessionsJob.run({}, { ...ctx, dryRun: false })).toEqual({ deleted: 2 });
    expect(await sessionsOf(stale.id)).toBe(0);
    expect(await sessionsOf(fresh.id)).toBe(1);
    expect(await purgeExpiredSessionsJob.run({}, { ...ctx, dryRun: false })).toEqual({ deleted: 0 });
  });
});
