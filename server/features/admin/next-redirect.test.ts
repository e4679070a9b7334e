import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.js';
import { createStaff, login, loginForm, postForm } from '../../test/factories/users.js';

let t: TestApp;
let session: { cookie: string; csrf: string };
let user: { email: string; password: string };
beforeAll(async () => {
  t = await buildTestApp();
  user = await createStaff(t, { role: 'admin' });
  session = await login(t, user);
});
afterAll(() => t.close());

const nasty = [
  '/.//evil.com',
  '//evil.com',
  '/\\evil.com',
  '/\\/evil.com',
  '/%2F%2Fevil.com',
  '/%2f/evil.com',
  '/%5Cevil.com',
  'https://evil.com',
  'http:evil.com',
  '/admin/../..//evil.com',
  '/admin/%2e%2e/%2e%2e//evil.com',
  '/admin/..%2F..%2F/evil.com',
  '/admin//evil.com',
  '\t//evil.com',
  '/\t/evil.com',
  '/\n/evil.com',
  ' //evil.com',
  'javascript:alert(1)',
  '/meldungen',
  '/',
  '',
];

describe('the back office ?next= target', () => {
  it.each(nasty)('sends a signed-in user to /admin instead of %j', async (next) => {
    const res = await t.app.inject({
      url: `/admin/login?next=${encodeURIComponent(next)}`,
      headers: { cookie: session.cookie, accept: 'text/html' },
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/admin');
  });

  it('keeps a path and query inside the back office', async () => {
    const res = await t.app.inject({
      url: `/admin/login?next=${encodeURIComponent('/admin/meldungen?status=open&q=a%2Fb')}`,
      headers: { cookie: session.cookie, accept: 'text/html' },
    });
    expect(res.headers.location).toBe('/admin/meldungen?status=open&q=a%2Fb');
  });

  it('neither carries a foreign target in the login form nor follows one after the login', async () => {
    const page = await t.app.inject({
      url: `/admin/login?next=${encodeURIComponent('/.//evil.com')}`,
      headers: { accept: 'text/html' },
    });
    expect(/name="next" value="([^"]*)"/.exec(page.body)?.[1]).toBe('/admin');
    const form = await loginForm(t);
    const fields = { email: user.email, password: user.password, next: '/admin/../..//evil.com' };
    const res = await postForm(t, form, '/admin/login', fields);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/admin');
  });
});
