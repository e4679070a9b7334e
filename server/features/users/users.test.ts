import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.js';
import { createStaff, getPage, login, postForm } from '../../test/factories/users.js';
import { cliActor } from '../audit/service.js';
import { setUserDisabled, updateUser } from './service.js';

let t: TestApp;
let admin: { id: number; email: string; password: string };
let session: { cookie: string; csrf: string };
let umweltbetrieb: number;
let verkehr: number;

beforeAll(async () => {
  t = await buildTestApp();
  const insert = async (slug: string, name: string, active = true) =>
    Number(
      (
        await t.db.query<{ id: number }>(
          'INSERT INTO departments (municipality_id, slug, name, active) VALUES ($1, $2, $3, $4) RETURNING id',
          [t.config.municipality.id, slug, name, active],
        )
      ).rows[0]!.id,
    );
  umweltbetrieb = await insert('umweltbetrieb', 'Umweltbetrieb');
  verkehr = await insert('amt-fuer-verkehr', 'Amt für Verkehr');
  await insert('alt', 'Aufgelöstes Amt', false);
  admin = await createStaff(t, { role: 'admin', displayName: 'Katrin Albers' });
  session = await login(t, admin);
});
afterAll(() => t.close());

async function snapshot() {
  const { rows } = await t.db.query(
    `SELECT (SELECT count(*)::int FROM staff_users) AS users, (SELECT count(*)::int FROM audit_log) AS audit,
            (SELECT count(*)::int FROM staff_user_departments) AS bindings`,
  );
  return rows[0];
}

const fieldError = (body: string, field: string) =>
  new RegExp(`id="${field}-error"[^>]*>([\\s\\S]*?)</p>`).exec(body)?.[1]?.replace(/<[^>]+>/g, '');

describe('creating accounts', () => {
  it('an admin creates a BSC agent: shown once, listed, audited with actor and time, can sign in', async () => {
    const res = await postForm(t, session, '/admin/users', {
      displayName: ' Murat  Yıldız ',
      email: 'M.Yildiz@Example.org',
      role: 'bsc_agent',
      departmentIds: [String(umweltbetrieb)],
    });
    expect(res.statusCode).toBe(201);
    const password = /id="one-time-password">([^<]+)</.exec(res.body)?.[1];
    expect(password).toMatch(/^[A-Za-z2-9]{5}(-[A-Za-z2-9]{5}){3}$/);

    const list = await getPage(t, session, '/admin/users');
    expect(list.body).toContain('Murat Yıldız');
    expect(list.body).toContain('m.yildiz@example.org');
    expect(list.body).toContain('BürgerServiceCenter');
    expect(list.body).not.toContain(password!);

    const { rows } = await t.db.query<{
      id: number;
      role: string;
      must_change_password: boolean;
      password_hash: string;
    }>(`SELECT id, role, must_change_password, password_hash FROM staff_users WHERE email = 'm.yildiz@example.org'`);
    expect(rows[0]).toMatchObject({ role: 'bsc_agent', must_change_password: true });
    expect(rows[0]!.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    // Departments are for department staff only.
    expect(
      (await t.db.query('SELECT 1 FROM staff_user_departments WHERE user_id = $1', [rows[0]!.id])).rows,
    ).toHaveLength(0);

    const audit = await t.db.query<{ actor_id: number; actor_label: string; created_at: Date; after: object }>(
      `SELECT actor_id, actor_label, created_at, after FROM audit_log WHERE action = 'user.create' AND entity_id = $1`,
      [String(rows[0]!.id)],
    );
    expect(audit.rows[0]).toMatchObject({ actor_id: admin.id, actor_label: `Katrin Albers <${admin.email}>` });
    expect(audit.rows[0]!.created_at).toBeInstanceOf(Date);
    expect(audit.rows[0]!.after).toMatchObject({ email: 'm.yildiz@example.org', role: 'bsc_agent' });
    expect(JSON.stringify(audit.rows[0])).not.toContain(password!);

    const page = await getPage(t, session, '/admin/audit?action=user.create');
    expect(page.body).toContain('Konto angelegt');
    expect(page.body).toContain(`Katrin Albers &lt;${admin.email}>`);
    expect(page.body).toContain('m.yildiz@example.org');
    expect(page.body).toMatch(/<time dateTime="[^"]+">\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}<\/time>/i);

    const agent = await login(t, { email: 'm.yildiz@example.org', password: password! });
    expect((await getPage(t, agent, '/admin')).headers.location).toBe('/admin/account?required=1');
  });

  it('binds department staff to active departments and keeps a chosen password unshown', async () => {
    const res = await postForm(t, session, '/admin/users', {
      displayName: 'Jens Brinkmann',
      email: 'j.brinkmann@example.org',
      role: 'department_staff',
      departmentIds: [String(umweltbetrieb), String(verkehr)],
      password: 'ein selbst gewähltes Passwort',
    });
    expect(res.statusCode).toBe(201);
    expect(res.body).not.toContain('one-time-password');
    expect(res.body).not.toContain('ein selbst gewähltes Passwort');
    const { rows } = await t.db.query<{ department_id: number }>(
      `SELECT department_id FROM staff_user_departments d JOIN staff_users u ON u.id = d.user_id
        WHERE u.email = 'j.brinkmann@example.org' ORDER BY 1`,
    );
    expect(rows.map((r) => Number(r.department_id))).toEqual([umweltbetrieb, verkehr].sort((a, b) => a - b));
    await login(t, { email: 'j.brinkmann@example.org', password: 'ein selbst gewähltes Passwort' });
  });

  it('re-renders the form with messages beside the fields (400) and stores nothing', async () => {
    const before = await snapshot();
    const res = await postForm(t, session, '/admin/users', {
      displayName: '',
      email: 'not-an-address',
      role: 'department_staff',
      password: 'short',
    });
    expect(res.statusCode).toBe(400);
    expect(fieldError(res.body, 'displayName')).toContain('Bitte geben Sie einen Namen ein.');
    expect(fieldError(res.body, 'email')).toContain('name@beispiel.de');
    expect(fieldError(res.body, 'departmentIds')).toContain('mindestens eine Dienststelle');
    expect(fieldError(res.body, 'password')).toContain('mindestens 12 Zeichen');
    expect(res.body).toMatch(/<input[^>]*id="email"[^>]*aria-describedby="[^"]*email-error"[^>]*aria-invalid="true"/);
    expect(res.body).toContain('value="not-an-address"');
    expect(res.body).toContain('href="#displayName"');
    expect(res.body).toContain('Bitte korrigieren Sie die folgenden 4 Angaben');
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a chosen password from the lists of common and breached passwords', async () => {
    const before = await snapshot();
    const res = await postForm(t, session, '/admin/users', {
      displayName: 'Bekannt',
      email: 'bekannt@example.org',
      role: 'editor',
      password: 'Passwort123!',
    });
    expect(res.statusCode).toBe(400);
    expect(fieldError(res.body, 'password')).toContain('Dieses Passwort ist zu bekannt');
    expect(await snapshot()).toEqual(before);
  });

  it('rejects an e-mail address in use (any case), an unknown role and an inactive department', async () => {
    const before = await snapshot();
    const taken = await postForm(t, session, '/admin/users', {
      displayName: 'Doppelt',
      email: admin.email.toUpperCase(),
      role: 'editor',
    });
    expect(taken.statusCode).toBe(409);
    expect(fieldError(taken.body, 'email')).toContain('schon ein Konto');
    const role = await postForm(t, session, '/admin/users', { displayName: 'X', email: 'x@example.org', role: 'root' });
    expect(fieldError(role.body, 'role')).toContain('Bitte wählen Sie eine Rolle');
    const inactive = (await t.db.query<{ id: number }>(`SELECT id FROM departments WHERE slug = 'alt'`)).rows[0]!.id;
    const dep = await postForm(t, session, '/admin/users', {
      displayName: 'X',
      email: 'x@example.org',
      role: 'department_staff',
      departmentIds: [String(inactive)],
    });
    expect(dep.statusCode).toBe(400);
    expect(fieldError(dep.body, 'departmentIds')).toContain('nur aktive Dienststellen');
    expect(dep.body).not.toContain('Aufgelöstes Amt');
    expect(await snapshot()).toEqual(before);
  });
});

describe('editing accounts', () => {
  it('changes role and departments with before/after in the audit log', async () => {
    const user = await createStaff(t, { role: 'bsc_agent', displayName: 'Sabine Kötter' });
    const res = await postForm(t, session, `/admin/users/${user.id}`, {
      displayName: 'Sabine Kötter',
      email: user.email,
      role: 'department_staff',
      departmentIds: [String(verkehr)],
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/admin/users?done=saved');
    const { rows } = await t.db.query<{ before: object; after: object }>(
      `SELECT before, after FROM audit_log WHERE action = 'user.update' AND entity_id = $1`,
      [String(user.id)],
    );
    expect(rows[0]!.before).toMatchObject({ role: 'bsc_agent' });
    expect(rows[0]!.after).toMatchObject({ role: 'department_staff', departmentIds: [verkehr] });
    const own = await login(t, user);
    const account = await getPage(t, own, '/admin/account');
    expect(account.body).toContain('Amt für Verkehr');
    expect(account.body).toContain('Fachdienststelle');
  });

  it('does not let an admin change their own role or disable themselves', async () => {
    const before = await snapshot();
    const role = await postForm(t, session, `/admin/users/${admin.id}`, {
      displayName: 'Katrin Albers',
      email: admin.email,
      role: 'editor',
    });
    expect(role.statusCode).toBe(409);
    expect(fieldError(role.body, 'role')).toContain('eigene Rolle');
    const page = await getPage(t, session, `/admin/users/${admin.id}`);
    expect(page.body).not.toContain(`/admin/users/${admin.id}/disable`);
    const disable = await postForm(t, session, `/admin/users/${admin.id}/disable`);
    expect(disable.statusCode).toBe(409);
    expect(disable.body).toContain('eigenes Konto nicht deaktivieren');
    expect(await snapshot()).toEqual(before);
  });

  it('keeps the last enabled administrator', async () => {
    const lone = await buildTestApp({ db: t.db });
    try {
      const only = await createStaff(lone, { role: 'admin' });
      const municipalityId = lone.config.municipality.id;
      await expect(setUserDisabled(lone.deps, municipalityId, only.id, true, cliActor)).rejects.toMatchObject({
        code: 'conflict',
        details: { disable: 'users.errors.lastAdmin' },
      });
      await expect(
        updateUser(
          lone.deps,
          municipalityId,
          only.id,
          { email: only.email, displayName: 'X', role: 'editor' },
          cliActor,
        ),
      ).rejects.toMatchObject({ details: { role: 'users.errors.lastAdmin' } });
      const second = await createStaff(lone, { role: 'admin' });
      await setUserDisabled(lone.deps, municipalityId, only.id, true, cliActor);
      await expect(setUserDisabled(lone.deps, municipalityId, second.id, true, cliActor)).rejects.toMatchObject({
        code: 'conflict',
      });
    } finally {
      await lone.close();
    }
  });

  it('disables and enables an account; enabling lifts a lockout', async () => {
    const user = await createStaff(t, { role: 'editor' });
    // locked for an hour by the app's clock (the database server's clock may differ from the test clock)
    await t.db.query('UPDATE staff_users SET failed_logins = 7, locked_until = $2 WHERE id = $1', [
      user.id,
      new Date(t.deps.now().getTime() + 3_600_000),
    ]);
    const list = await getPage(t, session, '/admin/users');
    expect(list.body).toContain('Vorübergehend gesperrt');
    expect((await postForm(t, session, `/admin/users/${user.id}/disable`)).headers.location).toBe(
      '/admin/users?done=disabled',
    );
    expect((await getPage(t, session, '/admin/users?done=disabled')).body).toContain('Deaktiviert');
    expect((await postForm(t, session, `/admin/users/${user.id}/enable`)).headers.location).toBe(
      '/admin/users?done=enabled',
    );
    await login(t, user);
    const actions = await t.db.query<{ action: string }>(
      'SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY id',
      [String(user.id)],
    );
    expect(actions.rows.map((r) => r.action)).toEqual(['user.create', 'user.disable', 'user.enable', 'auth.login']);
  });

  it('answers an unknown account with 404', async () => {
    expect((await getPage(t, session, '/admin/users/999999')).statusCode).toBe(404);
    expect((await getPage(t, session, '/admin/users/abc')).statusCode).toBe(404);
    expect((await postForm(t, session, '/admin/users/999999/disable')).statusCode).toBe(404);
  });
});
