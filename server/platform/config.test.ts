import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

const dir = () => mkdtempSync(join(tmpdir(), 'bs-config-'));

describe('loadConfig', () => {
  it('starts with Bielefeld, the embedded database and all roles by default', () => {
    const config = loadConfig({ DATA_DIR: dir() });
    expect(config.municipality.name).toBe('Bielefeld');
    expect(config.municipality.ars).toBe('057110000000');
    expect(config.municipality.timeZone).toBe('Europe/Berlin');
    expect(config.databaseUrl).toBeUndefined();
    expect(config.roles).toEqual(['web', 'worker', 'scheduler']);
    expect(config.port).toBe(3000);
    expect(config.demoData).toBe(true);
    expect(config.sessionSecret.length).toBeGreaterThanOrEqual(32);
  });

  it('keeps the generated development secret across restarts', () => {
    const d = dir();
    expect(loadConfig({ DATA_DIR: d }).sessionSecret).toBe(loadConfig({ DATA_DIR: d }).sessionSecret);
  });

  it('lists every problem at once', () => {
    let error: unknown;
    try {
      loadConfig({
        NODE_ENV: 'production',
        PORT: 'abc',
        ROLES: 'web,cook',
        DATABASE_URL: 'mysql://x',
        DEMO_DATA: 'maybe',
      });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/SESSION_SECRET: required in production/);
    expect(problems).toMatch(/PORT: "abc" is not a number/);
    expect(problems).toMatch(/DEMO_DATA: "maybe" is not a boolean/);
    expect(problems).toMatch(/^roles\.1/m);
    expect(problems).toMatch(/^databaseUrl/m);
  });

  it('turns demo data off in production unless asked for', () => {
    const secret = 'x'.repeat(40);
    expect(loadConfig({ NODE_ENV: 'production', SESSION_SECRET: secret, DATA_DIR: dir() }).demoData).toBe(false);
    expect(
      loadConfig({ NODE_ENV: 'production', SESSION_SECRET: secret, DEMO_DATA: 'true', DATA_DIR: dir() }).demoData,
    ).toBe(true);
  });

  it('reads a config file, and environment variables win over it', () => {
    const d = dir();
    const file = join(d, 'config.json');
    writeFileSync(file, JSON.stringify({ port: 4000, logLevel: 'warn', municipality: { name: 'Musterstadt' } }));
    const config = loadConfig({ CONFIG_FILE: file, PORT: '5000', DATA_DIR: d });
    expect(config.port).toBe(5000);
    expect(config.logLevel).toBe('warn');
    expect(config.municipality.name).toBe('Musterstadt');
    expect(config.municipality.ars).toBe('057110000000');
  });

  it('reports an invalid municipality file field by field', () => {
    const d = dir();
    const file = join(d, 'm.json');
    writeFileSync(file, JSON.stringify({ id: 'X', name: '' }));
    expect(() => loadConfig({ MUNICIPALITY_FILE: file, DATA_DIR: d })).toThrow(
      /municipality\.id[\s\S]*municipality\.name/,
    );
  });
});
