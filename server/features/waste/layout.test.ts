import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { production, roomRule, sourceFiles, writtenTables } from '../../test/layout.js';

// The house rules of the Abfallkalender (docs/ARCHITECTURE.md), checked on the source: rooms import the core and
// themselves, never each other; the core imports no room; one queries file writes each waste table. Tests that
// span rooms live in the feature root.

const wasteDir = dirname(fileURLToPath(import.meta.url));
// Every folder of the feature but the core is a room (import, demo, citizen, info, reminders, …).
const rooms = readdirSync(wasteDir, { withFileTypes: true })
  .filter((e) => e.isDirectory() && e.name !== 'core')
  .map((e) => e.name);

/** Imports that break the rule: a room importing another room or the feature root, or the core importing a room. */
const forbiddenImports = roomRule(wasteDir, rooms);

/** Which queries file may write each table. */
const owners: Record<string, string> = {
  waste_bin_types: 'core/bin-types-queries.ts',
  waste_seasons: 'core/seasons-queries.ts',
  waste_routes: 'core/routes-queries.ts',
  waste_route_addresses: 'core/routes-queries.ts',
  waste_collections: 'core/collections-queries.ts',
  waste_import_uploads: 'import/queries.ts',
  waste_abc_items: 'info/queries.ts',
  waste_recycling_centres: 'info/queries.ts',
  waste_reminders: 'reminders/queries.ts',
};

describe('layout of the Abfallkalender', () => {
  it('finds a forbidden import or write when there is one (the check itself works)', () => {
    const file = join(wasteDir, 'import', 'x.ts');
    expect(forbiddenImports(file, "import { a } from '../demo/seed.js';")).toEqual([
      `import${sep}x.ts → demo${sep}seed.js`,
    ]);
    expect(forbiddenImports(join(wasteDir, 'core', 'x.ts'), "import { b } from '../import/plan.js';")).toHaveLength(1);
    expect(
      forbiddenImports(file, "import { c } from '../core/service.js';\nimport { d } from './queries.js';"),
    ).toEqual([]);
    expect(writtenTables('`DELETE FROM waste_collections c USING …`; `UPDATE waste_routes SET`')).toEqual([
      'waste_collections',
      'waste_routes',
    ]);
  });

  it('rooms import the core and themselves, never each other; the core imports no room', () => {
    const broken = sourceFiles(wasteDir).flatMap((f) => forbiddenImports(f, readFileSync(f, 'utf8')));
    expect(broken).toEqual([]);
  });

  it('one queries file writes each waste table, in the whole server', () => {
    const serverDir = resolve(wasteDir, '..', '..');
    const strays: string[] = [];
    for (const file of production(sourceFiles(serverDir))) {
      for (const table of writtenTables(readFileSync(file, 'utf8'))) {
        const owner = owners[table];
        const rel = relative(wasteDir, file);
        if (owner !== undefined && owner !== rel)
          strays.push(`${relative(serverDir, file)} writes ${table} (owner: ${owner})`);
      }
    }
    expect(strays).toEqual([]);
  });
});
