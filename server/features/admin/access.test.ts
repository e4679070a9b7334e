import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StaffRole, staffRoles } from '../../platform/auth/types.js';
import { buildTestApp, type TestApp } from '../../test/app.js';
import { createStaff, getPage, login, loginForm, postForm } from '../../test/factories/users.js';

let t: TestApp;
let departmentId: number;
const sessions = {} as Record<StaffRole, { cookie: string; csrf: string }>;
const users = {} as Record<StaffRole, { id: number; email: string; password: string }>;

beforeAll(async () => {
  t = await buildTestApp();
  const { rows } = await t.db.query<{ id: number }>(
    `INSERT INTO departments (municipality_id, slug, name) VALUES ($1, 'ordnungsamt', 'Ordnungsamt') RETURNING id`,
    [t.config.municipality.id],
  );
  departmentId = Number(rows[0]!.id);
  for (const role of staffRoles) {
    users[role] = await createStaff(t, { role, departmentIds: role === 'department_staff' ? [departmentId] : [] });
    sessions[role] = await login(t, users[role]);
  }
});
afterAll(() => t.close());

async function counts() {
  const { rows } = await t.db.query<Record<string, number>>(
    `SELECT (SELECT count(*)::int FROM audit_log) AS audit, (SELECT count(*)::int FROM staff_users) AS users,
            (SELECT count(*)::int FROM departments) AS departments,
            (SELECT count(*)::int FROM staff_sessions) AS sessions,
            (SELECT count(*)::int FROM staff_users WHERE disabled_at IS NOT NULL) AS disabled,
            (SELECT count(*)::int FROM departments WHERE NOT active) AS inactive`,
  );
  return rows[0];
}

describe('CSRF protection on every state-changing form', () => {
  const forms = (targetUser: number) =>
    [
      ['/admin/login', { email: 'x@y.example', password: 'whatever-password' }],
      ['/admin/logout', {}],
      ['/admin/logout-everywhere', {}],
      [
        '/admin/account/password',
        { currentPassword: 'a', newPassword: 'b'.repeat(12), confirmPassword: 'b'.repeat(12) },
      ],
      ['/admin/users', { displayName: 'Neu', email: 'neu@x.example', role: 'editor' }],
      [`/admin/users/${targetUser}`, { displayName: 'Umbenannt', email: 'u@x.example', role: 'editor' }],
      [`/admin/users/${targetUser}/disable`, {}],
      [`/admin/users/${targetUser}/enable`, {}],
      [`/admin/users/${targetUser}/reset-password`, {}],
      ['/admin/departments', { name: 'Bürgeramt' }],
      [`/admin/departments/${departmentId}`, { name: 'Umbenannt' }],
      [`/admin/departments/${departmentId}/deactivate`, {}],
      [`/admin/departments/${departmentId}/activate`, {}],
    ] as const;

  it('rejects a missing, a forged and a foreign token with 403 and stores nothing', async () => {
    const admin = sessions.admin;
    const foreign = (await loginForm(t)).csrf; // valid for another browser's secret
    const before = await counts();
    for (const [url, fields] of forms(users.editor.id)) {
      for (const token of [undefined, 'forged-token', foreign]) {
        const res = await postForm(t, admin, url, { ...fields, _csrf: token });
        expect(res.statusCode, `${url} with token ${token}`).toBe(403);
        expect(res.body).toContain('Formular abgelaufen');
      }
    }
    expect(await counts()).toEqual(before);
    expect((await getPage(t, admin, '/admin')).statusCode).toBe(200);
  });
});

describe('authorisation matrix', () => {
  type Check = { method: 'GET' | 'POST'; path: string; allowed: StaffRole[]; ok: number };
  const resolve = (path: string) =>
    path.replace(':user', String(users.editor.id)).replace(':department', String(departmentId));
  const adminOnly: StaffRole[] = ['admin'];
  const checks: Check[] = [
    { method: 'GET', path: '/admin', allowed: [...staffRoles], ok: 200 },
    { method: 'GET', path: '/admin/account', allowed: [...staffRoles], ok: 200 },
    { method: 'GET', path: '/admin/users', allowed: adminOnly, ok: 200 },
    { method: 'GET', path: '/admin/users/new', allowed: adminOnly, ok: 200 },
    { method: 'GET', path: '/admin/users/:user', allowed: adminOnly, ok: 200 },
    { method: 'POST', path: '/admin/users', allowed: adminOnly, ok: 400 },
    { method: 'POST', path: '/admin/users/:user', allowed: adminOnly, ok: 400 },
    { method: 'GET', path: '/admin/departments', allowed: adminOnly, ok: 200 },
    { method: 'GET', path: '/admin/departments/new', allowed: adminOnly, ok: 200 },
    { method: 'GET', path: '/admin/departments/:department', allowed: adminOnly, ok: 200 },
    { method: 'POST', path: '/admin/departments', allowed: adminOnly, ok: 400 },
    { method: 'POST', path: '/admin/departments/:department', allowed: adminOnly, ok: 400 },
    { method: 'GET', path: '/admin/audit', allowed: adminOnly, ok: 200 },
    { method: 'POST', path: '/admin/account/password', allowed: [...staffRoles], ok: 400 },
  ];

  for (const check of checks) {
    it(`${check.method} ${check.path}`, async () => {
      const url = resolve(check.path);
      for (const role of staffRoles) {
        const session = sessions[role];
        const res = check.method === 'GET' ? await getPage(t, session, url) : await postForm(t, session, url, {});
        expect(res.statusCode, `${role} → ${url}`).toBe(check.allowed.includes(role) ? check.ok : 403);
        if (!check.allowed.includes(role)) expect(res.body).toContain('Kein Zugriff');
      }
      const anonymous = await t.app.inject({ method: check.method, url });
      expect(anonymous.statusCode).toBe(check.method === 'GET' ? 401 : 403); // a POST without session has no CSRF token
    });
  }

  it('state-changing actions: forbidden for every role but admin, nothing stored', async () => {
    const target = await createStaff(t, { role: 'analyst' });
    const actions = [
      `/admin/users/${target.id}/disable`,
      `/admin/users/${target.id}/enable`,
      `/admin/users/${target.id}/reset-password`,
      `/admin/departments/${departmentId}/deactivate`,
      `/admin/departments/${departmentId}/activate`,
    ];
    const before = await counts();
    for (const role of staffRoles.filter((r) => r !== 'admin')) {
      for (const url of actions)
        expect((await postForm(t, sessions[role], url)).statusCode, `${role} ${url}`).toBe(403);
    }
    expect(await counts()).toEqual(before);
    for (const url of actions) expect([200, 303]).toContain((await postForm(t, sessions.admin, url)).statusCode);
  });

  it('shows each role only the navigation it may use', async () => {
    const adminLinks = ['/admin/users', '/admin/departments', '/admin/audit'];
    for (const role of staffRoles) {
      const page = await getPage(t, sessions[role], '/admin');
      const nav = /<nav class="bs-admin-nav"[\s\S]*?<\/nav>/.exec(page.body)![0];
      expect(nav).toContain('href="/admin"');
      expect(nav).toContain('aria-current="page"');
      for (const href of adminLinks) expect(nav.includes(`href="${href}"`), `${role} ${href}`).toBe(role === 'admin');
      expect(page.body).toContain('action="/admin/logout"');
    }
    const users = await getPage(t, sessions.admin, '/admin/users/new');
    expect(users.body).toMatch(/href="\/admin\/users" aria-current="true"/);
  });
});
