/**
 * Build stamps: a fingerprint of a build's input files (path, size, modification time), so a build that finds its
 * inputs unchanged since the last run can say so and skip. Cheap: one stat per file, no reads.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Every file below the given roots (files or folders) that `keep` accepts, as sorted paths. */
export function listFiles(roots: string[], keep: (path: string) => boolean = () => true): string[] {
  const out: string[] = [];
  const walk = (path: string) => {
    if (!existsSync(path)) return;
    if (statSync(path).isDirectory()) {
      for (const entry of readdirSync(path)) walk(join(path, entry));
    } else if (keep(path)) out.push(path);
  };
  for (const root of roots) walk(root);
  return out.sort();
}

/** A hash over the files' paths (relative to base), sizes and modification times. */
export function fingerprint(base: string, files: string[]): string {
  const hash = createHash('sha256');
  for (const file of files) {
    const { size, mtimeMs } = statSync(file);
    hash.update(`${relative(base, file)}\0${size}\0${mtimeMs}\n`);
  }
  return hash.digest('hex');
}

/** True when the stamp file holds this fingerprint (the last build saw the same inputs). */
export function upToDate(stampFile: string, print: string): boolean {
  return existsSync(stampFile) && readFileSync(stampFile, 'utf8').trim() === print;
}

export function writeStamp(stampFile: string, print: string): void {
  writeFileSync(stampFile, `${print}\n`);
}
