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
    const production = { NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40), MAIL_TRANSPORT: 'file' };
    expect(loadConfig({ ...production, DATA_DIR: dir() }).demoData).toBe(false);
    expect(loadConfig({ ...production, DEMO_DATA: 'true', DATA_DIR: dir() }).demoData).toBe(true);
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

/** The problems loadConfig lists for an environment, or [] when it accepts it. */
function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig({ DATA_DIR: dir(), ...env });
    return [];
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
}

const production = { NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40), SMTP_URL: 'smtp://mail.example:25' };

describe('TRUST_PROXY', () => {
  it('takes a hop count or a list of proxy addresses and networks', () => {
    expect(loadConfig({ DATA_DIR: dir(), TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ DATA_DIR: dir(), TRUST_PROXY: '10.0.0.0/8, 127.0.0.1,fd00::/8' }).trustProxy).toEqual([
      '10.0.0.0/8',
      '127.0.0.1',
      'fd00::/8',
    ]);
    expect(loadConfig({ DATA_DIR: dir(), TRUST_PROXY: 'loopback' }).trustProxy).toEqual(['loopback']);
    expect(loadConfig({ DATA_DIR: dir(), TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ DATA_DIR: dir() }).trustProxy).toBe(false);
  });

  it('refuses "true" in production with a clear reason, next to the other problems', () => {
    const problems = problemsOf({ ...production, TRUST_PROXY: 'true', PORT: 'abc' });
    expect(problems.join('\n')).toMatch(/TRUST_PROXY: "true" trusts every X-Forwarded-For hop/);
    expect(problems.join('\n')).toMatch(/PORT: "abc" is not a number/);
    expect(problemsOf({ ...production, TRUST_PROXY: '1' })).toEqual([]);
    // Outside production it stays possible (the app warns at start).
    expect(loadConfig({ DATA_DIR: dir(), TRUST_PROXY: 'true' }).trustProxy).toBe(true);
  });

  it('refuses what is neither a count nor addresses', () => {
    for (const bad of ['proxy.example', '10.0.0.0/33', '10.0.0.1/8/1', '1.2.3', 'true,10.0.0.1']) {
      expect(problemsOf({ TRUST_PROXY: bad }).join('\n'), bad).toMatch(/^TRUST_PROXY: .*neither a hop count/m);
    }
  });
});

describe('mail transport', () => {
  it('refuses production without SMTP_URL unless files are chosen deliberately', () => {
    const { SMTP_URL: _, ...withoutSmtp } = production;
    expect(problemsOf(withoutSmtp).join('\n')).toMatch(/SMTP_URL: required in production.*MAIL_TRANSPORT=file/);
    expect(loadConfig({ ...withoutSmtp, DATA_DIR: dir(), MAIL_TRANSPORT: 'file' }).mail.transport).toBe('file');
    expect(loadConfig({ ...production, DATA_DIR: dir() }).mail.transport).toBe('smtp');
    expect(problemsOf({ MAIL_TRANSPORT: 'smtp' }).join('\n')).toMatch(/SMTP_URL: required with MAIL_TRANSPORT=smtp/);
  });

  it('writes files in development when no SMTP server is set', () => {
    expect(loadConfig({ DATA_DIR: dir() }).mail).toMatchObject({ transport: 'file', fileRetentionDays: 7 });
  });
});

describe('HTTP timeouts', () => {
  it('has defaults and refuses a headers timeout above the request timeout', () => {
    expect(loadConfig({ DATA_DIR: dir() }).http).toEqual({
      requestTimeoutSeconds: 60,
      headersTimeoutSeconds: 10,
      keepAliveTimeoutSeconds: 72,
      maxConnections: 1000,
      maxRequestsPerSocket: 1000,
    });
    const problems = problemsOf({ HTTP_REQUEST_TIMEOUT_SECONDS: '5', HTTP_HEADERS_TIMEOUT_SECONDS: '6' });
    expect(problems).toEqual(['HTTP_HEADERS_TIMEOUT_SECONDS: must not exceed HTTP_REQUEST_TIMEOUT_SECONDS']);
  });
});

describe('FIT-Connect', () => {
  const fitConnect = {
    FIT_CONNECT_TOKEN_URL: 'https://auth.example/token',
    FIT_CONNECT_SUBMISSION_API_URL: 'https://submission.example',
    FIT_CONNECT_EVENT_JWKS_URL: 'https://submission.example/.well-known/jwks.json',
    FIT_CONNECT_CLIENT_ID: 'client',
    FIT_CONNECT_CLIENT_SECRET: 'secret',
  };

  it('is off without settings, and on with all required ones (routing and scope optional)', () => {
    expect(loadConfig({ DATA_DIR: dir() }).fitConnect).toBeUndefined();
    expect(loadConfig({ DATA_DIR: dir(), ...fitConnect, FIT_CONNECT_SCOPE: 'send' }).fitConnect).toEqual({
      tokenUrl: 'https://auth.example/token',
      submissionApiUrl: 'https://submission.example',
      eventJwksUrl: 'https://submission.example/.well-known/jwks.json',
      clientId: 'client',
      clientSecret: 'secret',
      scope: 'send',
    });
  });

  it('names what is missing when only some are set, and refuses plain http in production', () => {
    const { FIT_CONNECT_CLIENT_SECRET: _, FIT_CONNECT_EVENT_JWKS_URL: __, ...partial } = fitConnect;
    expect(problemsOf(partial)).toEqual([
      'FIT-Connect is configured only in part: FIT_CONNECT_EVENT_JWKS_URL, FIT_CONNECT_CLIENT_SECRET missing (set all or none)',
    ]);
    expect(problemsOf({ ...fitConnect, FIT_CONNECT_TOKEN_URL: 'not a url' }).join('\n')).toMatch(
      /^fitConnect\.tokenUrl/m,
    );
    expect(
      problemsOf({ ...production, ...fitConnect, FIT_CONNECT_SUBMISSION_API_URL: 'http://submission.example' }),
    ).toEqual(['FIT_CONNECT_SUBMISSION_API_URL: must be https']);
  });
});
