import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, countRows, type TestApp } from '../../test/app.js';
import {
  attemptLogin,
  createStaff,
  getPage,
  login,
  loginForm,
  mergeCookies,
  postForm,
} from '../../test/factories/users.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const sessionCookie = (res: { cookies: { name: string; value: string }[] }) =>
  res.cookies.find((c) => c.name === 'bs_session');

describe('login', () => {
  it('signs in with the right password, stores only a digest of the session id and audits it', async () => {
    const user = await createStaff(t, { role: 'bsc_agent' });
    const res = await attemptLogin(t, user.email.toUpperCase(), user.password);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/admin');
    const cookie = sessionCookie(res)!;
    const sessionId = decodeURIComponent(cookie.value).slice(0, decodeURIComponent(cookie.value).lastIndexOf('.'));
    const { rows } = await t.db.query<{ id_hash: string; user_id: number; data: unknown }>(
      'SELECT id_hash, user_id, data FROM staff_sessions WHERE user_id = $1',
      [user.id],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.id_hash).toBe(createHash('sha256').update(sessionId).digest('hex'));
    expect(JSON.stringify(rows[0])).not.toContain(sessionId);
    expect(
      await countRows(t.db, `SELECT count(*)::int AS n FROM audit_log WHERE action = 'auth.login' AND actor_id = $1`, [
        user.id,
      ]),
    ).toBe(1);
  });

  it('sets an HttpOnly SameSite=Lax session cookie with a max age, not Secure over http', async () => {
    const user = await createStaff(t, { role: 'editor' });
    const res = await attemptLogin(t, user.email, user.password);
    const header = [res.headers['set-cookie']].flat().find((h) => h?.startsWith('bs_session='))!;
    expect(header).toMatch(/; HttpOnly/i);
    expect(header).toMatch(/; SameSite=Lax/i);
    expect(header).toMatch(/; Path=\//i);
    expect(header).toMatch(/; Expires=/i);
    expect(header).not.toMatch(/; Secure/i);
    const expires = Date.parse(/Expires=([^;]+)/i.exec(header)![1]!);
    expect(expires - Date.now()).toBeGreaterThan((t.config.sessionMaxAgeHours - 1) * 3_600_000);
  });

  it('gives citizens and the login form no session cookie', async () => {
    const home = await t.app.inject({ url: '/', headers: { accept: 'text/html' } });
    expect(sessionCookie(home)).toBeUndefined();
    const form = await t.app.inject({ url: '/admin/login', headers: { accept: 'text/html' } });
    expect(form.statusCode).toBe(200);
    expect(sessionCookie(form)).toBeUndefined();
  });

  it('answers a wrong password and an unknown address with the same generic message and status', async () => {
    const user = await createStaff(t, { role: 'bsc_agent' });
    const wrong = await attemptLogin(t, user.email, 'not the password at all');
    const unknown = await attemptLogin(t, `nobody-${user.id}@nowhere.example`, 'not the password at all');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(sessionCookie(wrong)).toBeUndefined();
    const message = (body: string) => /id="password-error"[^>]*>([\s\S]*?)<\/p>/.exec(body)?.[1];
    expect(message(wrong.body)).toContain('Die Anmeldung ist fehlgeschlagen');
    expect(message(wrong.body)).toBe(message(unknown.body));
    expect(wrong.body).toContain('bs-error-summary');
    expect(wrong.body).toContain(`value="${user.email}"`);
  });

  it('re-renders with messages beside empty fields (400) and stores nothing', async () => {
    const before = await countRows(t.db, 'SELECT count(*)::int AS n FROM audit_log');
    const res = await attemptLogin(t, '', '');
    expect(res.statusCode).toBe(400);
    expect(res.body).toMatch(/id="email-error"[\s\S]*Bitte geben Sie Ihre E-Mail-Adresse ein/);
    expect(res.body).toMatch(/aria-describedby="email-error"/);
    expect(await countRows(t.db, 'SELECT count(*)::int AS n FROM audit_log')).toBe(before);
  });

  it('locks an account after five failures, with the same message, for a growing time', async () => {
    const user = await createStaff(t, { role: 'analyst' });
    for (let i = 0; i < 5; i++) expect((await attemptLogin(t, user.email, `wrong password ${i}`)).statusCode).toBe(401);
    const locked = await attemptLogin(t, user.email, user.password);
    expect(locked.statusCode).toBe(401);
    expect(locked.body).toContain('Die Anmeldung ist fehlgeschlagen');
    const row = async () =>
      (
        await t.db.query<{ failed_logins: number; locked_until: Date }>(
          'SELECT failed_logins, locked_until FROM staff_users WHERE id = $1',
          [user.id],
        )
      ).rows[0]!;
    const first = await row();
    expect(first.failed_logins).toBe(5);
    expect(new Date(first.locked_until).getTime() - t.deps.now().getTime()).toBeGreaterThan(50_000);

    t.clock.advance(61_000);
    expect((await attemptLogin(t, user.email, 'still wrong')).statusCode).toBe(401);
    const second = await row();
    expect(second.failed_logins).toBe(6);
    expect(new Date(second.locked_until).getTime() - t.deps.now().getTime()).toBeGreaterThan(110_000);
    t.clock.advance(121_000);

    const ok = await attemptLogin(t, user.email, user.password);
    expect(ok.statusCode).toBe(303);
    expect((await row()).failed_logins).toBe(0);
    expect(
      await countRows(
        t.db,
        `SELECT count(*)::int AS n FROM audit_log WHERE action = 'auth.login_failed' AND entity_id = $1`,
        [String(user.id)],
      ),
    ).toBe(6);
  });

  it('does not let a disabled account sign in', async () => {
    const user = await createStaff(t, { role: 'editor' });
    await t.db.query('UPDATE staff_users SET disabled_at = now() WHERE id = $1', [user.id]);
    const res = await attemptLogin(t, user.email, user.password);
    expect(res.statusCode).toBe(401);
    expect(res.body).toContain('Die Anmeldung ist fehlgeschlagen');
  });

  it('follows ?next= only to local paths', async () => {
    const user = await createStaff(t, { role: 'admin' });
    const page = await getPage(t, undefined, '/admin/login?next=%2Fadmin%2Faudit%3Faction%3Dx');
    expect(page.body).toContain('name="next" value="/admin/audit?action=x"');
    expect((await attemptLogin(t, user.email, user.password, { next: '/admin/audit?action=x' })).headers.location).toBe(
      '/admin/audit?action=x',
    );
    for (const evil of ['https://evil.example/', '//evil.example/x', '/\\evil.example', 'javascript:alert(1)']) {
      expect((await attemptLogin(t, user.email, user.password, { next: evil })).headers.location).toBe('/admin');
    }
  });

  it('issues a new session id at every login and ends the one it replaces', async () => {
    const user = await createStaff(t, { role: 'bsc_agent' });
    const first = await login(t, user);
    const again = await postForm(t, first, '/admin/login', { email: user.email, password: user.password });
    expect(again.statusCode).toBe(303);
    const next = sessionCookie(again)!.value;
    expect(first.cookie).not.toContain(next);
    expect((await t.app.inject({ url: '/admin', headers: { cookie: first.cookie } })).statusCode).toBe(401);
    const second = mergeCookies(first.cookie, again.cookies);
    expect((await getPage(t, { cookie: second }, '/admin')).statusCode).toBe(200);
  });

  it('redirects a signed-in user away from the login form', async () => {
    const user = await createStaff(t, { role: 'editor' });
    const session = await login(t, user);
    const res = await getPage(t, session, '/admin/login');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/admin');
  });
});

describe('throttling and transport', () => {
  it('limits login attempts per address (429) and stores nothing for the rejected ones', async () => {
    const limited = await buildTestApp({ env: { RATE_LIMIT_LOGIN_PER_MINUTE: '3' } });
    try {
      const user = await createStaff(limited, { role: 'editor' });
      const form = await loginForm(limited);
      const post = () =>
        postForm(
          limited,
          form,
          '/admin/login',
          { email: user.email, password: 'wrong password!' },
          { remoteAddress: '192.0.2.7' },
        );
      for (let i = 0; i < 3; i++) expect((await post()).statusCode).toBe(401);
      const failed = async () =>
        (await limited.db.query<{ n: number }>('SELECT failed_logins AS n FROM staff_users WHERE id = $1', [user.id]))
          .rows[0]!.n;
      expect(await failed()).toBe(3);
      const res = await post();
      expect(res.statusCode).toBe(429);
      expect(res.headers['retry-after']).toBeDefined();
      expect(res.body).toContain('Zu viele');
      expect(await failed()).toBe(3);
      // Another address is not affected.
      const other = await postForm(
        limited,
        form,
        '/admin/login',
        { email: user.email, password: user.password },
        { remoteAddress: '192.0.2.8' },
      );
      expect(other.statusCode).toBe(303);
    } finally {
      await limited.close();
    }
  });

  it('marks the session cookie Secure when the public URL is https', async () => {
    const secure = await buildTestApp({ env: { PUBLIC_URL: 'https://buergerservice.example', TRUST_PROXY: 'true' } });
    try {
      const user = await createStaff(secure, { role: 'editor' });
      const page = await secure.app.inject({
        url: '/admin/login',
        headers: { accept: 'text/html', 'x-forwarded-proto': 'https' },
      });
      const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
      const res = await secure.app.inject({
        method: 'POST',
        url: '/admin/login',
        headers: {
          'x-forwarded-proto': 'https',
          cookie: mergeCookies('', page.cookies),
          'content-type': 'application/x-www-form-urlencoded',
        },
        payload: new URLSearchParams({ _csrf: csrf, email: user.email, password: user.password }).toString(),
      });
      expect(res.statusCode).toBe(303);
      const header = [res.headers['set-cookie']].flat().find((h) => h?.startsWith('bs_session='))!;
      expect(header).toMatch(/; Secure/i);
      expect(header).toMatch(/; HttpOnly/i);
      expect(header).toMatch(/; SameSite=Lax/i);
    } finally {
      await secure.close();
    }
  });
});
