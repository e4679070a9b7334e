import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.js';
import { createStaff, login, loginForm, postForm } from '../../test/factories/users.js';

let t: TestApp;
let admin: { cookie: string; csrf: string };
beforeAll(async () => {
  t = await buildTestApp({
    extend: { api: (api) => api.post('/api/test/echo', async (request) => ({ body: request.body })) },
  });
  admin = await login(t, await createStaff(t, { role: 'admin' }));
});
afterAll(() => t.close());

const count = async (sql: string, params: unknown[] = []) => (await t.db.query<{ n: number }>(sql, params)).rows[0]!.n;

/** The field messages of an HTML error page or re-rendered form. */
const pageMessages = (body: string) => [...body.matchAll(/<li>([^<]*)<\/li>/g)].map((m) => m[1]);

describe('NUL bytes and non-finite numbers are refused centrally', () => {
  it('in the login form: 400 naming the field, no session, nothing audited', async () => {
    const before = await count('SELECT count(*)::int AS n FROM audit_log');
    const form = await loginForm(t);
    const res = await postForm(t, form, '/admin/login', { email: 'a\u0000@example.org', password: 'x' });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(pageMessages(res.body)).toContain('Feld „email“: enthält ein unzulässiges Zeichen (NUL, U+0000).');
    expect(res.cookies.some((c) => c.name === 'bs_session')).toBe(false);
    expect(await count('SELECT count(*)::int AS n FROM audit_log')).toBe(before);
  });

  it('in the inbox search, in the page language', async () => {
    const res = await t.app.inject({
      url: '/admin/meldungen?q=%00&lang=en',
      headers: { cookie: admin.cookie, accept: 'text/html' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('<html lang="en"');
    expect(pageMessages(res.body)).toEqual(['Field “q”: contains a character that is not allowed (NUL, U+0000).']);
  });

  it('in the audit log filter', async () => {
    for (const field of ['actor', 'action', 'entityType', 'from']) {
      const res = await t.app.inject({
        url: `/admin/audit?${field}=x%00y`,
        headers: { cookie: admin.cookie, accept: 'text/html' },
      });
      expect(res.statusCode, field).toBe(400);
      expect(pageMessages(res.body).join(), field).toContain(`Feld „${field}“`);
    }
  });

  it('in the department form: nothing stored', async () => {
    const name = `Amt ${Date.now()}`;
    const res = await postForm(t, admin, '/admin/departments', { name: `${name}\u0000`, slug: 'amt-nul' });
    expect(res.statusCode).toBe(400);
    expect(pageMessages(res.body)).toContain('Feld „name“: enthält ein unzulässiges Zeichen (NUL, U+0000).');
    expect(
      await count('SELECT count(*)::int AS n FROM departments WHERE municipality_id = $1 AND slug = $2', [
        t.config.municipality.id,
        'amt-nul',
      ]),
    ).toBe(0);
  });

  it('in Open311 parameters, as a GeoReport error', async () => {
    const res = await t.app.inject({ url: '/open311/v2/requests.json?service_code=%00' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual([
      { code: 400, description: 'service_code: contains a character that is not allowed (NUL, U+0000).' },
    ]);
  });

  it('in the API: pageSize=Infinity and 1e999 are problems, not 500', async () => {
    for (const value of ['Infinity', '-Infinity', '1e999']) {
      const res = await t.app.inject({ url: `/api/reports?pageSize=${value}` });
      expect(res.statusCode, value).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json().errors, value).toEqual([
        { field: 'pageSize', message: expect.stringMatching(/^must be a finite number/) },
      ]);
    }
  });

  it('in nested JSON, keys included', async () => {
    const payload = '{"a":{"b":["ok","x\\u0000"]},"n":1e999,"k\\u0000":1}';
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/test/echo',
      headers: { 'content-type': 'application/json' },
      payload,
    });
    expect(res.statusCode).toBe(400);
    const fields = (res.json().errors as { field: string }[]).map((e) => e.field);
    expect(fields.sort()).toEqual(['a.b[1]', 'k\\0', 'n']);
  });

  it('in multipart fields of a report, before anything is stored', async () => {
    const form = new FormData();
    form.set('category', 'wilder-muell');
    form.set('description', 'Drei Matratzen');
    form.set('answers[kennzeichen]', 'BI\u0000AB 123');
    form.set('locationMethod', 'map');
    form.set('lat', '52.02');
    form.set('lon', '8.53');
    form.set('source', 'web');
    const request = new Request('http://localhost/', { method: 'POST', body: form });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/reports',
      headers: { 'content-type': request.headers.get('content-type')! },
      payload: Buffer.from(await request.arrayBuffer()),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      { field: 'answers.kennzeichen', message: 'contains a character that is not allowed (NUL, U+0000).' },
    ]);
    expect(
      await count('SELECT count(*)::int AS n FROM reports WHERE municipality_id = $1', [t.config.municipality.id]),
    ).toBe(0);
  });

  it('leaves ordinary input alone', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/test/echo',
      headers: { 'content-type': 'application/json' },
      payload: { text: 'Straße 5 – ✓', n: 9007199254740991, list: [1.5, -2] },
    });
    expect(res.statusCode).toBe(200);
  });
});
