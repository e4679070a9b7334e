import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { openForm, postForm } from '../../../test/factories/report-form.js';
import { createCategory } from '../../../test/factories/reports.js';

// /melden/schritt (a preview step without JavaScript) took 4 × 10 MB files and 200 large fields at the read rate
// limit and held them in memory before the CSRF check (issue 7 §2). Now: photos checked and kept for the draft
// (issue 9: a repeated step loses none), few small fields, the write limit, no CSRF cookie → refused before the
// body is read, too long → 413.

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ env: { RATE_LIMIT_PUBLIC_WRITES_PER_MINUTE: '3', REPORT_PHOTO_MAX_BYTES: '100000' } });
  await createCategory(t.deps, { code: 'laub', name: { de: 'Laub', en: 'Leaves' } });
});
afterAll(() => t.close());

describe('the report form steps without JavaScript', () => {
  it('checks photos before keeping them, refuses a body longer than the form can be, and many fields', async () => {
    const s = await openForm(t);
    const photo = { data: Buffer.alloc(50_000, 1), name: 'a.jpg' };
    const step = await postForm(t, s, '/melden/schritt', { category: 'laub', step: 'category' }, [photo, photo]);
    expect(step.statusCode).toBe(400);
    expect(step.body).toContain('Diese Datei ist kein Foto');
    expect((await t.db.query('SELECT 1 FROM report_draft_photos')).rows).toEqual([]);

    // Above the write limit for the fields (1 MB here) plus four photos: refused by its length, unread.
    const huge = await postForm(t, s, '/melden/schritt', { category: 'laub', description: 'x'.repeat(1_500_000) });
    expect(huge.statusCode).toBe(413);

    const fields: Record<string, string> = { category: 'laub' };
    for (let i = 0; i < 150; i++) fields[`f${i}`] = 'x';
    const many = await postForm(t, s, '/melden/schritt', fields);
    expect(many.statusCode).toBe(413);
  });

  it('answers a form post without the CSRF cookie with 403, and an API-style client with a problem', async () => {
    const s = await openForm(t);
    const res = await postForm(t, { ...s, cookie: '' }, '/melden/schritt', { category: 'laub' });
    expect(res.statusCode).toBe(403);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('Formular');
  });

  it('counts the steps against the write limit per minute, not the read limit', async () => {
    const limited = await buildTestApp({ env: { RATE_LIMIT_PUBLIC_WRITES_PER_MINUTE: '2' } });
    try {
      const s = await openForm(limited);
      const codes: number[] = [];
      for (let i = 0; i < 3; i++) codes.push((await postForm(limited, s, '/melden/schritt', { step: 'x' })).statusCode);
      expect(codes).toEqual([400, 400, 429]);
    } finally {
      await limited.close();
    }
  });
});
