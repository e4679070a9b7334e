import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, countRows, type TestApp } from '../../test/app.js';
import { agsOf } from './channels.js';
import { seedServicesDemo } from './import.js';
import { filterByName, findBscContact, listServices } from './service.js';

// Thursday 3 December 2026, 10:30 in Bielefeld (CET = UTC+1): the BSC and the Ausländerbehörde are open.
const thursdayMorning = '2026-12-03T09:30:00Z';
let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ now: thursdayMorning });
  await seedServicesDemo(t.deps);
}, 120_000);
afterAll(() => t.close());

const page = (url: string) => t.app.inject({ url, headers: { accept: 'text/html' } });
const titles = (html: string) =>
  [...html.matchAll(/<h3 class="kern-title"><a class="kern-link" href="\/leistungen\/([^"]+)"/g)].map((m) => m[1]);

describe('demo services', () => {
  it('are at least 80, from Archivanfrage to Wunschkennzeichen, each indexed for the search', async () => {
    const services = await listServices(t.deps, t.config.municipality.id);
    expect(services.length).toBeGreaterThanOrEqual(80);
    const slugs = services.map((s) => s.slug);
    for (const slug of [
      'archivanfrage',
      'wunschkennzeichen',
      'einbuergerung',
      'anwohnerparkausweis',
      'personalausweis',
    ]) {
      expect(slugs).toContain(slug);
    }
    const indexed = await countRows(
      t.db,
      `SELECT count(*)::int AS n FROM search_documents WHERE municipality_id = $1 AND kind = 'service'`,
      [t.config.municipality.id],
    );
    expect(indexed).toBe(services.length);
    const { rows } = await t.db.query<{ keywords: string[]; url: string }>(
      `SELECT keywords, url FROM search_documents WHERE municipality_id = $1 AND kind = 'service' AND ref = $2`,
      [t.config.municipality.id, 'personalausweis'],
    );
    expect(rows[0]).toEqual({
      keywords: expect.arrayContaining(['Perso', 'Ausweis', 'ID card']),
      url: '/leistungen/personalausweis',
    });
  });

  it('seeding again changes nothing but the dates (idempotent)', async () => {
    const before = (await listServices(t.deps, t.config.municipality.id)).length;
    await seedServicesDemo(t.deps);
    expect((await listServices(t.deps, t.config.municipality.id)).length).toBe(before);
  });

  it('filters by name, English name and synonym, ignoring case and umlauts', async () => {
    const all = await listServices(t.deps, t.config.municipality.id);
    expect(filterByName(all, 'perso').map((s) => s.slug)).toContain('personalausweis');
    expect(filterByName(all, 'sperrgut').map((s) => s.slug)).toEqual(['sperrmuell']);
    expect(filterByName(all, 'EINBURGERUNG').map((s) => s.slug)).toContain('einbuergerung');
  });
});

describe('A–Z page', () => {
  it('lists every service by letter with a letter navigation, and the filter form works without JavaScript', async () => {
    const res = await page('/leistungen');
    expect(res.statusCode).toBe(200);
    expect(titles(res.body).length).toBeGreaterThanOrEqual(80);
    expect(res.body).toContain('href="#buchstabe-A"');
    expect(res.body).toContain('href="#buchstabe-W"');
    expect(res.body).toContain('<form method="get" action="/leistungen"');
    expect(res.body).not.toMatch(/>\s*services\./);
  });

  it('filters by name and by topic', async () => {
    const byName = await page('/leistungen?q=hund');
    expect(titles(byName.body)).toEqual(expect.arrayContaining(['hundesteuer', 'hund-gross']));
    expect(byName.body).toContain('passende Leistungen');
    const byTopic = await page('/leistungen?thema=vehicles');
    const slugs = titles(byTopic.body);
    expect(slugs).toContain('wunschkennzeichen');
    expect(slugs).not.toContain('hundesteuer');
    expect(byTopic.body).toContain('<option value="vehicles" selected');
    const none = await page('/leistungen?q=xyzxyz');
    expect(none.body).toContain('Keine Leistung passt');
  });

  it('answers in English with English names', async () => {
    const res = await page('/leistungen?lang=en');
    expect(res.body).toContain('Where do I get what done?');
    expect(res.body).toContain('Applying for an ID card');
  });
});

describe('service page', () => {
  it('shows the online channel with the city parameters beside visit, phone, post and appointment', async () => {
    const res = await page('/leistungen/einbuergerung');
    expect(res.statusCode).toBe(200);
    const ars = t.config.municipality.ars;
    expect(res.body).toContain(`href="https://www.kommunalportal.nrw/einbuergerung?ars=${ars}"`);
    expect(res.body).toContain('Externes Angebot auf www.kommunalportal.nrw.');
    for (const heading of ['Online', 'Persönlich vorbeikommen', 'Telefon', 'Post und E-Mail', 'Termin vereinbaren']) {
      expect(res.body).toContain(`<h3 class="kern-heading-small">${heading}</h3>`);
    }
    expect(res.body).toContain('Ausländerbehörde und Einbürgerung');
    expect(res.body).toContain('<strong>Donnerstag</strong>: 08:00–12:00, 14:00–17:00 Uhr');
    expect(res.body).toContain('<strong>Mittwoch</strong>: geschlossen');
    expect(res.body).toContain('Jetzt geöffnet');
    expect(res.body).toContain('href="tel:+49521510"');
    expect(res.body).toContain('Stand: 3. Dezember 2026');
    expect(agsOf('057110000000')).toBe('05711000');
  });

  it('links an online channel into the app itself', async () => {
    const res = await page('/leistungen/sperrmuell');
    expect(res.body).toContain('href="/antraege/sperrmuell-termin"');
    expect(res.body).toContain('In dieser App.');
    expect(res.body).toContain('Umweltbetrieb der Stadt Bielefeld');
  });

  it('says when a service has no online channel, and shows German text marked as German in English', async () => {
    const res = await page('/leistungen/fundsachen?lang=en');
    expect(res.body).toContain('This service is not available online at present.');
    expect(res.body).toContain('Some of this content is only available in German.');
    expect(res.body).toMatch(/<p class="kern-body" lang="de">Fundsachen werden/);
  });

  it('is 404 for an unknown service', async () => {
    expect((await page('/leistungen/gibt-es-nicht')).statusCode).toBe(404);
  });
});

describe('BürgerServiceCenter contact', () => {
  it('gives the start page its phone, hours and "open now"', async () => {
    const bsc = await findBscContact(t.deps, t.config.municipality.id);
    expect(bsc).toMatchObject({ phone: '+49 521 51-0', openNow: true });
    expect(bsc?.name.de).toContain('BürgerServiceCenter');
    expect(t.app.homePanels.map((p) => p.id)).toContain('bsc');
    expect(t.app.homeModules.map((m) => m.href)).toContain('/leistungen');
  });
});
