import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../platform/cli/run.js';
import { resolveFromRoot } from '../../platform/config.js';
import { buildTestApp, countRows, type TestApp } from '../../test/app.js';
import { applicationsCommands } from './cli.js';

// The catalogue's CLI against a real database: a good file replaces the catalogue, a broken one changes nothing and
// names every problem with its entry, and the export prints what the import reads.

let t: TestApp;
const dir = mkdtempSync(join(tmpdir(), 'applications-cli-'));
const demoFile = resolveFromRoot('server/features/applications/data/bielefeld.json');
const demo = () => JSON.parse(readFileSync(demoFile, 'utf8')) as Record<string, unknown>[];

async function cli(...argv: string[]): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const code = await runCli(applicationsCommands, argv, {
    deps: t.deps,
    queue: t.queue,
    log: pino({ level: 'silent' }),
    out: (l) => lines.push(l),
  });
  return { code, out: lines.join('\n') };
}

const file = (name: string, content: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
};

const forms = () =>
  countRows(t.db, 'SELECT count(*)::int AS n FROM application_forms WHERE municipality_id = $1', [
    t.config.municipality.id,
  ]);

beforeAll(async () => {
  t = await buildTestApp();
}, 120_000);
afterAll(() => t.close());

describe('applications:import and applications:export', () => {
  it('imports a good file, and the export prints it back in the same format', async () => {
    const imported = await cli('applications:import', demoFile);
    expect(imported).toEqual({ code: 0, out: 'Imported 4 online service definitions.' });
    expect(await forms()).toBe(4);
    const exported = await cli('applications:export');
    expect(exported.code).toBe(0);
    expect(JSON.parse(exported.out)).toEqual(demo());
    // The export is a file the import takes: same catalogue, nothing changed.
    expect(await cli('applications:import', file('export.json', exported.out))).toEqual(imported);
    expect(JSON.parse((await cli('applications:export')).out)).toEqual(demo());
  });

  it('a smaller file replaces the catalogue: what it leaves out is removed', async () => {
    const [first] = demo();
    expect((await cli('applications:import', file('one.json', [first]))).out).toBe(
      'Imported 1 online service definition.',
    );
    expect(JSON.parse((await cli('applications:export')).out)).toEqual([first]);
    expect((await cli('applications:import', demoFile)).code).toBe(0);
  });

  it('a broken file exits 1, names every problem with its entry and changes nothing', async () => {
    const before = (await cli('applications:export')).out;
    const defs = demo();
    defs[1] = { ...defs[1], leistungsschluessel: '123' };
    defs[3] = { ...defs[3], slug: defs[0]?.slug };
    const { code, out } = await cli('applications:import', file('broken.json', defs));
    expect(code).toBe(1);
    expect(out).toContain('  entry 2 (hundeanmeldung): /leistungsschluessel:');
    expect(out).toContain('  entry 4 (anwohnerparkausweis): slug used twice');
    expect(out).toContain('Error: The file has problems; nothing was changed');
    expect((await cli('applications:export')).out).toBe(before);
  });

  it("imports the example of docs/online-services.md, so the format's documentation stays true", async () => {
    const doc = readFileSync(resolveFromRoot('docs/online-services.md'), 'utf8');
    const example = [...doc.matchAll(/```json\n(\[[\s\S]*?)```/g)].at(-1)?.[1];
    expect(example).toBeDefined();
    expect(await cli('applications:import', file('example.json', example))).toEqual({
      code: 0,
      out: 'Imported 2 online service definitions.',
    });
    expect((await cli('applications:import', demoFile)).code).toBe(0);
  });

  it('refuses a file it cannot read, one that is not JSON, and one that is not a list', async () => {
    const missing = await cli('applications:import', join(dir, 'nope.json'));
    expect(missing).toEqual({ code: 1, out: expect.stringContaining('Cannot read') });
    const notJson = await cli('applications:import', file('not.json', '[{"kind": "form",'));
    expect(notJson).toEqual({ code: 1, out: expect.stringContaining('not.json is not JSON') });
    const notList = await cli('applications:import', file('object.json', { kind: 'form' }));
    expect(notList).toEqual({ code: 1, out: expect.stringContaining('JSON array of definitions') });
    expect((await cli('applications:import')).code).toBe(1);
    expect(await forms()).toBe(4);
  });
});
