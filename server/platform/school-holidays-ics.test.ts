import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, resolveFromRoot } from './config.js';
import { holidayCalendarOf, isSchoolHoliday } from './holidays.js';
import { parseSchoolHolidays } from './school-holidays-ics.js';

const calendar = (events: string[]) =>
  ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//DE', ...events, 'END:VCALENDAR', ''].join('\r\n');
const event = (uid: string, lines: string[]) =>
  ['BEGIN:VEVENT', `UID:${uid}`, 'DTSTAMP:20260101T000000Z', ...lines, 'END:VEVENT'].join('\r\n');

describe('school holidays from an iCalendar file', () => {
  it('reads all-day events with an exclusive DTEND, and one without DTEND as its start day', () => {
    const { holidays, problems } = parseSchoolHolidays(
      calendar([
        event('b', ['DTSTART;VALUE=DATE:20270322', 'DTEND;VALUE=DATE:20270404', 'SUMMARY:Osterferien 2027']),
        event('a', ['DTSTART;VALUE=DATE:20261017', 'DTEND;VALUE=DATE:20261101', 'SUMMARY:Herbstferien 2026']),
        event('c', ['DTSTART;VALUE=DATE:20270518', 'SUMMARY:Pfingstferien 2027']),
      ]),
    );
    expect(problems).toEqual([]);
    expect(holidays).toEqual([
      { from: '2026-10-17', to: '2026-10-31', name: 'Herbstferien 2026' },
      { from: '2027-03-22', to: '2027-04-03', name: 'Osterferien 2027' },
      { from: '2027-05-18', to: '2027-05-18', name: 'Pfingstferien 2027' },
    ]);
  });

  it('names what it cannot use instead of skipping it', () => {
    const timed = parseSchoolHolidays(
      calendar([event('t', ['DTSTART:20261017T080000Z', 'DTEND:20261017T090000Z', 'SUMMARY:Elternabend'])]),
    );
    expect(timed.problems).toEqual(['Elternabend: not an all-day event (DTSTART;VALUE=DATE)']);
    expect(parseSchoolHolidays(calendar([])).problems).toEqual(['holds no all-day events']);
    expect(parseSchoolHolidays('Ferien: Oktober').problems).toEqual(['holds no all-day events']);
  });

  it("gives Bielefeld the shipped NRW file's holidays, and refuses a municipality file naming a missing one", () => {
    const config = loadConfig({ DATA_DIR: mkdtempSync(join(tmpdir(), 'bs-sh-')) });
    const nrw = holidayCalendarOf(config.municipality);
    expect(nrw.region).toBe('NW');
    expect(nrw.schoolHolidays.length).toBeGreaterThanOrEqual(16);
    expect(isSchoolHoliday('2026-10-19', nrw)).toBe(true); // Herbstferien
    expect(isSchoolHoliday('2026-11-02', nrw)).toBe(false);
    expect(isSchoolHoliday('2027-01-06', nrw)).toBe(true); // last day of the Christmas holidays
    expect(isSchoolHoliday('2027-01-07', nrw)).toBe(false);

    const d = mkdtempSync(join(tmpdir(), 'bs-sh-'));
    const own = JSON.parse(readFileSync(resolveFromRoot('config', 'municipalities', 'bielefeld.json'), 'utf8'));
    writeFileSync(join(d, 'm.json'), JSON.stringify({ ...own, schoolHolidaysFile: 'ferien.ics' }));
    let problems: string[] = [];
    try {
      loadConfig({ MUNICIPALITY_FILE: join(d, 'm.json'), DATA_DIR: d });
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      problems = err.problems;
    }
    expect(problems).toEqual([
      expect.stringMatching(/^municipality\.schoolHolidaysFile: cannot read .*ferien\.ics \(ENOENT\)$/),
    ]);
  });
});
