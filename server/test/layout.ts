import { readdirSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

// Source checks of a feature built as rooms (reports, waste): which files import which, which tables a file writes.

/** The .ts/.tsx files below a folder. */
export function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(e.name) ? [path] : [];
  });
}

/** Relative import and export specifiers of a source text, resolved against its file. */
export function importsOf(file: string, source: string): string[] {
  const specs = [...source.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map((m) => m[1] as string);
  return specs.map((s) => resolve(dirname(file), s));
}

/**
 * The import rule of a feature of rooms: a room imports the core, `data/` and itself; never another room nor the
 * feature root; the core imports no room. Returns a function listing the imports of a file that break it.
 */
export function roomRule(featureDir: string, rooms: readonly string[]) {
  const roomOf = (path: string): string | undefined => {
    const rel = relative(featureDir, path);
    if (rel.startsWith('..')) return undefined;
    const first = rel.split(sep)[0] as string;
    return first === rel ? 'root' : first;
  };
  return (file: string, source: string): string[] => {
    const from = roomOf(file);
    if (!from || from === 'root') return [];
    return importsOf(file, source)
      .filter((target) => {
        const to = roomOf(target);
        if (!to || to === from || to === 'core' || to === 'data') return false;
        return to === 'root' || rooms.includes(to) || from === 'core';
      })
      .map((target) => `${relative(featureDir, file)} → ${relative(featureDir, target)}`);
  };
}

/** Tables a source text writes: INSERT INTO t, UPDATE t, DELETE FROM t, and bulkInsert('t', …). */
export function writtenTables(source: string): string[] {
  const found = [
    ...source.matchAll(/\b(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+([a-z_0-9]+)/g),
    ...source.matchAll(/bulkInsert\(\s*'([a-z_0-9]+)'/g),
  ];
  return [...new Set(found.map((m) => m[1] as string))];
}

/** Production code: not the tests, nor their support files (test-data.ts, test-helpers.ts, test-files.ts). */
export const production = (files: string[]) => files.filter((f) => !/(\.test\.tsx?|[/\\]test-[a-z-]+\.ts)$/.test(f));
