import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { isOpenAt } from './opening-hours.js';
import { seedWasteInfoDemo } from './service.js';

// Saturday 5 December 2026, 14:30 in Bielefeld (CET = UTC+1).
const saturdayAfternoon = '2026-12-05T13:30:00Z';
let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ now: saturdayAfternoon });
  await seedWasteInfoDemo(t.deps);
});
afterAll(() => t.close());

const page = (url: string) => t.app.inject({ url, headers: { accept: 'text/html' } });
const names = (html: string) => [...html.matchAll(/<h[34] class="kern-title">([^<]+)<\/h[34]>/g)].map((m) => m[1]);

describe('Abfall-ABC', () => {
  it('lists at least 150 items from A to Z without a query', async () => {
    const res = await page('/abfall/abc');
    expect(res.statusCode).toBe(200);
    expect(names(res.body).length).toBeGreaterThanOrEqual(150);
    expect(res.body).toContain('href="#buchstabe-Z"');
    expect(res.body).not.toMatch(/>\s*waste-citizen\./);
  });

  it('finds an item by name and says the bin in words', async () => {
    const res = await page('/abfall/abc?q=Pizzakarton');
    expect(names(res.body)[0]).toBe('Pizzakarton (verschmutzt)');
    expect(res.body).toContain('Gehört in: Restabfalltonne (grau)');
  });

  it('finds an item by a synonym and tolerates typos', async () => {
    expect(names((await page('/abfall/abc?q=tetrapak')).body)).toContain('Getränkekarton');
    expect(names((await page('/abfall/abc?q=K%C3%BChlschrnk')).body)[0]).toBe('Kühlschrank');
    expect(names((await page('/abfall/abc?q=Batterein')).body)).toContain('Batterien');
  });

  it('answers in English with the English names', async () => {
    const res = await page('/abfall/abc?q=fridge&lang=en');
    expect(names(res.body)[0]).toBe('Fridge');
    expect(res.body).toContain('Goes in: Recycling centre');
  });

  it('says when nothing matches and refuses a one-letter query beside the field', async () => {
    const none = await page('/abfall/abc?q=xyzxyzxyz');
    expect(none.body).toContain('Zu „xyzxyzxyz“ haben wir nichts gefunden');
    const short = await page('/abfall/abc?q=k');
    expect(short.statusCode).toBe(400);
    expect(short.body).toContain('id="q-error"');
  });
});

describe('Wertstoffhöfe', () => {
  it('lists the three with address, hours and "open now" on the pinned clock', async () => {
    const res = await page('/abfall/wertstoffhoefe');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Herforder Straße 220');
    expect(res.body).toContain('Montag – Freitag</strong>: 08:00 bis 17:00 Uhr');
    expect(res.body).toContain('08:00 bis 15:00 Uhr');
    expect(res.body.match(/Jetzt geöffnet/g)).toHaveLength(3);
  });

  it('gives the map its points as GeoJSON', async () => {
    const res = await t.app.inject({ url: '/abfall/wertstoffhoefe/karte.geojson?bbox=8,51,9,53' });
    expect(res.headers['content-type']).toMatch(/^application\/geo\+json/);
    expect(res.json().features).toHaveLength(3);
  });

  it('computes "open now" in Europe/Berlin: hours edges, Sunday, holidays, DST', () => {
    const hours = [
      { weekdays: [1, 2, 3, 4, 5], opens: '08:00', closes: '17:00' },
      { weekdays: [6], opens: '08:00', closes: '15:00' },
    ];
    const open = (iso: string) => isOpenAt(hours, new Date(iso), 'Europe/Berlin', 'NW');
    expect(open('2026-12-07T06:59:00Z')).toBe(false); // Monday 07:59
    expect(open('2026-12-07T07:00:00Z')).toBe(true); // Monday 08:00
    expect(open('2026-12-07T15:59:00Z')).toBe(true); // Monday 16:59
    expect(open('2026-12-07T16:00:00Z')).toBe(false); // Monday 17:00
    expect(open('2026-12-05T13:59:00Z')).toBe(true); // Saturday 14:59
    expect(open('2026-12-05T14:00:00Z')).toBe(false); // Saturday 15:00
    expect(open('2026-12-06T10:00:00Z')).toBe(false); // Sunday
    expect(open('2026-12-25T10:00:00Z')).toBe(false); // Christmas Day, a Friday
    expect(open('2026-07-06T06:30:00Z')).toBe(true); // Monday 08:30 summer time (UTC+2)
    expect(open('2026-07-06T05:30:00Z')).toBe(false); // Monday 07:30 summer time
  });
});

describe('Sperrmüll', () => {
  it('explains what counts and links the configured booking page', async () => {
    const res = await page('/abfall/sperrmuell');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('mindestens zwei Wochen vorher');
    expect(res.body).toContain(`href="${t.config.municipality.waste?.bulkyWasteBookingUrl}"`);
  });
});
