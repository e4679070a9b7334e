import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { points, seedTestAddresses } from '../../../test/factories/addresses.js';
import { createCategory, createReport, createTestDepartment } from '../../../test/factories/reports.js';
import { createStaff, getPage, login, postForm } from '../../../test/factories/users.js';

let t: TestApp;
let _admin: { cookie: string; csrf: string };
let bsc: { cookie: string; csrf: string };
let deptA: number;
let deptB: number;
let staffA: { cookie: string; csrf: string };
let categoryId: number;
let otherCategoryId: number;

beforeAll(async () => {
  t = await buildTestApp();
  await seedTestAddresses(t.deps);
  deptA = await createTestDepartment(t.deps, 'Umweltbetrieb');
  deptB = await createTestDepartment(t.deps, 'Amt für Verkehr');
  categoryId = await createCategory(t.deps, { code: 'wilder-muell', name: { de: 'Wilder Müll', en: 'Fly-tipping' } });
  otherCategoryId = await createCategory(t.deps, {
    code: 'schlagloch',
    name: { de: 'Schlagloch', en: 'Pothole' },
    questions: [
      {
        code: 'size',
        datatype: 'singlevaluelist',
        required: false,
        label: { de: 'Größe', en: 'Size' },
        values: [{ key: 'big', name: { de: 'groß', en: 'big' } }],
        order: 1,
      },
    ],
  });
  _admin = await login(t, await createStaff(t, { role: 'admin' }));
  bsc = await login(t, await createStaff(t, { role: 'bsc_agent', displayName: 'Berta Service' }));
  staffA = await login(t, await createStaff(t, { role: 'department_staff', departmentIds: [deptA] }));
});
afterAll(() => t.close());

const byId = (body: string, id: string) =>
  new RegExp(`id="${id}"[^>]*>([\\s\\S]*?)</p>`).exec(body)?.[1]?.replace(/<[^>]+>/g, '');
const fieldError = (body: string, field: string) => byId(body, `${field}-error`);
const rowsOf = (body: string) =>
  [...body.matchAll(/<tr class="kern-table__row"><th scope="row"[^>]*><a[^>]*>([^<]+)</g)].map((m) => m[1]);

describe('inbox', () => {
  it('lists, filters, searches, sorts and highlights overdue reports in words', async () => {
    const old = await createReport(t.deps, {
      categoryId,
      createdAt: new Date(t.deps.now().getTime() - 30 * 86_400_000),
      description: 'Sperrmüll am Kesselbrink',
    });
    const fresh = await createReport(t.deps, {
      categoryId: otherCategoryId,
      lat: points.schildesche.lat,
      lon: points.schildesche.lon,
      addressLabel: 'Jöllenbecker Straße 12',
      description: 'Tiefes Loch in der Fahrbahn',
      departmentId: deptA,
      status: 'forwarded',
    });
    const closed = await createReport(t.deps, { categoryId, status: 'done' });

    // The BSC's default view is its own triage; what is already with a department is a view of its own.
    const triage = await getPage(t, bsc, '/admin/meldungen');
    expect(triage.statusCode).toBe(200);
    expect(rowsOf(triage.body)).toEqual([old.reference]);
    expect(triage.body).toMatch(/Zu sichten<span[^>]*> \(1\)/);
    expect(triage.body).toMatch(/Bei Dienststellen<span[^>]*> \(1\)/);
    expect(rowsOf((await getPage(t, bsc, '/admin/meldungen?status=department')).body)).toEqual([fresh.reference]);
    const all = await getPage(t, bsc, '/admin/meldungen?status=open');
    expect(rowsOf(all.body)).toEqual([fresh.reference, old.reference]);
    expect(all.body).toContain('Überfällig');
    expect(all.body).toContain('Sperrmüll am Kesselbrink');
    expect(all.body).toContain('Schildesche');
    expect(all.body).toContain('data-reports-map');

    const open = (query: string) => getPage(t, bsc, `/admin/meldungen?status=open&${query}`);
    expect(rowsOf((await open('sort=oldest')).body)).toEqual([old.reference, fresh.reference]);
    expect(rowsOf((await open('overdue=1')).body)).toEqual([old.reference]);
    expect(rowsOf((await getPage(t, bsc, '/admin/meldungen?status=closed')).body)).toEqual([closed.reference]);
    expect(rowsOf((await open(`category=${otherCategoryId}`)).body)).toEqual([fresh.reference]);
    expect(rowsOf((await open(`department=${deptA}`)).body)).toEqual([fresh.reference]);
    expect(rowsOf((await open('q=kesselbrink')).body)).toEqual([old.reference]);
    expect(rowsOf((await open(`q=${fresh.reference}`)).body)).toEqual([fresh.reference]);
    expect(rowsOf((await open('q=J%C3%B6llenbecker')).body)).toEqual([fresh.reference]);
    // A search for SQL wildcards finds nothing instead of everything.
    expect((await open('q=%25')).body).toContain('Keine Meldungen für diese Auswahl.');

    // The staff start page counts the same: one to triage, one with a department, one overdue.
    const start = await getPage(t, bsc, '/admin');
    expect(start.body).toMatch(/>1<\/span> <span>Meldung zu sichten/);
    expect(start.body).toMatch(/>1<\/span> <span>Meldung bei einer Dienststelle/);
    expect(start.body).toMatch(/>1<\/span> <span>überfällige Meldung</);
    const startDept = await getPage(t, staffA, '/admin');
    expect(startDept.body).toMatch(/>1<\/span> <span>offene Meldung Ihrer Dienststelle/);

    // Department staff see only what is with their department.
    expect(rowsOf((await getPage(t, staffA, '/admin/meldungen')).body)).toEqual([fresh.reference]);
    expect(rowsOf((await getPage(t, staffA, '/admin/meldungen?status=all')).body)).toEqual([fresh.reference]);
  });

  it('pages through 25 at a time', async () => {
    const category = await createCategory(t.deps, { code: 'laub', name: { de: 'Laub', en: 'Leaves' } });
    for (let i = 0; i < 27; i++) await createReport(t.deps, { categoryId: category });
    const first = await getPage(t, bsc, `/admin/meldungen?category=${category}`);
    expect(rowsOf(first.body)).toHaveLength(25);
    expect(first.body).toContain('Seite 1 von 2');
    const second = await getPage(t, bsc, `/admin/meldungen?category=${category}&page=2`);
    expect(rowsOf(second.body)).toHaveLength(2);
    expect(second.body).toContain(`href="/admin/meldungen?category=${category}"`);
  });

  it('serves the map data with the same filter and a bounding box', async () => {
    const r = await createReport(t.deps, { categoryId, addressLabel: 'Obernstraße 1' });
    const res = await getPage(t, bsc, `/admin/meldungen/karte.geojson?q=${r.reference}&lang=en`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/geo+json');
    const body = res.json();
    expect(body.features).toEqual([
      expect.objectContaining({
        geometry: { type: 'Point', coordinates: [points.mitte.lon, points.mitte.lat] },
        properties: expect.objectContaining({
          reference: r.reference,
          category: { code: 'wilder-muell', name: 'Fly-tipping' },
          statusLabel: 'Received',
          url: `/admin/meldungen/${r.id}`,
        }),
      }),
    ]);
    const north = await getPage(t, bsc, `/admin/meldungen/karte.geojson?q=${r.reference}&bbox=8.5,52.03,8.56,52.06`);
    expect(north.json().features).toEqual([]);
    expect((await getPage(t, bsc, '/admin/meldungen/karte.geojson?bbox=1,2,3')).statusCode).toBe(400);
    // Department staff get only their department's points.
    expect((await getPage(t, staffA, `/admin/meldungen/karte.geojson?q=${r.reference}`)).json().features).toEqual([]);
  });

  it('lists overdue reports per department', async () => {
    const past = new Date(t.deps.now().getTime() - 60_000);
    const withA = await createReport(t.deps, { categoryId, departmentId: deptA, status: 'accepted', dueAt: past });
    const withB = await createReport(t.deps, { categoryId, departmentId: deptB, status: 'forwarded', dueAt: past });
    const unassigned = await createReport(t.deps, { categoryId, dueAt: past });
    await createReport(t.deps, { categoryId, departmentId: deptA, status: 'done', dueAt: past });
    const page = await getPage(t, bsc, '/admin/meldungen/ueberfaellig');
    expect(page.statusCode).toBe(200);
    const sections = page.body.split('<section aria-labelledby=').slice(1);
    const bscSection = sections.find((s) => s.includes('Noch beim BürgerServiceCenter'))!;
    expect(bscSection).toContain(unassigned.reference);
    expect(sections.find((s) => s.includes('Umweltbetrieb'))).toContain(withA.reference);
    expect(sections.find((s) => s.includes('Amt für Verkehr'))).toContain(withB.reference);
    const own = await getPage(t, staffA, '/admin/meldungen/ueberfaellig');
    expect(own.body).toContain(withA.reference);
    expect(own.body).not.toContain(withB.reference);
    expect(own.body).not.toContain(unassigned.reference);
  });
});

describe('report detail', () => {
  it('shows texts, answers, location, contact, photos and history; contact only to those allowed', async () => {
    const r = await createReport(t.deps, {
      categoryId: otherCategoryId,
      description: 'Loch <script>alert(1)</script> vor Hausnummer 5',
      reporterName: 'Erika Mustermann',
      reporterEmail: 'erika@example.org',
      reporterPhone: '+49 521 123456',
      suggestedDepartmentId: deptA,
      photos: 2,
    });
    await t.db.query(`UPDATE reports SET answers = '{"size": "big"}' WHERE id = $1`, [r.id]);
    const page = await getPage(t, bsc, `/admin/meldungen/${r.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Loch &lt;script>alert(1)&lt;/script> vor Hausnummer 5');
    expect(page.body).not.toContain('<script>alert(1)');
    expect(page.body).toContain('Größe');
    expect(page.body).toContain('groß');
    expect(page.body).toContain('erika@example.org');
    expect(page.body).toContain('+49 521 123456');
    expect(page.body).toContain('Noch kein öffentlicher Text.');
    expect(page.body).toContain('Vorschlag nach den Zuständigkeitsregeln: Umweltbetrieb');
    expect(page.body).toMatch(new RegExp(`<option value="${deptA}" selected`));
    expect(page.body).toContain('Meldung eingegangen');
    const photos = [...page.body.matchAll(/<img src="([^"]+)"/g)].map((m) => m[1]!);
    expect(photos).toHaveLength(2);
    const photo = await getPage(t, bsc, photos[0]!);
    expect(photo.statusCode).toBe(200);
    expect(photo.headers['content-type']).toBe('image/jpeg');
    expect(photo.headers['cache-control']).toContain('no-store');

    // The department it is with sees the contact; another department sees nothing at all.
    await t.db.query(`UPDATE reports SET department_id = $2, status = 'forwarded' WHERE id = $1`, [r.id, deptA]);
    const own = await getPage(t, staffA, `/admin/meldungen/${r.id}`);
    expect(own.statusCode).toBe(200);
    expect(own.body).toContain('erika@example.org');
    const staffB = await login(t, await createStaff(t, { role: 'department_staff', departmentIds: [deptB] }));
    const foreign = await getPage(t, staffB, `/admin/meldungen/${r.id}`);
    expect(foreign.statusCode).toBe(403);
    expect(foreign.body).not.toContain('erika@example.org');
    expect((await getPage(t, staffB, photos[0]!)).statusCode).toBe(403);
    expect((await getPage(t, bsc, '/admin/meldungen/999999')).statusCode).toBe(404);
    expect((await getPage(t, bsc, '/admin/meldungen/abc')).statusCode).toBe(404);
  });

  it('re-renders an action form with the message beside the field and changes nothing', async () => {
    const r = await createReport(t.deps, { categoryId });
    const before = await t.db.query('SELECT status, updated_at FROM reports WHERE id = $1', [r.id]);
    const done = await postForm(t, bsc, `/admin/meldungen/${r.id}/erledigt`, { note: '   ' });
    expect(done.statusCode).toBe(400);
    expect(fieldError(done.body, 'done-note')).toContain('Bitte geben Sie einen Text ein.');
    expect(done.body).toContain('href="#done-note"');
    const forward = await postForm(t, bsc, `/admin/meldungen/${r.id}/weiterleiten`, {
      departmentId: '',
      note: 'Bitte prüfen',
    });
    expect(forward.statusCode).toBe(400);
    expect(fieldError(forward.body, 'forward-departmentId')).toContain('Bitte wählen Sie eine Dienststelle.');
    expect(forward.body).toContain('Bitte prüfen</textarea>');
    const merge = await postForm(t, bsc, `/admin/meldungen/${r.id}/zusammenfuehren`, { reference: 'BI-1999-000001' });
    expect(fieldError(merge.body, 'merge-reference')).toContain('keine Meldung');
    const accept = await postForm(t, bsc, `/admin/meldungen/${r.id}/annehmen`, {});
    expect(accept.statusCode).toBe(409);
    expect(byId(accept.body, 'accept-form')).toContain('aktuellen Status');
    expect(accept.body).toContain('href="#accept-form"');
    expect((await t.db.query('SELECT status, updated_at FROM reports WHERE id = $1', [r.id])).rows).toEqual(
      before.rows,
    );
    const events = await t.db.query('SELECT count(*)::int AS n FROM report_events WHERE report_id = $1', [r.id]);
    expect(events.rows[0]).toEqual({ n: 1 });
  });

  it('fills a note from a template in the reporter language', async () => {
    const created = await postForm(t, bsc, '/admin/meldungen/vorlagen', {
      status: 'done',
      title: 'Müll beseitigt',
      bodyDe: 'Der Müll wurde beseitigt. Danke für Ihre Meldung!',
      bodyEn: 'The rubbish was removed. Thank you for your report!',
      sort: '1',
    });
    expect(created.statusCode).toBe(303);
    const { rows } = await t.db.query<{ id: number }>(
      `SELECT id FROM report_note_templates WHERE municipality_id = $1 AND title = 'Müll beseitigt'`,
      [t.config.municipality.id],
    );
    const r = await createReport(t.deps, { categoryId, language: 'en' });
    const page = await getPage(t, bsc, `/admin/meldungen/${r.id}`);
    expect(page.body).toContain('id="done-template"');
    const filled = await getPage(t, bsc, `/admin/meldungen/${r.id}?vorlage=${rows[0]!.id}`);
    expect(filled.body).toMatch(/id="done-note"[^>]*>The rubbish was removed\. Thank you for your report!<\/textarea>/);

    // Without JavaScript, "insert template" keeps what was typed and adds the template below it; nothing is stored.
    const inserted = await postForm(t, bsc, `/admin/meldungen/${r.id}/vorlage`, {
      templateAction: 'done',
      vorlage: String(rows[0]!.id),
      note: 'Hello Ms Smith,',
    });
    expect(inserted.statusCode).toBe(200);
    expect(inserted.body).toMatch(
      /id="done-note"[^>]*>Hello Ms Smith,\n\nThe rubbish was removed\. Thank you for your report!<\/textarea>/,
    );
    expect(inserted.body).toMatch(/<details id="aktion-done" class="bs-report-action" open/);
    expect(inserted.body).not.toContain('bs-error-summary');
    const { rows: status } = await t.db.query<{ status: string }>('SELECT status FROM reports WHERE id = $1', [r.id]);
    expect(status[0]!.status).toBe('received');
  });

  it('offers a template only for its category (templates without one for all)', async () => {
    const only = await postForm(t, bsc, '/admin/meldungen/vorlagen', {
      status: 'rejected',
      title: 'Nur für Schlaglöcher',
      bodyDe: 'Dafür ist der Landesbetrieb zuständig.',
      bodyEn: '',
      sort: '0',
      categoryId: String(otherCategoryId),
    });
    expect(only.statusCode).toBe(303);
    const bad = await postForm(t, bsc, '/admin/meldungen/vorlagen', {
      status: 'rejected',
      title: 'Falsch',
      bodyDe: 'Text',
      bodyEn: '',
      sort: '0',
      categoryId: '999999',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Bitte wählen Sie eine Kategorie aus der Liste.');
    const other = await createReport(t.deps, { categoryId: otherCategoryId });
    const mine = await createReport(t.deps, { categoryId });
    expect((await getPage(t, bsc, `/admin/meldungen/${other.id}`)).body).toContain('Nur für Schlaglöcher');
    expect((await getPage(t, bsc, `/admin/meldungen/${mine.id}`)).body).not.toContain('Nur für Schlaglöcher');
    const list = await getPage(t, bsc, '/admin/meldungen/vorlagen');
    expect(list.body).not.toMatch(/reports-admin\.[a-z]/);
  });
});
