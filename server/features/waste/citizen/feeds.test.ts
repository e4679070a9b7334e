import ICAL from 'ical.js';
import nodeIcal from 'node-ical';
import { PDFParse } from 'pdf-parse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { seedWasteCalendar, testAddressId } from '../../../test/factories/waste.js';
import { findPrintSeason, listFeedCollections, listSeasonCollections } from './service.js';

// Thursday 10 December 2026, 12:00 in Bielefeld; the demo calendar gives every test address its dates.
let t: TestApp;
let id: number;
beforeAll(async () => {
  t = await buildTestApp({ now: '2026-12-10T11:00:00Z' });
  await seedWasteCalendar(t.deps);
  id = await testAddressId(t.deps, 'Jöllenbecker Straße 12a');
});
afterAll(() => t.close());

const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ url, headers });

/** "YYYY-MM-DD SUMMARY" of every VEVENT, read by node-ical. */
function readWithNodeIcal(body: string): string[] {
  return Object.values(nodeIcal.sync.parseICS(body))
    .filter((c): c is nodeIcal.VEvent => c.type === 'VEVENT')
    .map((e) => {
      const d = e.start as Date;
      const day = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
      return `${day} ${String(e.summary)}`;
    })
    .sort();
}

/** The same, read by ical.js (a second, independent parser), with UIDs and alarms. */
function readWithIcalJs(body: string) {
  const events = new ICAL.Component(ICAL.parse(body)).getAllSubcomponents('vevent');
  return events.map((v) => {
    const e = new ICAL.Event(v);
    return {
      line: `${e.startDate.toString()} ${e.summary}`,
      allDay: e.startDate.isDate,
      uid: e.uid,
      triggers: v.getAllSubcomponents('valarm').map((a) => String(a.getFirstPropertyValue('trigger'))),
    };
  });
}

/** The days the page's month table marks with a bin: "YYYY-MM-DD Name". */
async function pageDays(month: string): Promise<string[]> {
  const res = await get(`/abfall/adresse/${id}?monat=${month}`, { accept: 'text/html' });
  const table = /<table class="kern-table bs-waste-month"[\s\S]*?<\/table>/.exec(res.body)?.[0] ?? '';
  const out: string[] = [];
  for (const cell of table.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)) {
    const day = /bs-waste-day__number">(\d+)</.exec(cell[1] ?? '')?.[1];
    for (const bin of (cell[1] ?? '').matchAll(/bs-waste-day__name">([^<]+)</g))
      out.push(`${month}-${String(day).padStart(2, '0')} ${bin[1]}`);
  }
  return out.sort();
}

describe('iCal feed', () => {
  it('holds exactly the dates the page shows, read by two independent parsers', async () => {
    const res = await get(`/abfall/adresse/${id}/kalender.ics`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const nodeEvents = readWithNodeIcal(res.body);
    const jsEvents = readWithIcalJs(res.body);
    expect(jsEvents.map((e) => e.line).sort()).toEqual(nodeEvents);
    expect(jsEvents.every((e) => e.allDay)).toBe(true);
    const expected = (await listFeedCollections(t.deps, id, [])).map((c) => `${c.date} ${c.binType.name.de}`);
    expect(nodeEvents).toEqual([...expected].sort());
    expect(nodeEvents.length).toBeGreaterThan(40);
    for (const month of ['2026-12', '2027-01', '2027-09']) {
      const shown = await pageDays(month);
      expect(shown.length).toBeGreaterThan(0);
      expect(nodeEvents.filter((e) => e.startsWith(month))).toEqual(shown);
    }
    expect(res.body).toContain('X-WR-CALNAME:Abfuhrtermine Jöllenbecker Straße 12a');
    expect(res.body).toMatch(/REFRESH-INTERVAL;VALUE=DURATION:PT12H/);
  });

  it('has stable UIDs (municipality, address, bin, date) and an unchanged feed keeps its ETag', async () => {
    const first = await get(`/abfall/adresse/${id}/kalender.ics`);
    t.clock.advance(10 * 60_000); // past the cache time: rendered again
    const second = await get(`/abfall/adresse/${id}/kalender.ics`);
    const uids = readWithIcalJs(first.body).map((e) => e.uid);
    expect(uids).toEqual(readWithIcalJs(second.body).map((e) => e.uid));
    expect(new Set(uids).size).toBe(uids.length);
    const [c] = await listFeedCollections(t.deps, id, []);
    const host = new URL(t.config.publicUrl).hostname;
    expect(uids).toContain(`${t.config.municipality.id}-${id}-${c?.binType.key}-${c?.date}@${host}`);
    expect(first.headers.etag).toBeTruthy();
    const notModified = await get(`/abfall/adresse/${id}/kalender.ics`, {
      'if-none-match': String(first.headers.etag),
    });
    expect(notModified.statusCode).toBe(304);
  });

  it('filters bin types, names them in English, and adds the chosen alarm', async () => {
    const res = await get(`/abfall/adresse/${id}/kalender.ics?arten=papier,restabfall&erinnerung=vortag-19&lang=en`);
    const events = readWithIcalJs(res.body);
    expect(new Set(events.map((e) => e.line.slice(11)))).toEqual(new Set(['Paper', 'Residual waste']));
    // The evening before at 19:00 = 5 hours before the all-day event starts.
    expect(events.every((e) => e.triggers.length === 1 && e.triggers[0] === '-PT5H')).toBe(true);
    expect(res.body).toContain('TRIGGER;RELATED=START:-PT5H');
    const morning = await get(`/abfall/adresse/${id}/kalender.ics?erinnerung=morgens-6`);
    expect(morning.body).toContain('TRIGGER;RELATED=START:PT6H');
    expect(morning.body).not.toContain('RELATED=END');
  });

  it('answers 404 for an unknown address', async () => {
    expect((await get('/abfall/adresse/999999999/kalender.ics')).statusCode).toBe(404);
  });
});

describe('PDF calendar', () => {
  it('holds every date of the season, the address, the legend in words and German letters', async () => {
    const res = await get(`/abfall/adresse/${id}/kalender.pdf?saison=2026-27`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const parser = new PDFParse({ data: new Uint8Array(res.rawPayload) });
    const { text, total } = await parser.getText();
    await parser.destroy();
    expect(total).toBe(1);
    expect(text).toContain('Abfuhrkalender 2026-27');
    expect(text).toContain('Jöllenbecker Straße 12a');
    expect(text).toMatch(/R = Restabfall\s+B = Bioabfall\s+P = Papier\s+W = Wertstoff/);
    const season = await findPrintSeason(t.deps, '2026-27');
    const collections = await listSeasonCollections(t.deps, id, season!, []);
    expect(collections.length).toBeGreaterThan(40);
    const flat = text.replace(/\s+/g, ' ');
    for (const c of collections) {
      const mark = c.binType.name.de.charAt(0);
      expect(flat).toMatch(
        new RegExp(`${c.date.slice(8)}\\.${c.date.slice(5, 7)}\\. [^A-Za-z]*(?:[A-Z]\\*?, )*${mark}`),
      );
    }
  });

  it('answers 404 for a season that does not exist', async () => {
    expect((await get(`/abfall/adresse/${id}/kalender.pdf?saison=1999-00`)).statusCode).toBe(404);
  });
});
