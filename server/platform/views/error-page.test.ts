import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.js';
import { createStaff, login } from '../../test/factories/users.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

describe('HTML error pages', () => {
  it('renders a 404 page in the requested language', async () => {
    const res = await t.app.inject({ url: '/gibt-es-nicht?lang=en', headers: { accept: 'text/html' } });
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain('<html lang="en"');
    expect(res.body).toContain('Page not found');
    // Outside every page scope, yet with the document policy that lets its own CSS load.
    expect(res.headers['content-security-policy']).toContain("style-src 'self'");
  });

  it('sends an expired session from a form back to the page the form was on', async () => {
    const user = await createStaff(t, { role: 'admin' });
    const session = await login(t, user);
    await t.db.query('DELETE FROM staff_sessions WHERE user_id = $1', [user.id]);
    const res = await t.app.inject({
      method: 'POST',
      url: '/admin/logout-everywhere',
      headers: {
        cookie: session.cookie,
        accept: 'text/html',
        'content-type': 'application/x-www-form-urlencoded',
        referer: 'http://localhost:80/admin/account',
        host: 'localhost:80',
      },
      payload: `_csrf=${encodeURIComponent(session.csrf)}`,
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/admin/login?next=%2Fadmin%2Faccount&expired=1');
  });

  it('sends an expired session on a page back to that page after login', async () => {
    const user = await createStaff(t, { role: 'admin' });
    const session = await login(t, user);
    await t.db.query('DELETE FROM staff_sessions WHERE user_id = $1', [user.id]);
    const res = await t.app.inject({
      url: '/admin/audit?action=x',
      headers: { cookie: session.cookie, accept: 'text/html' },
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/admin/login?next=%2Fadmin%2Faudit%3Faction%3Dx&expired=1');
  });
});
