import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, countRows, type TestApp } from '../../../test/app.js';
import { createStaff, login, postForm } from '../../../test/factories/users.js';
import { seedWasteCalendar } from '../../../test/factories/waste.js';
import { datesCsv, everyDays } from './test-files.js';

// The back-office import through HTTP: upload (multipart, CSRF) → preview (nothing written) → apply (audited),
// a rejected file with its lines, a stale preview, and who may see the page.

let t: TestApp;
let admin: { cookie: string; csrf: string };
let adminStaff: { email: string; password: string };

beforeAll(async () => {
  t = await buildTestApp({ now: '2026-11-10T09:00:00+01:00' });
  await seedWasteCalendar(t.deps);
  adminStaff = await createStaff(t, { role: 'admin' });
  admin = await login(t, adminStaff);
}, 120_000);
afterAll(() => t.close());

/** Uploads a file like the browser's form does. */
async function upload(
  session: { cookie: string; csrf: string },
  name: string,
  text: string,
  fields: Record<string, string> = {},
) {
  const form = new FormData();
  form.append('_csrf', session.csrf);
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append('file', new Blob([text], { type: 'text/csv' }), name);
  const request = new Request('http://local/', { method: 'POST', body: form });
  return t.app.inject({
    method: 'POST',
    url: '/admin/abfall/import',
    payload: Buffer.from(await request.arrayBuffer()),
    headers: { cookie: session.cookie, 'content-type': request.headers.get('content-type') ?? '', accept: 'text/html' },
  });
}

const hidden = (body: string, name: string) => new RegExp(`name="${name}" value="([^"]+)"`).exec(body)?.[1] ?? '';
const pageDates = () =>
  countRows(
    t.db,
    `SELECT count(*)::int AS n FROM waste_collections c JOIN waste_routes r ON r.id = c.route_id
      WHERE r.municipality_id = $1 AND r.key LIKE 'page-%'`,
    [t.config.municipality.id],
  );

describe('waste import page', () => {
  it('shows the form, the format link and the current data to admins only', async () => {
    const page = await t.app.inject({
      url: '/admin/abfall/import',
      headers: { cookie: admin.cookie, accept: 'text/html' },
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Abfallkalender: Import');
    expect(page.body).toContain('enctype="multipart/form-data"');
    expect(page.body).toContain('2026-27');
    expect(page.body).not.toMatch(/waste-admin\./);
    const english = await t.app.inject({
      url: '/admin/abfall/import?lang=en',
      headers: { cookie: admin.cookie, accept: 'text/html' },
    });
    expect(english.body).toContain('Waste calendar: import');
    expect(english.body).toContain('Show routes (');
    expect(english.body).not.toMatch(/waste-admin\./);
    const doc = await t.app.inject({ url: '/admin/abfall/import/format', headers: { cookie: admin.cookie } });
    expect(doc.body).toContain('season;bin_type;route;date');
    const agent = await login(t, await createStaff(t, { role: 'bsc_agent' }));
    const refused = await t.app.inject({
      url: '/admin/abfall/import',
      headers: { cookie: agent.cookie, accept: 'text/html' },
    });
    expect(refused.statusCode).toBe(403);
    const anonymous = await t.app.inject({ url: '/admin/abfall/import', headers: { accept: 'text/html' } });
    expect(anonymous.statusCode).toBe(303);
  });

  it('upload → preview (nothing written) → apply (written, audited); applying again says the file is gone', async () => {
    const file = datesCsv(everyDays('2026-11-16', 14, 5).map((d) => ['2026-27', 'restabfall', 'page-1', d]));
    const preview = await upload(admin, 'termine.csv', file);
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('Vorschau: termine.csv');
    expect(preview.body).toMatch(/neue Termine<\/dt>\s*<dd[^>]*>5</);
    expect(await pageDates()).toBe(0);
    const fields = { upload: hidden(preview.body, 'upload'), digest: hidden(preview.body, 'digest') };
    const forged = await upload({ ...admin, csrf: 'forged' }, 'termine.csv', file);
    expect(forged.statusCode).toBe(403);
    const noCsrf = await postForm(t, { ...admin, csrf: 'forged' }, '/admin/abfall/import/apply', fields);
    expect(noCsrf.statusCode).toBe(403);
    expect(await pageDates()).toBe(0);
    const applied = await postForm(t, admin, '/admin/abfall/import/apply', fields);
    expect(applied.statusCode).toBe(200);
    expect(applied.body).toContain('Import übernommen: 5 neue');
    expect(await pageDates()).toBe(5);
    const audits = await countRows(
      t.db,
      "SELECT count(*)::int AS n FROM audit_log WHERE municipality_id = $1 AND action = 'waste.import' AND actor_id IS NOT NULL",
      [t.config.municipality.id],
    );
    expect(audits).toBe(1);
    const log = await t.app.inject({
      url: '/admin/audit?action=waste.import',
      headers: { cookie: admin.cookie, accept: 'text/html' },
    });
    expect(log.body).toContain('Abfallkalender importiert');
    expect(log.body).toContain('termine.csv');
    expect(log.body).toContain('neue Touren: ');
    expect(log.body).not.toContain('newRoutes: ');
    const again = await postForm(t, admin, '/admin/abfall/import/apply', fields);
    expect(again.statusCode).toBe(410);
    expect(await pageDates()).toBe(5);
  });

  it('a file with errors is shown with its lines and nothing is kept or written', async () => {
    const file = datesCsv([
      ['2026-27', 'restabfall', 'page-2', '2026-11-17'],
      ['2026-27', 'restabfall', 'page-2', '32.11.2026'],
    ]);
    const res = await upload(admin, 'kaputt.csv', file);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Die Datei enthält Fehler; es wurde nichts geändert.');
    expect(res.body).toContain('Zeile 3');
    expect(res.body).toContain('„32.11.2026“ ist kein Datum');
    expect(hidden(res.body, 'upload')).toBe('');
    expect(await pageDates()).toBe(5);
    const empty = await upload(admin, 'leer.csv', '');
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Bitte wählen Sie eine Datei.');
  });

  it('refuses a forged apply: another admin’s upload, a changed calendar (shows the new preview)', async () => {
    const file = datesCsv([['2026-27', 'papier', 'page-3', '2026-11-18']]);
    const preview = await upload(admin, 'a.csv', file);
    const fields = { upload: hidden(preview.body, 'upload'), digest: hidden(preview.body, 'digest') };
    const other = await login(t, await createStaff(t, { role: 'admin' }));
    expect((await postForm(t, other, '/admin/abfall/import/apply', fields)).statusCode).toBe(410);
    // Meanwhile the route gets another date: the preview is stale.
    const first = await upload(admin, 'b.csv', datesCsv([['2026-27', 'papier', 'page-3', '2026-11-19']]));
    await postForm(t, admin, '/admin/abfall/import/apply', {
      upload: hidden(first.body, 'upload'),
      digest: hidden(first.body, 'digest'),
    });
    const stale = await postForm(t, admin, '/admin/abfall/import/apply', fields);
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('seit der Vorschau geändert');
    expect(stale.body).toContain('verschoben');
    const fresh = { upload: hidden(stale.body, 'upload'), digest: hidden(stale.body, 'digest') };
    expect((await postForm(t, admin, '/admin/abfall/import/apply', fresh)).statusCode).toBe(200);
    const { rows } = await t.db.query<{ d: string }>(
      `SELECT c.collection_date::text AS d FROM waste_collections c JOIN waste_routes r ON r.id = c.route_id
        WHERE r.municipality_id = $1 AND r.key = 'page-3'`,
      [t.config.municipality.id],
    );
    expect(rows).toEqual([{ d: '2026-11-18' }]);
  });

  it('tells what to set up first when the municipality has no waste data', async () => {
    const empty = await buildTestApp();
    try {
      const session = await login(empty, await createStaff(empty, { role: 'admin' }));
      const page = await empty.app.inject({
        url: '/admin/abfall/import',
        headers: { cookie: session.cookie, accept: 'text/html' },
      });
      expect(page.body).toContain('waste:bin-types --standard');
    } finally {
      await empty.close();
    }
  });

  it('waste.purge-uploads deletes files not applied within an hour (dry run only counts); apply then finds none', async () => {
    const preview = await upload(admin, 'spaet.csv', datesCsv([['2026-27', 'papier', 'page-4', '2026-11-20']]));
    const fields = { upload: hidden(preview.body, 'upload'), digest: hidden(preview.body, 'digest') };
    const kept = () =>
      countRows(t.db, 'SELECT count(*)::int AS n FROM waste_import_uploads WHERE id = $1', [fields.upload]);
    const run = (dryRun: boolean) => t.queue.runNow('waste.purge-uploads', {}, { dryRun, log: t.app.log });
    expect(await kept()).toBe(1);
    await run(false);
    expect(await kept()).toBe(1);
    t.clock.advance(61 * 60 * 1000);
    expect(await run(true)).toMatchObject({ dryRun: true });
    expect(await kept()).toBe(1);
    expect((await run(false))?.deleted).toBeGreaterThanOrEqual(1);
    expect(await kept()).toBe(0);
    // The session idled out meanwhile: the same admin signs in again and finds the file gone.
    admin = await login(t, adminStaff);
    expect((await postForm(t, admin, '/admin/abfall/import/apply', fields)).statusCode).toBe(410);
  });
});
