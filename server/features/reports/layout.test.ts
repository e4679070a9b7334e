import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The house rules of the Mängelmelder (docs/ARCHITECTURE.md), checked on the source so they stay true:
// sub-slices import the core, never each other; the core imports no sub-slice; one queries file writes each table;
// Open311 has no SQL on report tables.

const reportsDir = dirname(fileURLToPath(import.meta.url));
const featuresDir = resolve(reportsDir, '..');
const subSlices = ['intake', 'public', 'backoffice', 'settings', 'notify', 'figures', 'retention', 'demo'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(e.name) ? [path] : [];
  });
}

/** The room of the reports slice a path lies in: a sub-slice, 'core', 'root' (feature level) or undefined. */
function roomOf(path: string): string | undefined {
  const rel = relative(reportsDir, path);
  if (rel.startsWith('..')) return undefined;
  const first = rel.split(sep)[0] as string;
  return first === rel ? 'root' : first;
}

/** Relative import and export specifiers of a source text, resolved against its file. */
function importsOf(file: string, source: string): string[] {
  const specs = [...source.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map((m) => m[1] as string);
  return specs.map((s) => resolve(dirname(file), s));
}

/** Imports that break the rule: a sub-slice importing another one, or the core importing any. */
function forbiddenImports(file: string, source: string): string[] {
  const from = roomOf(file);
  if (!from || from === 'root') return [];
  return importsOf(file, source)
    .filter((target) => {
      const to = roomOf(target);
      if (!to || to === from || to === 'core' || to === 'data') return false;
      return to === 'root' || subSlices.includes(to);
    })
    .map((target) => `${relative(reportsDir, file)} → ${relative(reportsDir, target)}`);
}

/** Which queries file may write each table (INSERT, UPDATE, DELETE). */
const owners: Record<string, string> = {
  reports: 'core/reports-queries.ts',
  report_events: 'core/events-queries.ts',
  report_photos: 'core/photos-queries.ts',
  report_supporters: 'core/supporters-queries.ts',
  report_categories: 'core/categories-queries.ts',
  report_routing_rules: 'core/routing-queries.ts',
  report_external_bodies: 'core/external-bodies-queries.ts',
  report_note_templates: 'core/note-templates-queries.ts',
  report_reference_counters: 'core/reference-queries.ts',
  report_notifications: 'core/notifications-queries.ts',
  report_digest_mails: 'notify/queries.ts',
  landmarks: 'core/landmarks-queries.ts',
  idempotent_requests: 'core/idempotency-queries.ts',
};

/** Tables a source text writes: INSERT INTO t, UPDATE t, DELETE FROM t, and bulkInsert('t', …). */
function writtenTables(source: string): string[] {
  const found = [
    ...source.matchAll(/\b(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+([a-z_0-9]+)/g),
    ...source.matchAll(/bulkInsert\(\s*'([a-z_0-9]+)'/g),
  ];
  return [...new Set(found.map((m) => m[1] as string))];
}

/** Production code: not the tests, nor their support files (test-data.ts, test-helpers.ts). */
const production = (files: string[]) => files.filter((f) => !/(\.test\.tsx?|[/\\]test-[a-z-]+\.ts)$/.test(f));

describe('layout of the Mängelmelder', () => {
  it('finds a forbidden import when there is one (the check itself works)', () => {
    const file = join(reportsDir, 'intake', 'x.ts');
    expect(forbiddenImports(file, "import { a } from '../public/service.js';")).toEqual([
      `intake${sep}x.ts → public${sep}service.js`,
    ]);
    expect(
      forbiddenImports(join(reportsDir, 'core', 'x.ts'), "import { b } from '../notify/queries.js';"),
    ).toHaveLength(1);
    expect(forbiddenImports(file, "import { c } from '../core/events.js';\nimport { d } from './queries.js';")).toEqual(
      [],
    );
    expect(writtenTables("`UPDATE reports SET x = 1`; bulkInsert('report_events', c, r)")).toEqual([
      'reports',
      'report_events',
    ]);
  });

  it('sub-slices import the core and themselves, never each other; the core imports no sub-slice', () => {
    const broken = sourceFiles(reportsDir).flatMap((f) => forbiddenImports(f, readFileSync(f, 'utf8')));
    expect(broken).toEqual([]);
  });

  it('one queries file writes each table', () => {
    const files = production([...sourceFiles(reportsDir), ...sourceFiles(join(featuresDir, 'open311'))]);
    const strays: string[] = [];
    for (const file of files) {
      const rel = relative(reportsDir, file);
      for (const table of writtenTables(readFileSync(file, 'utf8'))) {
        const owner = owners[table];
        if (owner !== undefined && owner !== rel) strays.push(`${rel} writes ${table} (owner: ${owner})`);
      }
    }
    expect(strays).toEqual([]);
  });

  it('Open311 has no SQL on report tables: it reads and writes through the reports services', () => {
    const files = production(sourceFiles(join(featuresDir, 'open311')));
    const sql = files.filter((f) =>
      /\b(?:FROM|JOIN|INTO|UPDATE)\s+(?:reports|report_[a-z_]+)\b/.test(readFileSync(f, 'utf8')),
    );
    expect(sql.map((f) => relative(featuresDir, f))).toEqual([]);
    const queries = files.flatMap((f) =>
      importsOf(f, readFileSync(f, 'utf8'))
        .filter((t) => t.startsWith(reportsDir) && /queries\.js$/.test(t))
        .map((t) => `${relative(featuresDir, f)} → ${relative(featuresDir, t)}`),
    );
    expect(queries).toEqual([]);
  });
});
