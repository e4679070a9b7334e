import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { seedTestAddresses } from '../../../test/factories/addresses.js';
import { mergeCookies } from '../../../test/factories/users.js';
import { seedExactCalendar, testAddressId } from '../../../test/factories/waste.js';
import { forgetWasteCaches } from '../core/cache.js';

// Monday 7 December 2026, 10:00 in Bielefeld.
const monday = '2026-12-07T09:00:00Z';
let t: TestApp;
let id: number;
let other: number;
beforeAll(async () => {
  t = await buildTestApp({ now: monday });
  await seedTestAddresses(t.deps);
  id = await testAddressId(t.deps, 'Herforder Straße 1');
  other = await testAddressId(t.deps, 'Obernstraße 2');
  await seedExactCalendar(t.deps, {
    addressId: id,
    dates: {
      restabfall: ['2026-12-07', '2026-12-21', '2027-01-04'],
      bioabfall: ['2026-12-08', '2026-12-22'],
      papier: ['2026-12-17', '2027-01-14'],
      wertstoff: [{ date: '2026-12-26', shiftedFrom: '2026-12-25' }, '2027-01-08'],
    },
  });
  await seedExactCalendar(t.deps, { addressId: other, routeKey: 'other', dates: { papier: ['2026-12-09'] } });
});
afterAll(() => t.close());

const page = (url: string, cookie?: string) =>
  t.app.inject({ url, headers: { accept: 'text/html', ...(cookie ? { cookie } : {}) } });

/** The visible text of an HTML fragment, tags removed, spaces collapsed. */
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

describe('address search', () => {
  it('offers the search form, redirects an exact address and lists candidates', async () => {
    const empty = await page('/abfall');
    expect(empty.statusCode).toBe(200);
    expect(empty.body).toContain('data-address-autocomplete');
    const exact = await page(`/abfall?q=${encodeURIComponent('Herforder Str. 1')}`);
    expect(exact.statusCode).toBe(303);
    expect(exact.headers.location).toBe(`/abfall/adresse/${id}`);
    const list = await page(`/abfall?q=${encodeURIComponent('Herforder')}`);
    expect(list.body).toContain(`href="/abfall/adresse/${id}"`);
    const chosen = await page(`/abfall?q=x&id=${other}`);
    expect(chosen.headers.location).toBe(`/abfall/adresse/${other}`);
    const bad = await page('/abfall?q=1');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('id="q-error"');
  });
});

describe('address page', () => {
  it('shows the next collection per bin with "heute" and "morgen" in words', async () => {
    const res = await page(`/abfall/adresse/${id}`);
    expect(res.statusCode).toBe(200);
    const next = text(/<ul class="bs-waste-next">([\s\S]*?)<\/ul>/.exec(res.body)?.[1] ?? '');
    expect(next).toContain('Restabfall heute , Montag, 7. Dezember 2026');
    expect(next).toContain('Bioabfall morgen , Dienstag, 8. Dezember 2026');
    expect(next).toContain('Papier in 10 Tagen, Donnerstag, 17. Dezember 2026');
    expect(next).toContain(
      'Wertstoff in 19 Tagen, Samstag, 26. Dezember 2026 (verschoben vom Freitag, 25. Dezember 2026)',
    );
    expect(res.body).not.toMatch(/>\s*waste-citizen\./);
  });

  it('shows a month as a table with bin names in words, and moves between months', async () => {
    const res = await page(`/abfall/adresse/${id}`);
    const table = /<table class="kern-table bs-waste-month"[\s\S]*?<\/table>/.exec(res.body)?.[0] ?? '';
    expect(table).toContain('Abfuhrtermine im Dezember 2026');
    expect(table).toMatch(/aria-current="date"[^>]*>[\s\S]*?heute[\s\S]*?Restabfall/);
    expect(res.body).toContain(`href="/abfall/adresse/${id}?monat=2027-01#month-heading"`);
    const january = await page(`/abfall/adresse/${id}?monat=2027-01`);
    expect(january.body).toContain('Abfuhrtermine im Januar 2027');
    expect(text(january.body)).toMatch(/14 P Papier/);
  });

  it('filters by bin type for the list, the month, the feed link and the PDF', async () => {
    const res = await page(`/abfall/adresse/${id}?arten=papier`);
    const next = /<ul class="bs-waste-next">([\s\S]*?)<\/ul>/.exec(res.body)?.[1] ?? '';
    expect(text(next)).toMatch(/^Papier in 10 Tagen/);
    expect(next).not.toContain('Restabfall');
    expect(res.body).toContain(`/abfall/adresse/${id}/kalender.ics?arten=papier`);
    expect(res.body).toContain(`/abfall/adresse/${id}/kalender.pdf?saison=2026-27&amp;arten=papier`);
  });

  it('builds the subscription link with a reminder, as webcal and https, with a labelled QR code', async () => {
    const res = await page(`/abfall/adresse/${id}?erinnerung=vortag-19`);
    const feed = `${t.config.publicUrl.replace(/^https?:\/\//, '')}/abfall/adresse/${id}/kalender.ics?erinnerung=vortag-19`;
    expect(res.body).toContain(`href="webcal://${feed}"`);
    expect(res.body).toMatch(new RegExp(`href="https?://${feed.replace(/[.?]/g, '\\$&')}"`));
    expect(res.body).toMatch(/role="img" aria-label="QR-Code zum Abonnieren[^"]*webcal:/);
    expect(res.body).toContain('<svg aria-hidden="true"');
    expect(res.body).toContain('<option value="vortag-19" selected');
  });

  it('answers 404 for an address that does not exist or is no id', async () => {
    expect((await page('/abfall/adresse/999999999')).statusCode).toBe(404);
    expect((await page('/abfall/adresse/abc')).statusCode).toBe(404);
  });

  it('shows an address without dates honestly', async () => {
    const none = await testAddressId(t.deps, 'Jahnplatz 1');
    const res = await page(`/abfall/adresse/${none}`);
    expect(res.body).toContain('Für diese Adresse liegen zurzeit keine Abfuhrtermine vor.');
  });
});

describe('saved addresses (cookie only)', () => {
  async function save(address: number, cookie = '') {
    const form = await page(`/abfall/adresse/${address}`, cookie || undefined);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form.body)?.[1] ?? '';
    const jar = mergeCookies(cookie, form.cookies);
    const res = await t.app.inject({
      method: 'POST',
      url: `/abfall/adresse/${address}/merken`,
      headers: { cookie: jar, 'content-type': 'application/x-www-form-urlencoded' },
      payload: `_csrf=${encodeURIComponent(csrf)}`,
    });
    expect(res.statusCode).toBe(303);
    return mergeCookies(jar, res.cookies);
  }

  it('refuses a save without the CSRF token', async () => {
    const res = await t.app.inject({ method: 'POST', url: `/abfall/adresse/${id}/merken`, payload: {} });
    expect(res.statusCode).toBe(403);
    expect(res.headers['set-cookie'] ?? '').not.toContain('bs_waste=');
  });

  it('keeps two addresses, shows the first on the start page, and never shares it through the page cache', async () => {
    const anonymous = await page('/');
    expect(anonymous.body).not.toContain('Ihre nächsten Abfuhrtermine');
    const alice = await save(other, await save(id));
    expect(alice).toContain(`bs_waste=${id}.${other}`);
    const bob = await save(other);

    const aliceStart = await page('/', alice);
    expect(aliceStart.headers['cache-control']).toBe('no-store');
    expect(text(aliceStart.body)).toContain('Ihre nächsten Abfuhrtermine für Herforder Straße 1');
    expect(text(aliceStart.body)).toContain('Restabfall heute');
    const bobStart = await page('/', bob);
    expect(text(bobStart.body)).toContain('für Obernstraße 2');
    expect(bobStart.body).not.toContain('Herforder Straße 1');
    // The anonymous page is still the shared one, without anybody's addresses.
    const again = await page('/');
    expect(again.body).not.toContain('Ihre nächsten Abfuhrtermine');
    expect(again.headers.etag).toBe(anonymous.headers.etag);

    const search = await page('/abfall', alice);
    expect(text(search.body)).toContain('Ihre gemerkten Adressen Herforder Straße 1, 33602 Obernstraße 2, 33602');
    const addressPage = await page(`/abfall/adresse/${id}`, alice);
    expect(addressPage.body).toContain(`action="/abfall/adresse/${id}/vergessen"`);
  });

  it('forgets an address and keeps at most five, dropping the oldest', async () => {
    let jar = '';
    const ids: number[] = [];
    for (const n of [1, 2, 3, 4, 5, 6]) {
      const a = await testAddressId(t.deps, `Stapenhorststraße ${n}`);
      ids.push(a);
      jar = await save(a, jar);
    }
    expect(jar).toContain(`bs_waste=${ids.slice(1).join('.')}`);
    const form = await page(`/abfall/adresse/${ids[1]}`, jar);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form.body)?.[1] ?? '';
    const res = await t.app.inject({
      method: 'POST',
      url: `/abfall/adresse/${ids[1]}/vergessen`,
      headers: { cookie: mergeCookies(jar, form.cookies), 'content-type': 'application/x-www-form-urlencoded' },
      payload: `_csrf=${encodeURIComponent(csrf)}`,
    });
    expect(mergeCookies(jar, res.cookies)).toContain(`bs_waste=${ids.slice(2).join('.')}`);
  });
});

describe('next collections API', () => {
  it('answers the next date per bin type as JSON, today included, cached with an ETag', async () => {
    const res = await t.app.inject({ url: `/api/waste/addresses/${id}/next` });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.today).toBe('2026-12-07');
    expect(body.address.label).toBe('Herforder Straße 1');
    expect(body.next.map((c: { date: string; binType: { key: string } }) => `${c.date} ${c.binType.key}`)).toEqual([
      '2026-12-07 restabfall',
      '2026-12-08 bioabfall',
      '2026-12-17 papier',
      '2026-12-26 wertstoff',
    ]);
    expect(body.next[3].shiftedFrom).toBe('2026-12-25');
    const again = await t.app.inject({
      url: `/api/waste/addresses/${id}/next`,
      headers: { 'if-none-match': String(res.headers.etag) },
    });
    expect(again.statusCode).toBe(304);
    expect((await t.app.inject({ url: '/api/waste/addresses/999999999/next' })).statusCode).toBe(404);
  });

  it('answers anew once an import forgets the waste caches', async () => {
    const url = `/api/waste/addresses/${other}/next`;
    expect((await t.app.inject({ url })).json().next).toHaveLength(1);
    await seedExactCalendar(t.deps, { addressId: other, routeKey: 'other', dates: { restabfall: ['2026-12-10'] } });
    expect((await t.app.inject({ url })).json().next).toHaveLength(1); // still the cached answer
    forgetWasteCaches(t.config.municipality.id);
    const fresh = (await t.app.inject({ url })).json();
    expect(fresh.next.map((c: { binType: { key: string } }) => c.binType.key)).toEqual(['papier', 'restabfall']);
  });
});
