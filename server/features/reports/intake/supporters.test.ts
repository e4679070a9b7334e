import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { openForm, postForm } from '../../../test/factories/report-form.js';
import { createCategory, createReport } from '../../../test/factories/reports.js';
import { solveAltcha } from '../../../test/factories/reports-core.js';
import { createStaff, login, postForm as postStaffForm } from '../../../test/factories/users.js';

// "Das ist auch mein Anliegen": one supporter per address and report (issue 7 §2: five posts with one address
// gave five supporters and later five identical mails).

let t: TestApp;
let categoryId: number;
beforeAll(async () => {
  t = await buildTestApp({ env: { RATE_LIMIT_PUBLIC_WRITES_PER_MINUTE: '1000', ALTCHA_MAX_NUMBER: '1000' } });
  categoryId = await createCategory(t.deps, { code: 'schlagloch', name: { de: 'Schlagloch', en: 'Pothole' } });
});
afterAll(() => t.close());

async function supporters(reportId: number) {
  const { rows } = await t.db.query<{ email: string | null; supporter_count: number }>(
    `SELECT s.email, r.supporter_count FROM report_supporters s JOIN reports r ON r.id = s.report_id
      WHERE s.report_id = $1 ORDER BY s.id`,
    [reportId],
  );
  return rows;
}

describe('one supporter per address and report', () => {
  it('notes the form five times with one address (case and spaces aside) once, and says so', async () => {
    const report = await createReport(t.deps, { categoryId });
    const s = await openForm(t);
    const send = (email: string) =>
      postForm(t, s, '/melden/unterstuetzen', { supportReference: report.reference, email, notifyEmail: '1' });
    const first = await send('nachbar@example.org');
    expect(first.headers.location).toBe(`/melden/unterstuetzt?meldung=${report.reference}&mail=bestaetigen`);
    for (const email of [
      'nachbar@example.org',
      ' Nachbar@Example.ORG ',
      'NACHBAR@example.org',
      'nachbar@example.org',
    ]) {
      const again = await send(email);
      expect(again.statusCode).toBe(303);
      expect(again.headers.location).toBe(`/melden/unterstuetzt?meldung=${report.reference}&bereits=1`);
    }
    const rows = await supporters(report.id);
    expect(rows.map((r) => r.email)).toEqual(['nachbar@example.org']);
    expect(rows[0]?.supporter_count).toBe(1);

    const page = await t.app.inject({
      url: `/melden/unterstuetzt?meldung=${report.reference}&bereits=1`,
      headers: { accept: 'text/html' },
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`Sie unterstützen die Meldung ${report.reference} bereits.`);
  });

  it("treats the reporter's own address as supporting already", async () => {
    const report = await createReport(t.deps, { categoryId, reporterEmail: 'erika@example.org' });
    const s = await openForm(t);
    const res = await postForm(t, s, '/melden/unterstuetzen', {
      supportReference: report.reference,
      email: 'Erika@example.org',
    });
    expect(res.headers.location).toBe(`/melden/unterstuetzt?meldung=${report.reference}&bereits=1`);
    expect(await supporters(report.id)).toEqual([]);
  });

  it('answers the JSON API idempotently: 200, the same count, alreadySupporting', async () => {
    const report = await createReport(t.deps, { categoryId });
    const send = async (email: string) =>
      t.app.inject({
        method: 'POST',
        url: `/api/reports/${report.reference}/supporters`,
        payload: { email, notifyEmail: true, language: 'de', altcha: await solveAltcha(t.deps) },
      });
    const first = await send('api@example.org');
    expect(first.json()).toEqual({ supporterCount: 1, alreadySupporting: false });
    const again = await send('API@example.org ');
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ supporterCount: 1, alreadySupporting: true });
    // Without an address nobody can be told apart: each one counts.
    const anonymous = await t.app.inject({
      method: 'POST',
      url: `/api/reports/${report.reference}/supporters`,
      payload: { notifyEmail: false, language: 'de', altcha: await solveAltcha(t.deps) },
    });
    expect(anonymous.json()).toEqual({ supporterCount: 2, alreadySupporting: false });
  });

  it('refuses a second row with the same address in the database itself', async () => {
    const report = await createReport(t.deps, { categoryId });
    const insert = (email: string) =>
      t.db.query(`INSERT INTO report_supporters (municipality_id, report_id, email) VALUES ($1, $2, $3)`, [
        t.config.municipality.id,
        report.id,
        email,
      ]);
    await insert('twice@example.org');
    await expect(insert(' TWICE@example.org')).rejects.toThrow(/report_supporters_email_key/);
  });

  it('merging keeps one supporter per address: a supporter of both reports moves without the address', async () => {
    const bsc = await login(t, await createStaff(t, { role: 'bsc_agent' }));
    const target = await createReport(t.deps, { categoryId, reporterEmail: 'erste@example.org' });
    const dup = await createReport(t.deps, { categoryId, reporterEmail: 'zweite@example.org' });
    const support = (reportId: number, email: string) =>
      t.db.query(
        `INSERT INTO report_supporters (municipality_id, report_id, email, notify_email) VALUES ($1, $2, $3, true)`,
        [t.config.municipality.id, reportId, email],
      );
    await support(target.id, 'beide@example.org');
    await support(dup.id, 'Beide@example.org');
    const merged = await postStaffForm(t, bsc, `/admin/meldungen/${dup.id}/zusammenfuehren`, {
      reference: target.reference,
    });
    expect(merged.statusCode).toBe(303);
    const emails = (await supporters(target.id)).map((r) => r.email);
    expect(emails.filter((e) => e?.toLowerCase() === 'beide@example.org')).toHaveLength(1);
    expect(emails).toContain('zweite@example.org');
  });
});
