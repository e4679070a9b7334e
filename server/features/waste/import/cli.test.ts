import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../platform/cli/run.js';
import { buildTestApp, countRows, type TestApp } from '../../../test/app.js';
import { seedWasteCalendar } from '../../../test/factories/waste.js';
import { wasteImportCommands } from './cli.js';
import { datesCsv, icalFile } from './test-files.js';

let t: TestApp;
const dir = mkdtempSync(join(tmpdir(), 'waste-cli-'));
const log = pino({ level: 'silent' });

async function cli(...argv: string[]): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const code = await runCli(wasteImportCommands, argv, {
    deps: t.deps,
    queue: t.queue,
    log,
    out: (l) => lines.push(l),
  });
  return { code, out: lines.join('\n') };
}

const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

const routeDates = () =>
  countRows(
    t.db,
    `SELECT count(*)::int AS n FROM waste_collections c JOIN waste_routes r ON r.id = c.route_id
      WHERE r.municipality_id = $1 AND r.key LIKE 'cli-%'`,
    [t.config.municipality.id],
  );

beforeAll(async () => {
  t = await buildTestApp({ now: '2026-11-10T09:00:00+01:00' });
  await seedWasteCalendar(t.deps);
}, 120_000);
afterAll(() => t.close());

describe('waste:import CLI', () => {
  it('--dry-run prints the summary and changes nothing; without it the file is applied, then nothing is left', async () => {
    const path = file(
      'dates.csv',
      datesCsv([
        ['2026-27', 'restabfall', 'cli-1', '2026-12-01'],
        ['2026-27', 'restabfall', 'cli-1', '15.12.2026'],
      ]),
    );
    const dry = await cli('waste:import', path, '--dry-run', '--lang', 'en');
    expect(dry.code).toBe(0);
    expect(dry.out).toContain('dates.csv: 2 rows, 1 routes (1 new), 0 new seasons');
    expect(dry.out).toContain('Dates: 2 new, 0 moved, 0 dropped, 0 changed');
    expect(dry.out).toContain('2026-27 · restabfall · cli-1  new  2026-12-15');
    expect(dry.out).toContain('Dry run');
    expect(await routeDates()).toBe(0);
    const real = await cli('waste:import', path, '--lang', 'de');
    expect(real.code).toBe(0);
    expect(real.out).toContain('Termine: 2 neu');
    expect(await routeDates()).toBe(2);
    expect((await cli('waste:import', path, '--lang', 'en')).out).toContain(
      'Dates: 0 new, 0 moved, 0 dropped, 0 changed',
    );
  });

  it('a bad file exits 1 with the lines and writes nothing', async () => {
    const path = file(
      'bad.csv',
      datesCsv([
        ['2026-27', 'restabfall', 'cli-2', '2026-12-01'],
        ['2026-27', 'nix', 'cli-2', '2026-12-02'],
      ]),
    );
    const { code, out } = await cli('waste:import', path, '--lang', 'de');
    expect(code).toBe(1);
    expect(out).toContain('1 Problem; nichts geändert:');
    expect(out).toContain('Zeile 3: bin_type: unbekannte Abfallart „nix“');
    expect(out).not.toContain('line 3: bin_type: unknown bin type'); // listed once, in the chosen language
    expect(await routeDates()).toBe(2);
  });

  it('reads an iCal file by its extension, with route, bin and season flags', async () => {
    const path = file('tour.ics', icalFile([{ summary: 'Abfuhr', day: '2026-12-03' }]));
    const { code, out } = await cli(
      'waste:import',
      path,
      '--route',
      'cli-ics',
      '--bin',
      'papier',
      '--season',
      '2026-27',
    );
    expect(code).toBe(0);
    expect(out).toContain('1 neu');
    expect(await routeDates()).toBe(3);
    expect((await cli('waste:import', path, '--format', 'xml')).code).toBe(1);
  });

  it('waste:bin-types saves a JSON file of bin types (checked field by field) or the standard set', async () => {
    const other = await buildTestApp();
    const lines: string[] = [];
    const run = (...argv: string[]) =>
      runCli(wasteImportCommands, argv, { deps: other.deps, queue: other.queue, log, out: (l) => lines.push(l) });
    try {
      const bad = file(
        'bad-types.json',
        JSON.stringify([{ key: 'Rest', kind: 'tonne', name: { de: 'Rest' }, colour: 'grau', sort: 1 }]),
      );
      expect(await run('waste:bin-types', bad)).toBe(1);
      expect(lines.join('\n')).toContain('/0/key');
      const good = file(
        'types.json',
        JSON.stringify([
          { key: 'rest', kind: 'bin', name: { de: 'Restmüll', en: 'Residual' }, colour: '#333333', sort: 1 },
        ]),
      );
      expect(await run('waste:bin-types', good)).toBe(0);
      expect(await run('waste:bin-types', '--standard')).toBe(0);
      const keys = await other.db.query<{ key: string }>(
        'SELECT key FROM waste_bin_types WHERE municipality_id = $1 ORDER BY sort, key',
        [other.config.municipality.id],
      );
      expect(keys.rows.map((r) => r.key)).toEqual([
        'rest',
        'restabfall',
        'bioabfall',
        'papier',
        'wertstoff',
        'sperrmuell',
        'schadstoffmobil',
      ]);
    } finally {
      await other.close();
    }
  });
});
