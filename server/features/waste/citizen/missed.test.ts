import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { seedTestAddresses } from '../../../test/factories/addresses.js';
import { createCategory } from '../../../test/factories/reports.js';
import { seedExactCalendar, testAddressId } from '../../../test/factories/waste.js';
import { canReportMissed, lastMissedReportDay } from './missed.js';

const tz = 'Europe/Berlin';
const at = (iso: string) => new Date(iso);

describe('missed-collection window (pure)', () => {
  it('opens at 16:00 local on the collection day', () => {
    // Tuesday 8 December 2026 (CET, UTC+1).
    expect(canReportMissed('2026-12-08', at('2026-12-08T14:59:00Z'), tz, 'NW')).toBe(false); // 15:59
    expect(canReportMissed('2026-12-08', at('2026-12-08T15:00:00Z'), tz, 'NW')).toBe(true); // 16:00
  });

  it('stays open until the end of the second working day after', () => {
    expect(lastMissedReportDay('2026-12-08', 'NW')).toBe('2026-12-10');
    expect(canReportMissed('2026-12-08', at('2026-12-10T22:59:00Z'), tz, 'NW')).toBe(true); // Thu 23:59
    expect(canReportMissed('2026-12-08', at('2026-12-10T23:00:00Z'), tz, 'NW')).toBe(false); // Fri 00:00
  });

  it('skips the weekend and public holidays', () => {
    // Friday 4 Dec → Monday 7, Tuesday 8.
    expect(lastMissedReportDay('2026-12-04', 'NW')).toBe('2026-12-08');
    // Wednesday 23 Dec → Thursday 24 (a working day), then 25 and 26 are holidays, 27 Sunday → Monday 28.
    expect(lastMissedReportDay('2026-12-23', 'NW')).toBe('2026-12-28');
    // Saturday 26 Dec (a shifted collection) → Monday 28, Tuesday 29.
    expect(lastMissedReportDay('2026-12-26', 'NW')).toBe('2026-12-29');
    expect(canReportMissed('2026-12-23', at('2026-12-28T22:30:00Z'), tz, 'NW')).toBe(true);
    expect(canReportMissed('2026-12-23', at('2026-12-28T23:00:00Z'), tz, 'NW')).toBe(false);
  });

  it('holds across the DST change (summer time, UTC+2)', () => {
    // Friday 30 October 2026 is after the change on 25 October: CET again; Friday 23 October is CEST.
    expect(canReportMissed('2026-10-23', at('2026-10-23T13:59:00Z'), tz, 'NW')).toBe(false); // 15:59 CEST
    expect(canReportMissed('2026-10-23', at('2026-10-23T14:00:00Z'), tz, 'NW')).toBe(true); // 16:00 CEST
    // Two working days later is Tuesday 27 October (CET): until 23:59 CET.
    expect(canReportMissed('2026-10-23', at('2026-10-27T22:59:00Z'), tz, 'NW')).toBe(true);
    expect(canReportMissed('2026-10-23', at('2026-10-27T23:00:00Z'), tz, 'NW')).toBe(false);
  });
});

describe('missed-collection offer on the address page', () => {
  let t: TestApp;
  let id: number;
  beforeAll(async () => {
    t = await buildTestApp({ now: '2026-12-08T14:59:00Z' });
    await seedTestAddresses(t.deps);
    id = await testAddressId(t.deps, 'Herforder Straße 3');
    await seedExactCalendar(t.deps, { addressId: id, dates: { bioabfall: ['2026-12-08'], papier: ['2026-12-09'] } });
    const values = [
      { key: 'restmuell', name: { de: 'Restmüll', en: 'Residual waste' } },
      { key: 'bio', name: { de: 'Bio', en: 'Organic waste' } },
    ];
    const question = { code: 'tonne', datatype: 'singlevaluelist', required: true, order: 1, values };
    await createCategory(t.deps, {
      code: 'abfuhr-vergessen',
      name: { de: 'Abfuhr vergessen', en: 'Missed collection' },
      questions: [{ ...question, label: { de: 'Welche Tonne?', en: 'Which bin?' } }],
    });
  });
  afterAll(() => t?.close());
  const page = () => t.app.inject({ url: `/abfall/adresse/${id}`, headers: { accept: 'text/html' } });

  it('is offered from 16:00 and leads into the report form with address and bin filled in', async () => {
    expect((await page()).body).not.toContain('Tonne nicht geleert?');
    t.clock.advance(60_000);
    const res = await page();
    expect(res.body).toContain('Tonne nicht geleert?');
    const href = /href="(\/melden\?[^"]+)"/.exec(res.body)?.[1]?.replace(/&amp;/g, '&') ?? '';
    const q = new URL(href, 'http://x').searchParams;
    expect(q.get('category')).toBe('abfuhr-vergessen');
    expect(q.get('answers.tonne')).toBe('bio');
    expect(q.get('addressId')).toBe(String(id));
    expect(res.body).toContain(
      'Bioabfall: am Dienstag, 8. Dezember 2026 nicht geleert? Melden Sie es bis zum Donnerstag, 10. Dezember 2026.',
    );
    // Papier tomorrow is not missed yet: one offer only.
    expect(res.body.match(/href="\/melden\?/g)).toHaveLength(1);

    const form = await t.app.inject({ url: href, headers: { accept: 'text/html' } });
    expect(form.statusCode).toBe(200);
    expect(form.body).toMatch(/<input[^>]*value="abfuhr-vergessen"[^>]*checked/);
    expect(form.body).toMatch(
      /<input[^>]*name="answers.tonne"[^>]*value="bio"[^>]*checked|<option value="bio" selected/,
    );
    expect(form.body).toContain('value="Herforder Straße 3, 33602"');
    expect(form.body).toContain(`name="addressId" value="${id}"`);
  });

  it('fills in only answers the category offers', async () => {
    const form = await t.app.inject({
      url: `/melden?category=abfuhr-vergessen&answers.tonne=${encodeURIComponent('<x>')}`,
      headers: { accept: 'text/html' },
    });
    expect(form.body).not.toContain('&lt;x&gt;');
    expect(form.body).not.toMatch(/value="bio"[^>]*checked|<option value="bio" selected/);
  });
});
