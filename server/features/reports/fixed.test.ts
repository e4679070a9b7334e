import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffPrincipal } from '../../platform/auth/types.js';
import { buildTestApp, type TestApp } from '../../test/app.js';
import { createCategory, createReport, createTestDepartment } from '../../test/factories/reports.js';
import { createStaff, mergeCookies, postForm } from '../../test/factories/users.js';
import { completeReport } from './backoffice/workflow-service.js';
import { getReportFigures } from './figures/service.js';
import { statusMail } from './notify/views/status-mails.js';

// "Ist es behoben?" across rooms: the back office closes as done (workflow), the reporter answers on the status
// page (intake, through the same workflow runner), the figures count the answers. The clock is pinned.

const day = 24 * 60 * 60 * 1000;
const t0 = new Date('2026-11-02T10:00:00Z');
let t: TestApp;
let bsc: StaffPrincipal;
let dept: number;
let categoryId: number;

beforeAll(async () => {
  t = await buildTestApp({ now: t0, env: { RATE_LIMIT_PUBLIC_WRITES_PER_MINUTE: '1000' } });
  dept = await createTestDepartment(t.deps, 'Umweltbetrieb');
  categoryId = await createCategory(t.deps, { code: 'wilder-muell' });
  const staff = await createStaff(t, { role: 'bsc_agent' });
  bsc = {
    id: staff.id,
    municipalityId: t.config.municipality.id,
    email: staff.email,
    displayName: 'Test BSC',
    role: 'bsc_agent',
    departmentIds: [],
  };
});
afterAll(() => t.close());

/** A report with the department, closed as done by the BSC through the workflow. */
async function doneReport() {
  const report = await createReport(t.deps, { categoryId, status: 'accepted', departmentId: dept });
  await completeReport(t.deps, bsc, report.id, { note: 'Der Müll wurde abgeholt.' });
  return report;
}

/** The status page as a browser opens it: HTML, its cookies and CSRF token. */
async function openStatus(token: string, query = '') {
  const res = await t.app.inject({ url: `/meldungen/status/${token}${query}`, headers: { accept: 'text/html' } });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(res.body)?.[1] ?? '';
  return { res, session: { cookie: mergeCookies('', res.cookies), csrf } };
}

async function answer(token: string, fields: Record<string, string>) {
  const { session } = await openStatus(token);
  return postForm(t, session, `/meldungen/status/${token}/behoben`, fields);
}

async function reportRow(id: number) {
  const { rows } = await t.db.query<{ status: string; department_id: number | null; closed_at: Date | null }>(
    'SELECT status, department_id, closed_at FROM reports WHERE id = $1',
    [id],
  );
  return rows[0]!;
}

async function answers(id: number) {
  const { rows } = await t.db.query<{ fixed: boolean; reopened: boolean }>(
    'SELECT fixed, reopened FROM report_fixed_answers WHERE report_id = $1 ORDER BY answered_at',
    [id],
  );
  return rows;
}

describe('"Ist es behoben?" on the status page', () => {
  it('is asked only after closing as done, with the last day', async () => {
    const open = await createReport(t.deps, { categoryId, status: 'accepted', departmentId: dept });
    expect((await openStatus(open.statusToken)).res.body).not.toContain('id="behoben"');
    const report = await doneReport();
    const { res } = await openStatus(report.statusToken);
    expect(res.body).toContain('Ist es behoben?');
    expect(res.body).toContain('30. November 2026');
    expect(res.body).toContain(`action="/meldungen/status/${report.statusToken}/behoben#behoben"`);
  });

  it('"no" needs a comment: the message is beside the field and nothing is stored', async () => {
    const report = await doneReport();
    const res = await answer(report.statusToken, { answer: 'no', comment: '  ' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Bitte beschreiben Sie kurz, was noch nicht in Ordnung ist.');
    expect((await reportRow(report.id)).status).toBe('done');
    expect(await answers(report.id)).toEqual([]);
    const none = await answer(report.statusToken, {});
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('Bitte wählen Sie „Ja“ oder „Nein“.');
  });

  it('"no" with a comment reopens the report into the BSC inbox through the workflow, once', async () => {
    const report = await doneReport();
    const res = await answer(report.statusToken, { answer: 'no', comment: 'Der Kühlschrank steht noch da.' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/meldungen/status/${report.statusToken}?behoben=nein#behoben`);
    expect(await reportRow(report.id)).toEqual({ status: 'received', department_id: null, closed_at: null });
    const { rows: events } = await t.db.query(
      `SELECT kind, status_from, status_to, public, internal_note, actor_id FROM report_events
        WHERE report_id = $1 ORDER BY id DESC LIMIT 1`,
      [report.id],
    );
    expect(events[0]).toEqual({
      kind: 'not_fixed',
      status_from: 'done',
      status_to: 'received',
      public: true,
      internal_note: 'Der Kühlschrank steht noch da.',
      actor_id: null,
    });
    const { rows: audit } = await t.db.query<{ action: string; actor_label: string }>(
      `SELECT action, actor_label FROM audit_log WHERE entity_type = 'report' AND entity_id = $1 ORDER BY id DESC`,
      [String(report.id)],
    );
    expect(audit[0]).toEqual({ action: 'report.not_fixed', actor_label: 'reporter' });
    expect(await answers(report.id)).toEqual([{ fixed: false, reopened: true }]);

    const thanks = (await openStatus(report.statusToken, '?behoben=nein')).res.body;
    expect(thanks).toContain('Ihre Meldung ist wieder geöffnet');
    expect(thanks).toContain('Wieder geöffnet: laut Ihrer Rückmeldung nicht behoben');
    // The comment is for the BSC, not the public history.
    expect(thanks).not.toContain('Der Kühlschrank steht noch da.');

    // A second answer to the same closing changes nothing.
    const again = await answer(report.statusToken, { answer: 'yes' });
    expect(again.statusCode).toBe(303);
    expect(again.headers.location).toBe(`/meldungen/status/${report.statusToken}#behoben`);
    expect(await answers(report.id)).toHaveLength(1);

    // Closed as done again later (the BSC had it again): a new closing, asked again.
    await completeReport(t.deps, bsc, report.id, { note: 'Jetzt ist er weg.' });
    expect((await answer(report.statusToken, { answer: 'yes' })).statusCode).toBe(303);
    expect(await answers(report.id)).toEqual([
      { fixed: false, reopened: true },
      { fixed: true, reopened: false },
    ]);
  });

  it('"yes" only records the answer', async () => {
    const report = await doneReport();
    const res = await answer(report.statusToken, { answer: 'yes' });
    expect(res.headers.location).toBe(`/meldungen/status/${report.statusToken}?behoben=ja#behoben`);
    expect((await reportRow(report.id)).status).toBe('done');
    expect(await answers(report.id)).toEqual([{ fixed: true, reopened: false }]);
    const page = (await openStatus(report.statusToken)).res.body;
    expect(page).toContain('bestätigt, dass der Mangel behoben ist');
    expect(page).not.toContain('name="answer"');
  });

  it('is gone 28 days after closing: no form, and a late "no" reopens nothing', async () => {
    const report = await doneReport();
    const closedAt = (await reportRow(report.id)).closed_at!;
    t.clock.now = new Date(closedAt.getTime() + 28 * day - 60_000);
    expect((await openStatus(report.statusToken)).res.body).toContain('name="answer"');
    const { session } = await openStatus(report.statusToken);
    t.clock.now = new Date(closedAt.getTime() + 28 * day + 1000);
    expect((await openStatus(report.statusToken)).res.body).not.toContain('name="answer"');
    const late = await postForm(t, session, `/meldungen/status/${report.statusToken}/behoben`, {
      answer: 'no',
      comment: 'Immer noch da.',
    });
    expect(late.statusCode).toBe(303);
    expect(late.headers.location).toBe(`/meldungen/status/${report.statusToken}#behoben`);
    expect((await reportRow(report.id)).status).toBe('done');
    expect(await answers(report.id)).toEqual([]);
    t.clock.now = t0;
  });

  it('needs the CSRF token', async () => {
    const report = await doneReport();
    const res = await t.app.inject({
      method: 'POST',
      url: `/meldungen/status/${report.statusToken}/behoben`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      payload: 'answer=no&comment=x',
    });
    expect(res.statusCode).toBe(403);
    expect((await reportRow(report.id)).status).toBe('done');
  });

  it('the figures count yes, no and reopened for the reports of the period', async () => {
    const figures = await getReportFigures(t.deps, { from: '2026-11', to: '2026-11' });
    const { rows } = await t.db.query<{ yes: number; no: number; reopened: number }>(
      `SELECT count(*) FILTER (WHERE fixed)::int AS yes, count(*) FILTER (WHERE NOT fixed)::int AS no,
              count(*) FILTER (WHERE reopened)::int AS reopened
         FROM report_fixed_answers WHERE municipality_id = $1`,
      [t.config.municipality.id],
    );
    expect(figures.fixedAnswers).toEqual(rows[0]);
    expect(figures.fixedAnswers).toEqual({ yes: 2, no: 1, reopened: 1 });
  });
});

describe('the status mail after closing', () => {
  const base = {
    recipient: 'update' as const,
    reference: 'BI-2026-000001',
    category: 'Wilder Müll',
    statusChanged: true,
    link: 'https://example.org/meldungen/status/abc',
    unsubscribe: 'https://example.org/meldungen/status/abc',
  };

  it('asks the reporter "Ist es behoben?" with a link to the question, only when closed as done', () => {
    const m = { ...base, municipality: t.config.municipality };
    const de = statusMail({ ...m, lang: 'de', status: 'done', askFixed: true });
    expect(de.text).toContain('Ist es behoben?');
    expect(de.text).toContain('https://example.org/meldungen/status/abc#behoben');
    expect(de.html).toContain('href="https://example.org/meldungen/status/abc#behoben"');
    const en = statusMail({ ...m, lang: 'en', status: 'done', askFixed: true });
    expect(en.text).toContain('Is it fixed?');
    const rejected = statusMail({ ...m, lang: 'de', status: 'rejected', askFixed: false });
    expect(rejected.text).not.toContain('#behoben');
    const supporter = statusMail({ ...m, lang: 'de', status: 'done', recipient: 'supporter', askFixed: true });
    expect(supporter.text).not.toContain('#behoben');
  });
});
