import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { openForm, postForm } from '../../../test/factories/report-form.js';
import { createCategory, createReport } from '../../../test/factories/reports.js';
import { mergeCookies } from '../../../test/factories/users.js';

// "Das ist auch mein Anliegen" counts once per browser: the second support from the same browser (its cookie)
// adds nothing, also without an e-mail address; another browser still counts.

let t: TestApp;
let categoryId: number;
beforeAll(async () => {
  t = await buildTestApp({ env: { RATE_LIMIT_PUBLIC_WRITES_PER_MINUTE: '1000' } });
  categoryId = await createCategory(t.deps, { code: 'wilder-muell' });
});
afterAll(() => t.close());

const count = async (id: number) =>
  (await t.db.query<{ n: number }>('SELECT supporter_count AS n FROM reports WHERE id = $1', [id])).rows[0]?.n;

describe('supporting once per browser', () => {
  it('remembers the supported report in a cookie of the form pages and counts a second support nothing', async () => {
    const report = await createReport(t.deps, { categoryId });
    const s = await openForm(t);
    const first = await postForm(t, s, '/melden/unterstuetzen', { supportReference: report.reference });
    expect(first.statusCode).toBe(303);
    expect(first.headers.location).toBe(`/melden/unterstuetzt?meldung=${report.reference}`);
    const cookie = first.cookies.find((c) => c.name === 'bs_supported');
    expect(cookie).toMatchObject({ value: report.reference, path: '/melden', httpOnly: true });
    expect(await count(report.id)).toBe(1);

    const again = await postForm(t, { ...s, cookie: mergeCookies(s.cookie, first.cookies) }, '/melden/unterstuetzen', {
      supportReference: report.reference,
    });
    expect(again.headers.location).toBe(`/melden/unterstuetzt?meldung=${report.reference}&bereits=1`);
    expect(await count(report.id)).toBe(1);

    // Another browser (no cookie) still counts.
    const other = await postForm(t, await openForm(t), '/melden/unterstuetzen', { supportReference: report.reference });
    expect(other.headers.location).toBe(`/melden/unterstuetzt?meldung=${report.reference}`);
    expect(await count(report.id)).toBe(2);
  });
});
