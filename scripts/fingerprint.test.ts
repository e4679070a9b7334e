import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fingerprint, listFiles, upToDate, writeStamp } from './fingerprint.js';

const dir = mkdtempSync(join(tmpdir(), 'bs-stamp-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('build stamps', () => {
  it('say "up to date" only while no input file changed, was added or removed', () => {
    writeFileSync(join(dir, 'a.ts'), 'export const a = 1;\n');
    writeFileSync(join(dir, 'b.test.ts'), 'test\n');
    const stamp = join(dir, '.stamp');
    const print = () =>
      fingerprint(
        dir,
        listFiles([dir], (p) => p.endsWith('.ts') && !p.endsWith('.test.ts')),
      );
    expect(upToDate(stamp, print())).toBe(false);
    writeStamp(stamp, print());
    expect(upToDate(stamp, print())).toBe(true);
    writeFileSync(join(dir, 'b.test.ts'), 'changed, but not an input\n');
    expect(upToDate(stamp, print())).toBe(true);
    utimesSync(join(dir, 'a.ts'), new Date(2030, 0, 1), new Date(2030, 0, 1));
    expect(upToDate(stamp, print())).toBe(false);
    writeStamp(stamp, print());
    writeFileSync(join(dir, 'c.ts'), 'export const c = 1;\n');
    expect(upToDate(stamp, print())).toBe(false);
  });
});
