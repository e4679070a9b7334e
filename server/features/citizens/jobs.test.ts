import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobDefinitions } from '../../jobs.js';
import { buildTestApp, countRows, type TestApp } from '../../test/app.js';
import { loginCitizen, postToAcs, startLogin, testSamlIdp } from '../../test/citizen-login.js';
import { purgeExpiredJob } from './jobs.js';
import { purgeAllExpired } from './service.js';

let t: TestApp;

beforeAll(async () => {
  t = await buildTestApp({ env: (await testSamlIdp()).env() });
});
afterAll(async () => {
  await t.close();
  await (await testSamlIdp()).close();
});

const tables = {
  sessions: 'citizen_sessions',
  requests: 'citizen_login_requests',
  completions: 'citizen_login_completions',
  assertions: 'citizen_saml_assertions',
} as const;
const rowsIn = async () => {
  const counts: Record<string, number> = {};
  for (const [kind, table] of Object.entries(tables)) {
    counts[kind] = await countRows(t.db, `SELECT count(*)::int AS n FROM ${table}`);
  }
  return counts;
};
const ctx = (dryRun: boolean) => ({ deps: t.deps, log: t.app.logger, jobId: 'test', attempt: 1, dryRun });

describe('citizens.purge-expired', () => {
  it('is registered nightly, with dry runs, retries and a timeout', () => {
    const def = jobDefinitions.find((d) => d.name === 'citizens.purge-expired');
    expect(def).toBe(purgeExpiredJob);
    expect(def?.schedule?.cron).toBe('25 3 * * *');
    expect(def?.supportsDryRun).toBe(true);
    expect(def?.retry?.limit).toBeGreaterThan(0);
    expect(def?.timeoutSeconds).toBeGreaterThan(0);
  });

  it('deletes expired sessions, login requests, completion codes and assertion IDs; a dry run only counts', async () => {
    // Expired after the move below: a session (its assertion ID, its spent request), an unfinished login, an
    // accepted one whose browser never came back for its completion code; and the other login's assertion ID.
    await loginCitizen(t.app, { pseudonym: 'bpk2-old-1' });
    const live = await loginCitizen(t.app, { pseudonym: 'bpk2-live' });
    await startLogin(t.app);
    await postToAcs(t.app, (await testSamlIdp()).respond(await startLogin(t.app)));
    // One session stays live (in use until after the move below), so it must survive.
    await t.db.query(`UPDATE citizen_sessions SET expires_at = $1, absolute_expires_at = $1 WHERE id_hash = $2`, [
      new Date(t.clock.now.getTime() + 48 * 3_600_000),
      createHash('sha256').update(live.split('=')[1]!).digest('hex'),
    ]);
    t.clock.advance(5 * 3_600_000);
    try {
      // Started after the move: not expired.
      await startLogin(t.app);
      const before = await rowsIn();
      expect(before).toEqual({ sessions: 2, requests: 5, completions: 1, assertions: 3 });

      const dry = await purgeExpiredJob.run({}, ctx(true));
      expect(dry).toEqual({ sessions: 1, requests: 4, completions: 1, assertions: 3, dryRun: true });
      expect(await rowsIn()).toEqual(before);

      const run = await purgeExpiredJob.run({}, ctx(false));
      expect(run).toEqual({ sessions: 1, requests: 4, completions: 1, assertions: 3, dryRun: false });
      expect(await rowsIn()).toEqual({ sessions: 1, requests: 1, completions: 0, assertions: 0 });
      expect(await purgeExpiredJob.run({}, ctx(false))).toEqual({
        sessions: 0,
        requests: 0,
        completions: 0,
        assertions: 0,
        dryRun: false,
      });
    } finally {
      t.clock.advance(-5 * 3_600_000);
    }
  });

  it('works through a backlog in bounded batches', async () => {
    for (let i = 0; i < 5; i++) await startLogin(t.app);
    t.clock.advance(3_600_000);
    try {
      const { requests: expired } = await purgeAllExpired(t.deps, { dryRun: true });
      expect(expired).toBe(5);
      // Two per round and at most two rounds: four now, the rest on the next run.
      expect((await purgeAllExpired(t.deps, { dryRun: false, batch: 2, maxRounds: 2 })).requests).toBe(4);
      expect((await purgeAllExpired(t.deps, { dryRun: false, batch: 2 })).requests).toBe(1);
      expect((await purgeAllExpired(t.deps, { dryRun: true })).requests).toBe(0);
    } finally {
      t.clock.advance(-3_600_000);
    }
  });
});
