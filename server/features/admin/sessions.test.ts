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

const audits = (action: string, actorId: number) =>
  countRows(t.db, 'SELECT count(*)::int AS n FROM audit_log WHERE action = $1 AND actor_id = $2', [action, actorId]);

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
    const before = await countRows(t.db, 'SELECT count(*)::int AS n FROM departments');
    const res = await postForm(t, session, '/admin/departments', { name: 'Bürgeramt' });
    expect(res.statusCode).toBe(303);
    // Without a Referer the form's page is unknown, and a POST URL may not open with GET: back to the dashboard.
    expect(res.headers.location).toBe('/admin/login?next=%2Fadmin&expired=1');
    expect(await countRows(t.db, 'SELECT count(*)::int AS n FROM departments')).toBe(before);
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
    expect(await countRows(t.db, 'SELECT count(*)::int AS n FROM staff_sessions WHERE user_id = $1', [user.id])).toBe(
      0,
    );
    expect(await audits('auth.logout', user.id)).toBe(1);
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
    expect(await countRows(t.db, 'SELECT count(*)::int AS n FROM staff_sessions WHERE user_id = $1', [agent.id])).toBe(
      0,
    );
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
    expect((await attemptLogin(t, agent.email, agent.password)).statusCode).toBe(401);

    const first = await attemptLogin(t, agent.email, password);
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
    expect((await attemptLogin(t, agent.email, 'ein ganz neues Passwort')).headers.location).toBe('/admin');
    expect(await audits('user.change_password', agent.id)).toBe(1);
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
