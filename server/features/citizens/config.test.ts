import { describe, expect, it } from 'vitest';
import { type ConfigError, loadConfig } from '../../platform/config.js';
import { localPath } from '../../platform/http/next-path.js';
import { testEnv } from '../../test/env.js';
import { parseAttributeList } from './attributes.js';
import { acrValuesFor, levelOfSamlRef, meetsLevel } from './levels.js';
import { citizenLoginEnabled, loginUrl } from './service.js';

const problems = (env: Record<string, string>) => {
  try {
    loadConfig(testEnv(env));
    return [];
  } catch (err) {
    return (err as ConfigError).problems;
  }
};

describe('citizen login configuration', () => {
  it('is off by default', () => {
    const config = loadConfig(testEnv());
    expect(config.citizenLogin.mode).toBe('off');
    expect(citizenLoginEnabled(config)).toBe(false);
    expect(config.citizenLogin.saml.spEntityId).toBe('http://localhost:3000/antraege/saml/metadata');
  });

  it('names what saml and oidc need', () => {
    expect(problems({ CITIZEN_LOGIN: 'saml' }).join('\n')).toMatch(/CITIZEN_SAML_IDP_METADATA_FILE or/);
    expect(problems({ CITIZEN_LOGIN: 'oidc' }).join('\n')).toMatch(/CITIZEN_OIDC_ISSUER: required/);
    expect(problems({ CITIZEN_LOGIN: 'bundid' }).join('\n')).toMatch(/citizenLogin\.mode/);
  });

  it('refuses saml in production without the SP key and certificate files, and plain-http OIDC', () => {
    const production = { NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40), MAIL_TRANSPORT: 'file' };
    const saml = problems({
      ...production,
      CITIZEN_LOGIN: 'saml',
      CITIZEN_SAML_IDP_ENTRY_POINT: 'https://idp.example/sso',
      CITIZEN_SAML_IDP_CERT_FILE: '/nonexistent.pem',
    }).join('\n');
    expect(saml).toMatch(/CITIZEN_SAML_SP_KEY_FILE, CITIZEN_SAML_SP_CERT_FILE: required in production/);
    expect(saml).toMatch(/CITIZEN_SAML_IDP_CERT_FILE: cannot read/);
    const oidc = problems({
      ...production,
      CITIZEN_LOGIN: 'oidc',
      CITIZEN_OIDC_ISSUER: 'http://idp.example',
      CITIZEN_OIDC_CLIENT_ID: 'a',
      CITIZEN_OIDC_CLIENT_SECRET: 'b',
    }).join('\n');
    expect(oidc).toMatch(/CITIZEN_OIDC_ISSUER: must be https/);
  });
});

describe('levels, attributes and the login link', () => {
  it('orders the levels and maps BundID class refs (Level-2 counts as basic)', () => {
    expect(meetsLevel('high', 'substantial')).toBe(true);
    expect(meetsLevel('basic', 'substantial')).toBe(false);
    expect(levelOfSamlRef('STORK-QAA-Level-2')).toBe('basic');
    expect(levelOfSamlRef('STORK-QAA-Level-4')).toBe('high');
    expect(levelOfSamlRef('urn:other')).toBeUndefined();
    expect(acrValuesFor('substantial', { basic: 'b', substantial: 's', high: 'h' })).toEqual(['h', 's']);
  });

  it('builds the login URL and reads its attribute list', () => {
    expect(loginUrl('/antraege/x', 'high', ['givenName', 'email'])).toBe(
      '/antraege/anmelden?weiter=%2Fantraege%2Fx&niveau=high&merkmale=givenName%2Cemail',
    );
    expect(parseAttributeList('email,bogus,givenName,email')).toEqual(['givenName', 'email']);
  });

  it('keeps `weiter` on this site', () => {
    const base = 'https://stadt.example';
    expect(localPath('/antraege/a?b=1', base, '/f')).toBe('/antraege/a?b=1');
    for (const bad of [
      'https://evil.example',
      '//evil.example',
      '/\\evil',
      '/%2f%2fevil',
      'javascript:alert(1)',
      '/a\nb',
    ]) {
      expect(localPath(bad, base, '/f')).toBe('/f');
    }
  });
});
