import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.js';
import { createStaff, getPage, login, loginForm, mergeCookies, postForm } from '../../test/factories/users.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const ip = () => `10.1.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

async function attempt(email: string, password: string, fields: Record<string, string> = {}) {
  const form = await loginForm(t);
  return postForm(t, form, '/admin/login', { email, password, ...fields }, { remoteAddress: ip() });
}

const sessionCookie = (res: { cookies: { name: string; value: string }[] }) =>
  res.cookies.find((c) => c.name === 'bs_session');

async function count(sql: string, params: unknown[] = []) {
  const { rows } = await t.db.query<{ n: number }>(sql, params);
  return rows[0]!.n;
}

describe('login', () => {
  it('signs in with the right password, stores only a digest of the session id and audits it', async () => {
    const user = await createStaff(t, { role: 'bsc_agent' });
    const res = await attempt(user.email.toUpperCase(), user.password);
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
      await count(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'auth.login' AND actor_id = $1`, [user.id]),
    ).toBe(1);
  });

  it('sets an HttpOnly SameSite=Lax session cookie with a max age, not Secure over http', async () => {
    const user = await createStaff(t, { role: 'editor' });
    const res = await attempt(user.email, user.password);
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
    const wrong = await attempt(user.email, 'not the password at all');
    const unknown = await attempt(`nobody-${user.id}@nowhere.example`, 'not the password at all');
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
    const before = await count('SELECT count(*)::int AS n FROM audit_log');
    const res = await attempt('', '');
    expect(res.statusCode).toBe(400);
    expect(res.body).toMatch(/id="email-error"[\s\S]*Bitte geben Sie Ihre E-Mail-Adresse ein/);
    expect(res.body).toMatch(/aria-describedby="email-error"/);
    expect(await count('SELECT count(*)::int AS n FROM audit_log')).toBe(before);
  });

  it('locks an account after five failures, with the same message, for a growing time', async () => {
    const user = await createStaff(t, { role: 'analyst' });
    for (let i = 0; i < 5; i++) expect((await attempt(user.email, `wrong password ${i}`)).statusCode).toBe(401);
    const locked = await attempt(user.email, user.password);
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
    expect((await attempt(user.email, 'still wrong')).statusCode).toBe(401);
    const second = await row();
    expect(second.failed_logins).toBe(6);
    expect(new Date(second.locked_until).getTime() - t.deps.now().getTime()).toBeGreaterThan(110_000);
    t.clock.advance(121_000);

    const ok = await attempt(user.email, user.password);
    expect(ok.statusCode).toBe(303);
    expect((await row()).failed_logins).toBe(0);
    expect(
      await count(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'auth.login_failed' AND entity_id = $1`, [
        String(user.id),
      ]),
    ).toBe(6);
  });

  it('does not let a disabled account sign in', async () => {
    const user = await createStaff(t, { role: 'editor' });
    await t.db.query('UPDATE staff_users SET disabled_at = now() WHERE id = $1', [user.id]);
    const res = await attempt(user.email, user.password);
    expect(res.statusCode).toBe(401);
    expect(res.body).toContain('Die Anmeldung ist fehlgeschlagen');
  });

  it('follows ?next= only to local paths', async () => {
    const user = await createStaff(t, { role: 'admin' });
    const page = await getPage(t, undefined, '/admin/login?next=%2Fadmin%2Faudit%3Faction%3Dx');
    expect(page.body).toContain('name="next" value="/admin/audit?action=x"');
    expect((await attempt(user.email, user.password, { next: '/admin/audit?action=x' })).headers.location).toBe(
      '/admin/audit?action=x',
    );
    for (const evil of ['https://evil.example/', '//evil.example/x', '/\\evil.example', 'javascript:alert(1)']) {
      expect((await attempt(user.email, user.password, { next: evil })).headers.location).toBe('/admin');
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

describe('sessions', () => {
  it('expire after the idle time: pages redirect to the login with expired=1, APIs answer 401 session_expired', async () => {
    const user = await createStaff(t, { role: 'bsc_agent' });
    const session = await login(t, user);
    t.clock.advance((t.config.sessionIdleMinutes - 5) * 60_000);
    expect((await getPage(t, session, '/admin')).statusCode).toBe(200);
    t.clock.advance((t.config.sessionIdleMinutes - 5) * 60_000);
    expect((await getPage(t, session, '/admin')).statusCode).toBe(200);
    t.clock.advance((t.config.sessionIdleMinutes + 1) * 60_000);

    const page = await getPage(t, session, '/admin/users?x=1');
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe('/admin/login?next=%2Fadmin%2Fusers%3Fx%3D1&expired=1');
    const loginPage = await getPage(t, undefined, page.headers.location as string);
    expect(loginPage.body).toContain('Ihre Sitzung ist abgelaufen');

    const api = await t.app.inject({ url: '/admin', headers: { cookie: session.cookie } });
    expect(api.statusCode).toBe(401);
    expect(api.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(api.json()).toMatchObject({ status: 401, code: 'session_expired' });
  });

  it('end at the maximum age even while in use', async () => {
    const short = await buildTestApp({ env: { SESSION_MAX_AGE_HOURS: '1', SESSION_IDLE_MINUTES: '45' } });
    try {
      const user = await createStaff(short, { role: 'editor' });
      const session = await login(short, user);
      short.clock.advance(40 * 60_000);
      expect((await getPage(short, session, '/admin')).statusCode).toBe(200);
      short.clock.advance(25 * 60_000);
      expect((await short.app.inject({ url: '/admin', headers: { cookie: session.cookie } })).json().code).toBe(
        'session_expired',
      );
    } finally {
      await short.close();
    }
  });

  it('a POST with an expired session stores nothing and goes to the login', async () => {
    const admin = await createStaff(t, { role: 'admin' });
    const session = await login(t, admin);
    t.clock.advance((t.config.sessionIdleMinutes + 1) * 60_000);
    const before = await count('SELECT count(*)::int AS n FROM departments');
    const res = await postForm(t, session, '/admin/departments', { name: 'Bürgeramt' });
    expect(res.statusCode).toBe(303);
    // Without a Referer the form's page is unknown, and a POST URL may not open with GET: back to the dashboard.
    expect(res.headers.location).toBe('/admin/login?next=%2Fadmin&expired=1');
    expect(await count('SELECT count(*)::int AS n FROM departments')).toBe(before);
  });

  it('answers 401 unauthenticated without a session cookie', async () => {
    const res = await t.app.inject({ url: '/admin/users' });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('unauthenticated');
    const page = await getPage(t, undefined, '/admin/users');
    expect(page.headers.location).toBe('/admin/login?next=%2Fadmin%2Fusers');
  });

  it('logout ends the session and is audited', async () => {
    const user = await createStaff(t, { role: 'analyst' });
    const session = await login(t, user);
    const res = await postForm(t, session, '/admin/logout');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/admin/login?loggedOut=1');
    expect([res.headers['set-cookie']].flat().some((h) => h?.startsWith('bs_session=;'))).toBe(true);
    expect((await t.app.inject({ url: '/admin', headers: { cookie: session.cookie } })).statusCode).toBe(401);
    expect(await count('SELECT count(*)::int AS n FROM staff_sessions WHERE user_id = $1', [user.id])).toBe(0);
    expect(
      await count(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'auth.logout' AND actor_id = $1`, [user.id]),
    ).toBe(1);
  });

  it('logout everywhere ends the other sessions of the same user too', async () => {
    const user = await createStaff(t, { role: 'department_staff', departmentIds: [await department()] });
    const phone = await login(t, user);
    const desk = await login(t, user);
    const other = await createStaff(t, { role: 'editor' });
    const bystander = await login(t, other);
    const res = await postForm(t, desk, '/admin/logout-everywhere');
    expect(res.headers.location).toBe('/admin/login?loggedOut=everywhere');
    for (const s of [phone, desk]) {
      const r = await t.app.inject({ url: '/admin', headers: { cookie: s.cookie } });
      expect(r.json().code).toBe('session_expired');
    }
    expect((await getPage(t, bystander, '/admin')).statusCode).toBe(200);
  });

  it('a disabled user is signed out at once', async () => {
    const admin = await createStaff(t, { role: 'admin' });
    const agent = await createStaff(t, { role: 'bsc_agent' });
    const adminSession = await login(t, admin);
    const agentSession = await login(t, agent);
    const res = await postForm(t, adminSession, `/admin/users/${agent.id}/disable`);
    expect(res.statusCode).toBe(303);
    expect((await t.app.inject({ url: '/admin', headers: { cookie: agentSession.cookie } })).json().code).toBe(
      'session_expired',
    );
    expect(await count('SELECT count(*)::int AS n FROM staff_sessions WHERE user_id = $1', [agent.id])).toBe(0);
  });
});

describe('password changes', () => {
  it('a reset password must be replaced before anything else; the change keeps this session only', async () => {
    const admin = await createStaff(t, { role: 'admin' });
    const agent = await createStaff(t, { role: 'bsc_agent' });
    const adminSession = await login(t, admin);
    const reset = await postForm(t, adminSession, `/admin/users/${agent.id}/reset-password`);
    expect(reset.statusCode).toBe(200);
    const password = /id="one-time-password">([^<]+)</.exec(reset.body)![1]!;
    expect(password).not.toBe(agent.password);
    expect((await attempt(agent.email, agent.password)).statusCode).toBe(401);

    const first = await attempt(agent.email, password);
    expect(first.headers.location).toBe('/admin/account?required=1');
    const session = { cookie: mergeCookies('', first.cookies), csrf: '' };
    const form = await loginForm(t);
    session.cookie = mergeCookies(form.cookie, first.cookies);
    session.csrf = form.csrf;
    const blocked = await getPage(t, session, '/admin');
    expect(blocked.headers.location).toBe('/admin/account?required=1');
    expect((await t.app.inject({ url: '/admin', headers: { cookie: session.cookie } })).statusCode).toBe(403);
    const account = await getPage(t, session, '/admin/account?required=1');
    expect(account.body).toContain('Ihr Passwort wurde zurückgesetzt');

    const other = await login(t, { email: agent.email, password });
    const mismatch = await postForm(t, session, '/admin/account/password', {
      currentPassword: password,
      newPassword: 'ein ganz neues Passwort',
      confirmPassword: 'ein anderes Passwort!!',
    });
    expect(mismatch.statusCode).toBe(400);
    expect(mismatch.body).toMatch(/id="confirmPassword-error"[\s\S]*stimmen nicht überein/);
    const wrong = await postForm(t, session, '/admin/account/password', {
      currentPassword: 'falsches altes Passwort',
      newPassword: 'ein ganz neues Passwort',
      confirmPassword: 'ein ganz neues Passwort',
    });
    expect(wrong.body).toMatch(/id="currentPassword-error"[\s\S]*nicht richtig/);
    const short = await postForm(t, session, '/admin/account/password', {
      currentPassword: password,
      newPassword: 'kurz',
      confirmPassword: 'kurz',
    });
    expect(short.body).toMatch(/id="newPassword-error"[\s\S]*mindestens 12 Zeichen/);
    for (const known of ['Passwort123!', 'password1234', '1qaz2wsx3edc']) {
      const common = await postForm(t, session, '/admin/account/password', {
        currentPassword: password,
        newPassword: known,
        confirmPassword: known,
      });
      expect(common.statusCode, known).toBe(400);
      expect(common.body, known).toMatch(/id="newPassword-error"[\s\S]*Dieses Passwort ist zu bekannt/);
    }

    const ok = await postForm(t, session, '/admin/account/password', {
      currentPassword: password,
      newPassword: 'ein ganz neues Passwort',
      confirmPassword: 'ein ganz neues Passwort',
    });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe('/admin?done=password');
    expect((await getPage(t, session, '/admin')).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/admin', headers: { cookie: other.cookie } })).json().code).toBe(
      'session_expired',
    );
    expect((await attempt(agent.email, 'ein ganz neues Passwort')).headers.location).toBe('/admin');
    expect(
      await count(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'user.change_password' AND actor_id = $1`, [
        agent.id,
      ]),
    ).toBe(1);
    const { rows } = await t.db.query<{ before: unknown; after: unknown }>(
      `SELECT before, after FROM audit_log WHERE entity_id = $1`,
      [String(agent.id)],
    );
    expect(JSON.stringify(rows)).not.toMatch(/argon2|ein ganz neues Passwort/);
  });
});

let departmentId: number | undefined;
async function department(): Promise<number> {
  if (departmentId) return departmentId;
  const { rows } = await t.db.query<{ id: number }>(
    `INSERT INTO departments (municipality_id, slug, name) VALUES ($1, 'umweltbetrieb', 'Umweltbetrieb') RETURNING id`,
    [t.config.municipality.id],
  );
  departmentId = Number(rows[0]!.id);
  return departmentId;
}

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
