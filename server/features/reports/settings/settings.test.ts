import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { seedTestAddresses } from '../../../test/factories/addresses.js';
import {
  createCategory,
  createExternalBody,
  createReport,
  createTestDepartment,
} from '../../../test/factories/reports.js';
import { createStaff, getPage, login, postForm } from '../../../test/factories/users.js';

// The Mängelmelder's settings pages: routing rules and external bodies (admins), note templates (admins, BSC).

let t: TestApp;
let admin: { cookie: string; csrf: string };
let bsc: { cookie: string; csrf: string };
let deptA: number;
let deptB: number;
let categoryId: number;

beforeAll(async () => {
  t = await buildTestApp();
  await seedTestAddresses(t.deps);
  deptA = await createTestDepartment(t.deps, 'Umweltbetrieb');
  deptB = await createTestDepartment(t.deps, 'Amt für Verkehr');
  categoryId = await createCategory(t.deps, { code: 'wilder-muell', name: { de: 'Wilder Müll', en: 'Fly-tipping' } });
  admin = await login(t, await createStaff(t, { role: 'admin' }));
  bsc = await login(t, await createStaff(t, { role: 'bsc_agent', displayName: 'Berta Service' }));
});
afterAll(() => t.close());

const byId = (body: string, id: string) =>
  new RegExp(`id="${id}"[^>]*>([\\s\\S]*?)</p>`).exec(body)?.[1]?.replace(/<[^>]+>/g, '');
const fieldError = (body: string, field: string) => byId(body, `${field}-error`);

describe('routing rules, templates and external bodies', () => {
  it('an admin creates, edits and deletes a rule; each step is audited', async () => {
    const bad = await postForm(t, admin, '/admin/meldungen/regeln', {
      categoryId: '',
      districtId: '',
      departmentId: '',
    });
    expect(bad.statusCode).toBe(400);
    expect(fieldError(bad.body, 'categoryId')).toContain('Bitte wählen Sie eine Kategorie.');
    expect(fieldError(bad.body, 'departmentId')).toContain('Bitte wählen Sie eine Dienststelle.');

    const ok = await postForm(t, admin, '/admin/meldungen/regeln', {
      categoryId: String(categoryId),
      districtId: '',
      departmentId: String(deptA),
      autoForward: '1',
    });
    expect(ok.headers.location).toBe('/admin/meldungen/regeln?done=created');
    const again = await postForm(t, admin, '/admin/meldungen/regeln', {
      categoryId: String(categoryId),
      districtId: '',
      departmentId: String(deptB),
    });
    expect(again.statusCode).toBe(409);
    expect(fieldError(again.body, 'categoryId')).toContain('schon eine Regel');

    const list = await getPage(t, admin, '/admin/meldungen/regeln?done=created');
    expect(list.body).toContain('Die Regel wurde angelegt.');
    expect(list.body).toContain('alle Stadtbezirke');
    expect(list.body).toContain('automatisch weiterleiten');
    const id = /href="\/admin\/meldungen\/regeln\/(\d+)"/.exec(list.body)![1];
    const edit = await postForm(t, admin, `/admin/meldungen/regeln/${id}`, {
      categoryId: String(categoryId),
      districtId: '',
      departmentId: String(deptB),
    });
    expect(edit.headers.location).toBe('/admin/meldungen/regeln?done=saved');
    expect((await getPage(t, admin, '/admin/meldungen/regeln')).body).toContain('nur vorschlagen');
    const del = await postForm(t, admin, `/admin/meldungen/regeln/${id}/loeschen`);
    expect(del.headers.location).toBe('/admin/meldungen/regeln?done=deleted');
    const audit = await t.db.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE entity_type = 'report_rule' AND entity_id = $1 ORDER BY id`,
      [id],
    );
    expect(audit.rows.map((r) => r.action)).toEqual(['report_rule.create', 'report_rule.update', 'report_rule.delete']);
  });

  it('templates: validation beside the fields, edit, delete; BSC agents may manage them', async () => {
    const bad = await postForm(t, bsc, '/admin/meldungen/vorlagen', {
      status: 'nonsense',
      title: '',
      bodyDe: '',
      bodyEn: 'x'.repeat(4001),
      sort: 'zwei',
    });
    expect(bad.statusCode).toBe(400);
    expect(fieldError(bad.body, 'status')).toContain('wofür');
    expect(fieldError(bad.body, 'title')).toContain('Titel');
    expect(fieldError(bad.body, 'bodyDe')).toContain('deutschen Text');
    expect(fieldError(bad.body, 'bodyEn')).toContain('4.000');
    expect(fieldError(bad.body, 'sort')).toContain('ganze Zahl');
    const ok = await postForm(t, bsc, '/admin/meldungen/vorlagen', {
      status: 'rejected',
      title: 'Privatgrund',
      bodyDe: 'Die Stelle liegt auf Privatgrund.',
      bodyEn: '',
      sort: '',
    });
    expect(ok.headers.location).toBe('/admin/meldungen/vorlagen?done=created');
    const list = await getPage(t, bsc, '/admin/meldungen/vorlagen');
    const id = /href="\/admin\/meldungen\/vorlagen\/(\d+)">Privatgrund/.exec(list.body)![1];
    const edit = await postForm(t, bsc, `/admin/meldungen/vorlagen/${id}`, {
      status: 'rejected',
      title: 'Privatgrund',
      bodyDe: 'Die Stelle liegt auf einem Privatgrundstück.',
      bodyEn: 'The place is on private land.',
      sort: '2',
    });
    expect(edit.statusCode).toBe(303);
    const form = await getPage(t, bsc, `/admin/meldungen/vorlagen/${id}`);
    expect(form.body).toContain('The place is on private land.</textarea>');
    expect((await postForm(t, bsc, `/admin/meldungen/vorlagen/${id}/loeschen`)).statusCode).toBe(303);
    expect((await getPage(t, bsc, `/admin/meldungen/vorlagen/${id}`)).statusCode).toBe(404);
  });

  it('external bodies: create, rename, deactivate; inactive ones are not offered', async () => {
    const bad = await postForm(t, admin, '/admin/meldungen/externe-stellen', {
      name: '',
      email: 'kaputt',
      phone: 'ruf an',
      website: 'strassen.nrw',
    });
    expect(bad.statusCode).toBe(400);
    for (const f of ['name', 'email', 'phone', 'website']) expect(fieldError(bad.body, f)).toBeTruthy();
    const ok = await postForm(t, admin, '/admin/meldungen/externe-stellen', {
      name: 'Straßen.NRW',
      email: 'info@strassen.nrw.de',
      phone: '',
      website: 'https://www.strassen.nrw.de',
      active: '1',
    });
    expect(ok.headers.location).toBe('/admin/meldungen/externe-stellen?done=created');
    const dup = await postForm(t, admin, '/admin/meldungen/externe-stellen', { name: 'straßen.nrw', active: '1' });
    expect(dup.statusCode).toBe(409);
    const { rows } = await t.db.query<{ id: number }>(
      `SELECT id FROM report_external_bodies WHERE municipality_id = $1 AND name = 'Straßen.NRW'`,
      [t.config.municipality.id],
    );
    const id = rows[0]!.id;
    const r = await createReport(t.deps, { categoryId });
    expect((await getPage(t, bsc, `/admin/meldungen/${r.id}`)).body).toContain('>Straßen.NRW</option>');
    await postForm(t, admin, `/admin/meldungen/externe-stellen/${id}`, {
      name: 'Straßen.NRW',
      email: '',
      phone: '',
      website: '',
    });
    expect((await getPage(t, bsc, `/admin/meldungen/${r.id}`)).body).not.toContain('>Straßen.NRW</option>');
    const off = await createExternalBody(t.deps, 'Alte Stelle', false);
    const refused = await postForm(t, bsc, `/admin/meldungen/${r.id}/extern`, {
      externalBodyId: String(off),
      note: 'Zuständig ist die alte Stelle.',
    });
    expect(fieldError(refused.body, 'external-externalBodyId')).toContain('externe Stelle');
  });
});
