import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The house rules of the Abfallkalender (docs/ARCHITECTURE.md), checked on the source: rooms import the core and
// themselves, never each other; the core imports no room; one queries file writes each waste table.

const wasteDir = dirname(fileURLToPath(import.meta.url));
const rooms = ['import', 'demo', 'citizen', 'reminders', 'admin'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(e.name) ? [path] : [];
  });
}

/** The room a path lies in: a room, 'core', 'root' (feature level) or undefined (outside the feature). */
function roomOf(path: string): string | undefined {
  const rel = relative(wasteDir, path);
  if (rel.startsWith('..')) return undefined;
  const first = rel.split(sep)[0] as string;
  return first === rel ? 'root' : first;
}

/** Relative import specifiers of a source text, resolved against its file. */
function importsOf(file: string, source: string): string[] {
  const specs = [...source.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map((m) => m[1] as string);
  return specs.map((s) => resolve(dirname(file), s));
}

/** Imports that break the rule: a room importing another room or the feature root, or the core importing a room. */
function forbiddenImports(file: string, source: string): string[] {
  const from = roomOf(file);
  if (!from || from === 'root') return [];
  return importsOf(file, source)
    .filter((target) => {
      const to = roomOf(target);
      if (!to || to === from || to === 'core' || to === 'data') return false;
      return to === 'root' || rooms.includes(to) || from === 'core';
    })
    .map((target) => `${relative(wasteDir, file)} → ${relative(wasteDir, target)}`);
}

/** Which queries file may write each table. */
const owners: Record<string, string> = {
  waste_bin_types: 'core/bin-types-queries.ts',
  waste_seasons: 'core/seasons-queries.ts',
  waste_routes: 'core/routes-queries.ts',
  waste_route_addresses: 'core/routes-queries.ts',
  waste_collections: 'core/collections-queries.ts',
  waste_import_uploads: 'import/queries.ts',
};

function writtenTables(source: string): string[] {
  const found = [...source.matchAll(/\b(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+([a-z_0-9]+)/g)];
  return [...new Set(found.map((m) => m[1] as string))];
}

const production = (files: string[]) => files.filter((f) => !/(\.test\.tsx?|[/\\]test-[a-z-]+\.ts)$/.test(f));

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
