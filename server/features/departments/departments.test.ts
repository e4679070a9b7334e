import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slugify } from '../../../shared/formats.js';
import { buildTestApp, type TestApp } from '../../test/app.js';
import { createStaff, getPage, login, postForm } from '../../test/factories/users.js';
import { cliActor } from '../audit/service.js';
import { createDepartment, findDepartmentBySlug, listDepartments } from './service.js';

let t: TestApp;
let session: { cookie: string; csrf: string };
beforeAll(async () => {
  t = await buildTestApp();
  session = await login(t, await createStaff(t, { role: 'admin' }));
});
afterAll(() => t.close());

const fieldError = (body: string, field: string) =>
  new RegExp(`id="${field}-error"[^>]*>([\\s\\S]*?)</p>`).exec(body)?.[1]?.replace(/<[^>]+>/g, '');

async function snapshot() {
  const { rows } = await t.db.query(
    'SELECT (SELECT count(*)::int FROM departments) AS departments, (SELECT count(*)::int FROM audit_log) AS audit',
  );
  return rows[0];
}

describe('departments', () => {
  it('derives keys from German names', () => {
    expect(slugify('Amt für Straßenbau und Entwässerung')).toBe('amt-fuer-strassenbau-und-entwaesserung');
    expect(slugify('Umweltamt – Grünflächen')).toBe('umweltamt-gruenflaechen');
    expect(slugify('  Bürgeramt (Mitte) ')).toBe('buergeramt-mitte');
  });

  it('an admin creates one; it is listed and audited', async () => {
    const res = await postForm(t, session, '/admin/departments', {
      name: 'Amt für Straßenbau und Entwässerung',
      slug: '',
      email: 'strassenbau@example.org',
      phone: '+49 521 51-0',
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/admin/departments?done=created');
    const list = await getPage(t, session, res.headers.location as string);
    expect(list.body).toContain('Die Dienststelle wurde angelegt.');
    expect(list.body).toContain('Amt für Straßenbau und Entwässerung');
    expect(list.body).toContain('amt-fuer-strassenbau-und-entwaesserung');
    const d = await findDepartmentBySlug(t.db, t.config.municipality.id, 'amt-fuer-strassenbau-und-entwaesserung');
    expect(d).toMatchObject({ email: 'strassenbau@example.org', phone: '+49 521 51-0', active: true });
    const audit = await t.db.query<{ action: string; after: object }>(
      `SELECT action, after FROM audit_log WHERE entity_type = 'department' AND entity_id = $1`,
      [String(d!.id)],
    );
    expect(audit.rows).toEqual([{ action: 'department.create', after: expect.objectContaining({ name: d!.name }) }]);
  });

  it('re-renders with messages beside the fields (400) and stores nothing', async () => {
    const before = await snapshot();
    const res = await postForm(t, session, '/admin/departments', {
      name: '',
      slug: 'Nicht Gültig!',
      email: 'kaputt',
      phone: 'ruf mich an',
    });
    expect(res.statusCode).toBe(400);
    expect(fieldError(res.body, 'name')).toContain('Bitte geben Sie einen Namen ein.');
    expect(fieldError(res.body, 'email')).toContain('name@beispiel.de');
    expect(fieldError(res.body, 'phone')).toContain('Telefonnummer');
    expect(res.body).toContain('value="ruf mich an"');
    const bad = await postForm(t, session, '/admin/departments', { name: 'Gut', slug: 'Nicht Gültig!' });
    expect(fieldError(bad.body, 'slug')).toContain('Kleinbuchstaben');
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a key in use (409)', async () => {
    await createDepartment(t.db, { municipalityId: t.config.municipality.id, name: 'Ordnungsamt' }, cliActor);
    const before = await snapshot();
    const res = await postForm(t, session, '/admin/departments', { name: 'Ordnungsamt' });
    expect(res.statusCode).toBe(409);
    expect(fieldError(res.body, 'slug')).toContain('schon vergeben');
    expect(await snapshot()).toEqual(before);
  });

  it('edits and deactivates; inactive departments are not offered for new accounts', async () => {
    const d = await t.db.transaction((tx) =>
      createDepartment(tx, { municipalityId: t.config.municipality.id, name: 'Amt für Verkehr' }, cliActor),
    );
    const edit = await postForm(t, session, `/admin/departments/${d.id}`, {
      name: 'Amt für Verkehr',
      slug: 'verkehr',
      email: 'verkehr@example.org',
      phone: '',
    });
    expect(edit.headers.location).toBe('/admin/departments?done=saved');
    const form = await getPage(t, session, '/admin/users/new');
    expect(form.body).toContain('Amt für Verkehr');

    expect((await postForm(t, session, `/admin/departments/${d.id}/deactivate`)).headers.location).toBe(
      '/admin/departments?done=deactivated',
    );
    expect((await listDepartments(t.db, t.config.municipality.id)).find((x) => x.id === d.id)).toMatchObject({
      slug: 'verkehr',
      active: false,
    });
    expect((await getPage(t, session, '/admin/users/new')).body).not.toContain('Amt für Verkehr');
    const page = await getPage(t, session, `/admin/departments/${d.id}`);
    expect(page.body).toContain(`/admin/departments/${d.id}/activate`);
    await postForm(t, session, `/admin/departments/${d.id}/activate`);

    const actions = await t.db.query<{ action: string; before: object; after: object }>(
      'SELECT action, before, after FROM audit_log WHERE entity_id = $1 AND entity_type = $2 ORDER BY id',
      [String(d.id), 'department'],
    );
    expect(actions.rows.map((r) => r.action)).toEqual([
      'department.create',
      'department.update',
      'department.deactivate',
      'department.activate',
    ]);
    expect(actions.rows[1]).toMatchObject({ before: { slug: 'amt-fuer-verkehr' }, after: { slug: 'verkehr' } });
  });

  it('answers an unknown department with 404', async () => {
    expect((await getPage(t, session, '/admin/departments/99999')).statusCode).toBe(404);
    expect((await postForm(t, session, '/admin/departments/99999', { name: 'X' })).statusCode).toBe(404);
  });
});
