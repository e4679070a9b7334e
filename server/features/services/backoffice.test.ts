import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../platform/cli/run.js';
import { buildTestApp, type TestApp } from '../../test/app.js';
import { createStaff, getPage, login, postForm } from '../../test/factories/users.js';
import { servicesCommands } from './cli.js';
import { seedServicesDemo } from './import.js';

// The back office of the services A–Z through HTTP: imports (all or nothing, with line numbers), the CLI, the
// editor's service and office forms, deletion, the audit trail and the search documents that follow every change.

let t: TestApp;
let editor: { cookie: string; csrf: string };
const dir = mkdtempSync(join(tmpdir(), 'services-'));
beforeAll(async () => {
  t = await buildTestApp({ now: '2026-12-03T09:30:00Z' });
  await seedServicesDemo(t.deps);
  editor = await login(t, await createStaff(t, { role: 'editor' }));
}, 120_000);
afterAll(() => t.close());

async function upload(name: string, text: string) {
  const form = new FormData();
  form.append('_csrf', editor.csrf);
  form.append('file', new Blob([text], { type: 'text/plain' }), name);
  const request = new Request('http://local/', { method: 'POST', body: form });
  return t.app.inject({
    method: 'POST',
    url: '/admin/leistungen/import',
    payload: Buffer.from(await request.arrayBuffer()),
    headers: { cookie: editor.cookie, 'content-type': request.headers.get('content-type') ?? '', accept: 'text/html' },
  });
}

/** Everything a rejected import must leave untouched: rows, their content, audit entries, search documents. */
async function snapshot() {
  const { rows } = await t.db.query(
    `SELECT (SELECT count(*)::int FROM services WHERE municipality_id = $1) AS services,
            (SELECT string_agg(name->>'de' || updated_at::text, '|' ORDER BY slug) FROM services WHERE municipality_id = $1) AS content,
            (SELECT count(*)::int FROM service_offices WHERE municipality_id = $1) AS offices,
            (SELECT count(*)::int FROM audit_log WHERE municipality_id = $1) AS audit,
            (SELECT count(*)::int FROM search_documents WHERE municipality_id = $1) AS documents`,
    [t.config.municipality.id],
  );
  return rows[0];
}

const problems = (html: string) =>
  [
    ...(/<ul class="kern-list" id="import-problems">([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? '').matchAll(
      /<li>([^<]*)<\/li>/g,
    ),
  ].map((m) => m[1]?.replace(/&quot;/g, '"').replace(/&#x27;/g, "'"));

const header = 'slug;name_de;name_en;synonyms;summary_de;office;topics;documents_de;online_url';

describe('import', () => {
  it('rejects a bad CSV with line numbers and changes nothing', async () => {
    const before = await snapshot();
    const csv = [
      header,
      'testleistung-eins;Testleistung eins;Test one;Test|Probe;Eine gültige Zeile.;bsc;documents;Ausweis|Foto;/melden',
      'testleistung-zwei;;;;Ohne Namen.;bsc;;;',
      'testleistung-drei;Testleistung drei;;;Falsche Stelle.;gibt-es-nicht;;;',
      'testleistung-vier;Testleistung vier;;;Böser Link.;bsc;zauberei;;javascript:alert(1)',
    ].join('\n');
    const res = await upload('leistungen.csv', csv);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Die Datei wurde nicht importiert: 4 Fehler');
    expect(problems(res.body)).toEqual([
      'Zeile 3 · Name (Deutsch): Bitte füllen Sie dieses Feld aus.',
      'Zeile 4 · Zuständige Stelle: Diese Stelle gibt es nicht.',
      'Zeile 5 · Themen und Lebenslagen: Unbekanntes Thema.',
      'Zeile 5 · Online-Weg (Adresse): Bitte geben Sie eine Adresse dieser App (beginnend mit /) oder eine https-Adresse an.',
    ]);
    expect(await snapshot()).toEqual(before);
  });

  it('rejects unknown columns and unreadable CSV, naming the line', async () => {
    const unknown = await upload('x.csv', `${header};farbe\na;A;;;Text.;bsc;;;;rot`);
    expect(problems(unknown.body)).toEqual(['Zeile 1 · farbe: Unbekannte Spalte.']);
    const broken = await upload('x.csv', `${header}\n"a;A;;;Text.;bsc;;;\nb;B`);
    expect(broken.statusCode).toBe(400);
    expect(problems(broken.body)[0]).toMatch(/^Zeile \d+: Die CSV-Datei ist nicht lesbar/);
  });

  it('imports a valid CSV in one go: new and updated services, indexed and audited', async () => {
    const csv = [
      header,
      'testleistung-eins;Testleistung eins;Test one;Test|Probe;Eine gültige Zeile.;bsc;documents;Ausweis|Foto;/melden',
      'personalausweis;Personalausweis beantragen;Applying for an ID card;Perso|Ausweis|ID card|Perso neu;Neu beschrieben.;bsc;documents;;',
    ].join('\r\n');
    const res = await upload('leistungen.csv', csv);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Importiert: 0 Stellen, 2 Leistungen.');
    const page = await t.app.inject({ url: '/leistungen/testleistung-eins' });
    expect(page.body).toContain('Eine gültige Zeile.');
    expect(page.body).toContain('href="/melden"');
    const { rows } = await t.db.query<{ keywords: string[]; summary_de: string }>(
      `SELECT keywords, summary_de FROM search_documents WHERE municipality_id = $1 AND kind = 'service' AND ref = 'personalausweis'`,
      [t.config.municipality.id],
    );
    expect(rows[0]).toEqual({ keywords: ['Perso', 'Ausweis', 'ID card', 'Perso neu'], summary_de: 'Neu beschrieben.' });
    const audit = await t.db.query<{ after: { file: string; services: number } }>(
      `SELECT after FROM audit_log WHERE municipality_id = $1 AND action = 'service.import' ORDER BY id DESC LIMIT 1`,
      [t.config.municipality.id],
    );
    expect(audit.rows[0]?.after).toMatchObject({ file: 'leistungen.csv', services: 2 });
  });

  it('imports JSON with a new office, and rejects a JSON entry with its position', async () => {
    const office = {
      key: 'bb-dornberg',
      name: { de: 'Bürgerberatung Dornberg' },
      street: 'Wertherstraße 436',
      postcode: '33619',
      city: 'Bielefeld',
      hours: [{ weekdays: [2], opens: '08:00', closes: '12:00' }],
    };
    const service = {
      slug: 'test-dornberg',
      name: { de: 'Test Dornberg' },
      summary: { de: 'Nur in Dornberg.' },
      office: 'bb-dornberg',
    };
    const before = await snapshot();
    const bad = await upload(
      'x.json',
      JSON.stringify({
        offices: [{ ...office, hours: [{ weekdays: [9], opens: '8', closes: '12:00' }] }],
        services: [service, { ...service, slug: 'x', fees: 12 }],
      }),
    );
    expect(bad.statusCode).toBe(400);
    expect(problems(bad.body)).toEqual([
      'Eintrag services[1] · Gebühren: Unbekanntes Feld oder falscher Typ.',
      'Eintrag offices[0] · Öffnungszeiten: Erwartet wird eine Liste aus {weekdays, opens, closes} mit Zeiten HH:MM.',
    ]);
    const syntax = await upload('x.json', '{\n  "services": [\n    { "slug": "a", }\n  ]\n}');
    expect(problems(syntax.body)).toEqual(['Zeile 3: Die JSON-Datei ist nicht lesbar.']);
    expect(await snapshot()).toEqual(before);

    const good = await upload('x.json', JSON.stringify({ offices: [office], services: [service] }));
    expect(good.body).toContain('Importiert: 1 Stellen, 1 Leistungen.');
    const page = await t.app.inject({ url: '/leistungen/test-dornberg' });
    expect(page.body).toContain('Wertherstraße 436');
    expect(page.body).toContain('<strong>Dienstag</strong>: 08:00–12:00 Uhr');
  });

  it('runs from the CLI: a dry run writes nothing, a bad file fails with its lines', async () => {
    const lines: string[] = [];
    const cli = (...argv: string[]) =>
      runCli(servicesCommands, argv, {
        deps: t.deps,
        queue: t.queue,
        log: pino({ level: 'silent' }),
        out: (l) => lines.push(l),
      });
    const good = join(dir, 'good.csv');
    writeFileSync(good, `${header}\ncli-test;CLI-Test;;;Aus der Kommandozeile.;bsc;;;`);
    const before = await snapshot();
    expect(await cli('services:import', good, '--dry-run')).toBe(0);
    expect(lines.at(-1)).toContain('Probelauf');
    expect(await snapshot()).toEqual(before);
    expect(await cli('services:import', good)).toBe(0);
    expect(lines.at(-1)).toBe('Importiert: 0 Stellen, 1 Leistungen.');
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, `${header}\ncli-test;;;;;bsc;;;`);
    expect(await cli('services:import', bad, '--lang', 'en')).toBe(1);
    expect(lines).toContain('  Line 2 · Name (German): Please fill in this field.');
  });
});

describe('editing', () => {
  it('an editor changes a service; the page, the search and the audit log follow', async () => {
    const { rows } = await t.db.query<{ id: number }>(
      `SELECT id::int AS id FROM services WHERE municipality_id = $1 AND slug = 'hundesteuer'`,
      [t.config.municipality.id],
    );
    const id = rows[0]?.id;
    const form = await getPage(t, editor, `/admin/leistungen/${id}`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('value="hundesteuer"');
    const res = await postForm(t, editor, `/admin/leistungen/${id}`, {
      name_de: 'Hundesteuer: Hund anmelden',
      slug: 'hundesteuer',
      summary_de: 'Neue Kurzbeschreibung für Hundehalter.',
      office: 'finanzamt-stadt',
      topics: ['taxes', 'order'],
      synonyms: 'Hundemarke, Hund anmelden',
      documents_de: 'Personalausweis\nNachweis der Haftpflicht',
      fees_de: '120 € im Jahr',
    });
    expect(res.statusCode).toBe(303);
    const page = await t.app.inject({ url: '/leistungen/hundesteuer' });
    expect(page.body).toContain('Neue Kurzbeschreibung für Hundehalter.');
    expect(page.body).toContain('<li>Nachweis der Haftpflicht</li>');
    const audit = await t.db.query<{ before: { summary: { de: string } }; after: { summary: { de: string } } }>(
      `SELECT before, after FROM audit_log WHERE municipality_id = $1 AND action = 'service.update' AND entity_id = $2`,
      [t.config.municipality.id, String(id)],
    );
    expect(audit.rows[0]?.after.summary.de).toBe('Neue Kurzbeschreibung für Hundehalter.');
    expect(audit.rows[0]?.before.summary.de).toContain('Hunde in Bielefeld');
  });

  it('re-renders with messages beside the fields and stores nothing', async () => {
    const before = await snapshot();
    const res = await postForm(t, editor, '/admin/leistungen', {
      name_de: '',
      summary_de: 'x',
      office: '',
      leistungsschluessel: '123',
      online_url: 'http://example.org/{unbekannt}',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('id="name_de-error"');
    expect(res.body).toContain('Ein Leistungsschlüssel hat 14 Ziffern.');
    expect(res.body).toContain('Bitte wählen Sie die zuständige Stelle.');
    expect(res.body).toContain('Erlaubte Platzhalter sind {ars}');
    expect(await snapshot()).toEqual(before);
  });

  it('creates and deletes a service; its search document goes with it', async () => {
    const created = await postForm(t, editor, '/admin/leistungen', {
      name_de: 'Löschtest',
      summary_de: 'Wird gleich gelöscht.',
      office: 'bsc',
    });
    expect(created.headers.location).toBe('/admin/leistungen?done=created');
    const { rows } = await t.db.query<{ id: number }>(
      `SELECT id::int AS id FROM services WHERE municipality_id = $1 AND slug = 'loeschtest'`,
      [t.config.municipality.id],
    );
    const deleted = await postForm(t, editor, `/admin/leistungen/${rows[0]?.id}/loeschen`, {});
    expect(deleted.headers.location).toBe('/admin/leistungen?done=deleted');
    expect((await t.app.inject({ url: '/leistungen/loeschtest' })).statusCode).toBe(404);
    const docs = await t.db.query(
      `SELECT 1 FROM search_documents WHERE municipality_id = $1 AND kind = 'service' AND ref = 'loeschtest'`,
      [t.config.municipality.id],
    );
    expect(docs.rows).toEqual([]);
  });

  it("an editor changes an office's hours per weekday; bad hours stay beside their field", async () => {
    const { rows } = await t.db.query<{ id: number }>(
      `SELECT id::int AS id FROM service_offices WHERE municipality_id = $1 AND key = 'bb-heepen'`,
      [t.config.municipality.id],
    );
    const url = `/admin/leistungen/stellen/${rows[0]?.id}`;
    const fields = {
      name_de: 'Bürgerberatung Heepen',
      key: 'bb-heepen',
      street: 'Salzufler Straße 13',
      postcode: '33719',
      city: 'Bielefeld',
    };
    const bad = await postForm(t, editor, url, { ...fields, hours_1: '8 Uhr bis mittags' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('id="hours_1-error"');
    const good = await postForm(t, editor, url, {
      ...fields,
      hours_1: '08:00-12:00, 13:00–15:30',
      hours_3: '9.00-11.00',
    });
    expect(good.headers.location).toBe('/admin/leistungen?done=officeSaved');
    const form = await getPage(t, editor, url);
    expect(form.body).toContain('value="08:00–12:00, 13:00–15:30"');
    expect(form.body).toContain('value="09:00–11:00"');
  });

  it('lets only editors and admins in', async () => {
    const agent = await login(t, await createStaff(t, { role: 'bsc_agent' }));
    expect((await getPage(t, agent, '/admin/leistungen')).statusCode).toBe(403);
    const list = await getPage(t, editor, '/admin/leistungen');
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toMatch(/>\s*services\./);
  });
});
