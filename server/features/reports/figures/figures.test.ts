import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { points, seedTestAddresses } from '../../../test/factories/addresses.js';
import { createCategory, createReport, createTestDepartment } from '../../../test/factories/reports.js';
import { createStaff, getPage, login } from '../../../test/factories/users.js';
import { getReportFigures, median } from './service.js';

let t: TestApp;
let analyst: { cookie: string; csrf: string };
const period = { from: '2026-01', to: '2026-06' };

async function report(
  categoryId: number,
  createdAt: string,
  o: { closedAt?: string; status?: 'done' | 'rejected' | 'received'; at?: keyof typeof points; abusive?: boolean } = {},
) {
  const r = await createReport(t.deps, {
    categoryId,
    createdAt: new Date(createdAt),
    status: o.status ?? (o.closedAt ? 'done' : 'received'),
    ...points[o.at ?? 'mitte'],
  });
  await t.db.query('UPDATE reports SET closed_at = $2, abusive = $3 WHERE id = $1', [
    r.id,
    o.closedAt ? new Date(o.closedAt) : null,
    o.abusive ?? false,
  ]);
  return r;
}

beforeAll(async () => {
  t = await buildTestApp();
  t.clock.now = new Date('2026-06-15T08:00:00Z');
  await seedTestAddresses(t.deps);
  const muell = await createCategory(t.deps, { code: 'wilder-muell', name: { de: 'Wilder Müll', en: 'Fly-tipping' } });
  const licht = await createCategory(t.deps, {
    code: 'beleuchtung',
    name: { de: '=Straßenbeleuchtung', en: 'Street lights' },
  });
  // Done after 3 working days (Tue–Thu) = 3 calendar days.
  await report(muell, '2026-01-05T09:00:00Z', { closedAt: '2026-01-08T09:00:00Z' });
  await report(muell, '2026-01-20T09:00:00Z');
  // 7 working days, 9 calendar days.
  await report(licht, '2026-03-02T09:00:00Z', { closedAt: '2026-03-11T09:00:00Z', at: 'schildesche' });
  // Over Easter: Good Friday and Easter Monday are holidays in NRW, so 1 working day, 5 calendar days.
  await report(licht, '2026-04-02T09:00:00Z', { closedAt: '2026-04-07T09:00:00Z', at: 'schildesche' });
  // Rejected: closed, but not done.
  await report(muell, '2026-04-10T09:00:00Z', { closedAt: '2026-04-11T09:00:00Z', status: 'rejected' });
  // Outside every district (e.g. made through Open311 at the edge).
  await report(muell, '2026-06-01T09:00:00Z', { at: 'outside' });
  // Not counted: abusive, or outside the period.
  await report(muell, '2026-02-01T09:00:00Z', { abusive: true });
  await report(muell, '2025-12-31T22:59:00Z');
  // 2026-07-01 00:30 in Berlin is already July.
  await report(muell, '2026-06-30T22:30:00Z');
  analyst = await login(t, await createStaff(t, { role: 'analyst' }));
});
afterAll(() => t?.close());

const expected = {
  period,
  total: 6,
  byMonth: [
    { month: '2026-01', count: 2 },
    { month: '2026-02', count: 0 },
    { month: '2026-03', count: 1 },
    { month: '2026-04', count: 2 },
    { month: '2026-05', count: 0 },
    { month: '2026-06', count: 1 },
  ],
  byCategory: [
    { code: 'wilder-muell', name: { de: 'Wilder Müll', en: 'Fly-tipping' }, count: 4 },
    { code: 'beleuchtung', name: { de: '=Straßenbeleuchtung', en: 'Street lights' }, count: 2 },
  ],
  byDistrict: [
    { key: 'mitte', name: 'Mitte', count: 3 },
    { key: 'schildesche', name: 'Schildesche', count: 2 },
    { key: null, name: null, count: 1 },
  ],
  byStatus: [
    { status: 'received', count: 2 },
    { status: 'forwarded', count: 0 },
    { status: 'accepted', count: 0 },
    { status: 'in_progress', count: 0 },
    { status: 'done', count: 3 },
    { status: 'rejected', count: 1 },
    { status: 'external', count: 0 },
  ],
  timeToDone: { reports: 3, medianCalendarDays: 5, medianWorkingDays: 3 },
  // "Ist es behoben?" answers (none here; fixed.test.ts counts real ones).
  fixedAnswers: { yes: 0, no: 0, reopened: 0 },
};

describe('report figures', () => {
  it('counts per month (local time), category, district and status, with medians to done', async () => {
    expect(await getReportFigures(t.deps, period)).toEqual(expected);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });

  it('answers the public JSON API with aggregates only, cached', async () => {
    const res = await t.app.inject({ url: `/api/reports/figures?from=${period.from}&to=${period.to}` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(expected);
    expect(res.headers['cache-control']).toBe('public, max-age=300');
    expect(res.body).not.toMatch(/@|Erika|reporter|description/);

    const defaults = await t.app.inject({ url: '/api/reports/figures' });
    expect(defaults.json().period).toEqual({ from: '2025-07', to: '2026-06' });
  });

  it('refuses a malformed or reversed period', async () => {
    const bad = await t.app.inject({ url: '/api/reports/figures?from=2026-13' });
    expect(bad.statusCode).toBe(400);
    const reversed = await t.app.inject({ url: '/api/reports/figures?from=2026-05&to=2026-01' });
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json()).toMatchObject({ code: 'validation_failed', errors: [{ field: 'to' }] });
    const tooLong = await t.app.inject({ url: '/api/reports/figures?from=2000-01&to=2026-01' });
    expect(tooLong.json()).toMatchObject({ code: 'validation_failed', errors: [{ field: 'from' }] });
    const unknown = await t.app.inject({ url: '/api/reports/figures?reporter=x' });
    expect(unknown.statusCode).toBe(400);
  });

  it('shows the figures page to admins, analysts and BSC agents only', async () => {
    const page = await getPage(t, analyst, `/admin/zahlen/meldungen?from=${period.from}&to=${period.to}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<caption class="kern-title">Meldungen pro Monat</caption>');
    expect(page.body).toContain('Januar 2026');
    expect(page.body).toContain('Ohne Stadtbezirk');
    expect(page.body).toContain('href="/admin/zahlen/meldungen"');
    expect(page.body).toMatch(/Median bis erledigt, in Arbeitstagen<\/dt><dd[^>]*>3 Tage/);
    expect(page.body).toContain(`href="/admin/zahlen/meldungen.csv?from=2026-01&amp;to=2026-06"`);

    for (const role of ['admin', 'bsc_agent'] as const) {
      const session = await login(t, await createStaff(t, { role }));
      expect((await getPage(t, session, '/admin/zahlen/meldungen')).statusCode).toBe(200);
    }
    const departmentIds = [await createTestDepartment(t.deps, 'Umweltbetrieb')];
    for (const role of ['department_staff', 'editor'] as const) {
      const session = await login(
        t,
        await createStaff(t, { role, departmentIds: role === 'editor' ? [] : departmentIds }),
      );
      const res = await getPage(t, session, '/admin/zahlen/meldungen');
      expect(res.statusCode).toBe(403);
      expect(res.body).not.toContain('href="/admin/zahlen/meldungen"');
      expect((await getPage(t, session, '/admin/zahlen/meldungen.csv')).statusCode).toBe(403);
    }
    const anonymous = await getPage(t, undefined, '/admin/zahlen/meldungen.csv');
    expect([302, 303, 401]).toContain(anonymous.statusCode);
  });

  it('re-renders the page with the problem beside the field for a bad period', async () => {
    const res = await getPage(t, analyst, '/admin/zahlen/meldungen?from=2026-05&to=2026-01');
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Der Monat „Bis“ darf nicht vor dem Monat „Von“ liegen.');
    expect(res.body).toContain('id="to-error"');
  });

  it('downloads the figures as CSV for German and English spreadsheets', async () => {
    const de = await getPage(t, analyst, `/admin/zahlen/meldungen.csv?from=${period.from}&to=${period.to}`);
    expect(de.statusCode).toBe(200);
    expect(de.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(de.headers['content-disposition']).toBe('attachment; filename="meldungen-zahlen-2026-01-2026-06.csv"');
    const lines = de.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(de.body.startsWith('\uFEFF')).toBe(true);
    expect(lines[0]).toBe('"Bereich";"Schlüssel";"Bezeichnung";"Wert"');
    expect(lines).toContain('"Monat";"2026-01";"Januar 2026";"2"');
    // A category name that looks like a formula is defused.
    expect(lines).toContain(`"Kategorie";"beleuchtung";"'=Straßenbeleuchtung";"2"`);
    expect(lines).toContain('"Stadtbezirk";"";"Ohne Stadtbezirk";"1"');
    expect(lines).toContain('"Zeit bis erledigt";"median_working_days";"Median bis erledigt, in Arbeitstagen";"3"');

    const en = await getPage(t, analyst, `/admin/zahlen/meldungen.csv?from=${period.from}&to=${period.to}&lang=en`);
    const enLines = en.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(enLines[0]).toBe('"Section","Key","Label","Value"');
    expect(enLines).toContain('"Month","2026-01","January 2026","2"');
  });
});
