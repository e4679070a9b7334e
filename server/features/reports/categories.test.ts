import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliCommands } from '../../commands.js';
import { jobDefinitions } from '../../jobs.js';
import { parseArgs } from '../../platform/cli/types.js';
import { buildTestApp, type TestApp } from '../../test/app.js';
import { seedTestAddresses } from '../../test/factories/addresses.js';
import { reportInput } from '../../test/factories/reports-core.js';
import { importDistricts } from '../addresses/import-service.js';
import { findDistrictAt } from '../addresses/service.js';
import { cliActor } from '../audit/service.js';
import { demoDistrictsFile } from '../demo/service.js';
import {
  buildCategoryTree,
  getCategoryByCode,
  isSelectable,
  listCategories,
  selectableCategories,
} from './core/categories.js';
import { demoCategoriesFile, demoLandmarksFile, seedReportDemo } from './demo/seed.js';
import { submitReport } from './intake/submit-service.js';

let t: TestApp;
let mid: string;
beforeAll(async () => {
  t = await buildTestApp();
  mid = t.config.municipality.id;
  await seedTestAddresses(t.deps);
});
afterAll(() => t.close());

async function cli(argv: string[]): Promise<string[]> {
  const lines: string[] = [];
  const command = cliCommands.find((c) => c.words.every((w, i) => argv[i] === w));
  if (!command) throw new Error(`no command ${argv.join(' ')}`);
  await command.run(parseArgs(argv.slice(command.words.length)), {
    deps: t.deps,
    queue: t.queue,
    log: t.app.logger,
    out: (line) => lines.push(line),
  });
  return lines;
}

const audits = async () =>
  (
    await t.db.query<{ action: string; actor_label: string }>(
      `SELECT action, actor_label FROM audit_log WHERE municipality_id = $1 AND entity_type = 'report_category' ORDER BY id`,
      [mid],
    )
  ).rows;

describe('report categories', () => {
  it('refuses an import naming unknown departments, storing nothing', async () => {
    await expect(cli(['import', 'report-categories', demoCategoriesFile])).rejects.toMatchObject({
      code: 'validation_failed',
      message: expect.stringContaining('no department with key'),
    });
    expect(await listCategories(t.deps, mid)).toEqual([]);
  });

  it('the demo seed loads departments, the tree, landmarks and routing rules once', async () => {
    const r = await seedReportDemo(t.deps);
    expect(r).toMatchObject({ categories: 15, landmarks: expect.any(Number) });
    expect(r?.landmarks).toBeGreaterThanOrEqual(40);
    // Only the any-district rules and the Mitte one: the test register has no Sennestadt.
    expect(r?.routingRules).toBe(7);
    expect(await seedReportDemo(t.deps)).toBeUndefined();
    const list = await listCategories(t.deps, mid);
    const tree = buildCategoryTree(list);
    expect(tree.map((g) => g.name.de)).toEqual([
      'Sauberkeit',
      'Straße und Verkehr',
      'Grün und Spielplätze',
      'Sonstiges',
    ]);
    const leaves = selectableCategories(list).map((c) => c.name.de);
    for (const name of [
      'Wilder Müll',
      'Falschparker',
      'Überwuchs/Grünpflege',
      'Winterdienst (Schnee/Eis)',
      'Laub',
      'Straßenschaden/Schlagloch',
      'Straßenbeleuchtung',
      'Verkehrszeichen/Ampel',
      'Spielplatz',
      'Abfuhr vergessen',
      'Sonstiges',
    ]) {
      expect(leaves).toContain(name);
    }
    const lamp = await getCategoryByCode(t.deps, mid, 'strassenbeleuchtung');
    expect(lamp.questions.map((q) => [q.code, q.datatype, q.required])).toEqual([
      ['lampennummer', 'string', false],
      ['fehler', 'singlevaluelist', true],
    ]);
    expect(lamp.retentionDaysAfterClose).toBe(91);
    expect(lamp.defaultDepartmentId).not.toBeNull();
    expect(isSelectable(lamp, list)).toBe(true);
  });

  it('re-importing the same file changes nothing; a changed file updates by code, audited as cli', async () => {
    const auditBefore = (await audits()).length;
    expect(await cli(['import', 'report-categories', demoCategoriesFile])).toEqual([
      'Report categories: 15 in file, 0 new, 0 updated, 15 unchanged.',
    ]);
    expect((await audits()).length).toBe(auditBefore);

    const data = JSON.parse(readFileSync(demoCategoriesFile, 'utf8'));
    data.categories[0].children[0].targetWorkingDays = 3;
    data.categories[3].children[0].active = false;
    data.categories[3].children.push({ code: 'graffiti', name: { de: 'Graffiti', en: 'Graffiti' } });
    const file = join(mkdtempSync(join(tmpdir(), 'bs-cat-')), 'categories.json');
    writeFileSync(file, JSON.stringify(data));
    expect(await cli(['import', 'report-categories', file])).toEqual([
      'Report categories: 16 in file, 1 new, 2 updated, 13 unchanged.',
    ]);
    const rows = (await audits()).slice(auditBefore);
    expect(rows.map((r) => r.action).sort()).toEqual([
      'report_category.create',
      'report_category.update',
      'report_category.update',
    ]);
    expect(rows.every((r) => r.actor_label === 'cli')).toBe(true);
    expect((await getCategoryByCode(t.deps, mid, 'wilder-muell')).targetWorkingDays).toBe(3);
    await expect(getCategoryByCode(t.deps, mid, 'sonstiges')).rejects.toMatchObject({ code: 'not_found' });
    // Put it back for the other tests.
    await cli(['import', 'report-categories', demoCategoriesFile]);
  });

  it('rejects invalid files with the problem named', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bs-cat-'));
    const write = (name: string, content: string) => {
      writeFileSync(join(dir, name), content);
      return join(dir, name);
    };
    await expect(cli(['import', 'report-categories', write('a.json', '{nope')])).rejects.toThrow(/not valid JSON/);
    await expect(
      cli([
        'import',
        'report-categories',
        write('b.json', JSON.stringify({ categories: [{ code: 'Bad Code', name: { de: 'x', en: 'x' } }] })),
      ]),
    ).rejects.toThrow(/categories\/0\/code/);
    const listWithoutValues = {
      categories: [
        {
          code: 'x',
          name: { de: 'x', en: 'x' },
          questions: [{ code: 'q', datatype: 'singlevaluelist', required: true, label: { de: 'q', en: 'q' } }],
        },
      ],
    };
    await expect(
      cli(['import', 'report-categories', write('c.json', JSON.stringify(listWithoutValues))]),
    ).rejects.toThrow(/list questions need values/);
    await expect(cli(['import', 'report-categories', join(dir, 'missing.json')])).rejects.toThrow(/Cannot read/);
  });
});

describe('reports.purge-idempotency', () => {
  it('deletes records older than a day; dry run only counts', async () => {
    const job = jobDefinitions.find((d) => d.name === 'reports.purge-idempotency');
    expect(job?.schedule?.cron).toBeDefined();
    await submitReport(t.deps, mid, reportInput(), { idempotencyKey: 'old-key-123' });
    const count = async () =>
      (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM idempotent_requests WHERE key = 'old-key-123'`))
        .rows[0]?.n;
    expect(await count()).toBe(1);
    const run = (dryRun: boolean) => t.queue.runNow('reports.purge-idempotency', {}, { dryRun, log: t.app.logger });
    await run(false);
    expect(await count()).toBe(1);
    t.clock.advance(25 * 60 * 60 * 1000);
    expect(await run(true)).toMatchObject({ dryRun: true });
    expect(await count()).toBe(1);
    expect((await run(false))?.deleted).toBeGreaterThanOrEqual(1);
    expect(await count()).toBe(0);
  });
});

describe('demo landmarks', () => {
  it('all lie inside a Bielefeld demo district', async () => {
    const other = await buildTestApp();
    try {
      const m = other.config.municipality.id;
      await importDistricts(other.deps, readFileSync(demoDistrictsFile), { municipalityId: m, actor: cliActor });
      const { landmarks } = JSON.parse(readFileSync(demoLandmarksFile, 'utf8')) as {
        landmarks: { name: string; lat: number; lon: number }[];
      };
      const outside: string[] = [];
      for (const l of landmarks) {
        if (!(await findDistrictAt(other.db, m, l.lat, l.lon))) outside.push(l.name);
      }
      expect(outside).toEqual([]);
    } finally {
      await other.close();
    }
  });
});
