import { exportJWK, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, countRows, type TestApp } from '../../test/app.js';
import { seedServicesDemo } from '../services/import.js';
import { importDefinitions, readDemoDefinitions } from './core/catalogue.js';
import { setOfficeKey } from './core/office-keys.js';
import { purgeApplications } from './core/retention.js';
import { sendDraft } from './forms/send-service.js';
import { type Applicant, getDraft, newOwnerToken, saveStep, startDraft } from './forms/service.js';
import { changeStatus } from './inbox/service.js';

// Retention: decided applications go with their mailbox after APPLICATIONS_RETENTION_DAYS of quiet; open ones stay;
// a delivered FIT-Connect application keeps its mailbox row but loses its ciphertext after a week.

let t: TestApp;
const m = () => t.config.municipality.id;
const day = 86_400_000;

beforeAll(async () => {
  t = await buildTestApp({ now: '2026-12-03T09:30:00Z', env: { APPLICATIONS_RETENTION_DAYS: '90' } });
  await seedServicesDemo(t.deps);
  await importDefinitions(t.deps, m(), readDemoDefinitions());
  const { publicKey } = await generateKeyPair('RSA-OAEP-256', { modulusLength: 4096, extractable: true });
  await setOfficeKey(t.deps, m(), 'umweltbetrieb', { ...(await exportJWK(publicKey)), kid: 'ub-1' });
}, 120_000);
afterAll(() => t.close());

/** A Sperrmüll application sent through the services, as the pages would. */
async function sendOne(): Promise<string> {
  const applicant: Applicant = { attributes: {}, ownerHash: newOwnerToken().hash };
  const id = await startDraft(t.deps, m(), 'sperrmuell-termin', applicant);
  const place = {
    givenName: 'Erika',
    familyName: 'Mustermann',
    street: 'Niederwall 23',
    postalCode: '33602',
    phone: '0521 123456',
    email: '',
  };
  expect(
    await saveStep(t.deps, m(), await getDraft(t.deps, m(), 'sperrmuell-termin', id, applicant), 0, place, []),
  ).toEqual({});
  const items = { kinds: ['furniture'], volume: '2', wish: '2026-12-20', note: '' };
  expect(
    await saveStep(t.deps, m(), await getDraft(t.deps, m(), 'sperrmuell-termin', id, applicant), 1, items, []),
  ).toEqual({});
  const open = await getDraft(t.deps, m(), 'sperrmuell-termin', id, applicant);
  return (await sendDraft(t.deps, m(), open, applicant, { notifyEmail: null, language: 'de' })).applicationId;
}

describe('retention of applications', () => {
  it('deletes a decided application after the quiet period, keeps open ones, and drops delivered ciphertexts', async () => {
    const actor = { id: null, label: 'test' };
    const decided = await sendOne();
    const open = await sendOne();
    const delivered = await sendOne();
    await changeStatus(
      t.deps,
      m(),
      { role: 'admin', departmentIds: [] },
      decided,
      { status: 'decided', message: 'Termin: 20.12.' },
      actor,
    );
    await t.db.query(`UPDATE applications SET delivery = 'fit-connect', delivered_at = $2 WHERE id = $1`, [
      delivered,
      t.deps.now(),
    ]);

    t.clock.advance(8 * day);
    expect(await purgeApplications(t.deps, { dryRun: false })).toEqual({ deleted: 0, cleared: 1, skipped: 0 });
    const { rows } = await t.db.query<{ id: string; data_jwe: string }>(
      'SELECT id, data_jwe FROM applications ORDER BY created_at',
    );
    expect(rows.find((r) => r.id === delivered)?.data_jwe).toBe('');
    expect(rows.find((r) => r.id === open)?.data_jwe).not.toBe('');

    // A message restarts the quiet period.
    t.clock.advance(80 * day);
    await changeStatus(
      t.deps,
      m(),
      { role: 'admin', departmentIds: [] },
      decided,
      { status: '', message: 'Bitte stellen Sie die Sachen bis 7 Uhr raus.' },
      actor,
    );
    t.clock.advance(85 * day);
    expect(await purgeApplications(t.deps, { dryRun: true })).toMatchObject({ due: 1, dryRun: true });
    expect(await purgeApplications(t.deps, { dryRun: false })).toEqual({ deleted: 1, cleared: 0, skipped: 0 });
    const left = await t.db.query<{ id: string }>('SELECT id FROM applications');
    expect(left.rows.map((r) => r.id).sort()).toEqual([open, decided].sort());

    t.clock.advance(10 * day);
    expect(await purgeApplications(t.deps, { dryRun: false })).toEqual({ deleted: 1, cleared: 0, skipped: 0 });
    expect((await t.db.query<{ id: string }>('SELECT id FROM applications')).rows.map((r) => r.id)).toEqual([open]);
    expect(
      await countRows(t.db, 'SELECT count(*)::int AS n FROM application_events WHERE application_id = $1', [decided]),
    ).toBe(0);
  });
});
