import { readFileSync } from 'node:fs';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

const read = (file: string) => JSON.parse(readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8'));

describe('the Node.js version we promise', () => {
  it('is accepted by every installed package (npm ci warns of none: no EBADENGINE)', () => {
    const promised = semver.minVersion(read('package.json').engines.node as string);
    expect(promised).not.toBeNull();
    const lock = read('package-lock.json') as { packages: Record<string, { engines?: { node?: string } }> };
    const refusing = Object.entries(lock.packages)
      .filter(([, p]) => typeof p.engines?.node === 'string')
      .filter(([, p]) => !semver.satisfies(promised as semver.SemVer, p.engines?.node as string))
      .map(([name, p]) => `${name} wants node ${p.engines?.node}`);
    expect(refusing).toEqual([]);
  });
});
