import { describe, expect, it } from 'vitest';
import { testEnv } from '../../test/env.js';
import { loadConfig } from '../config.js';
import { contrastRatio, themeCss, themeUrl, themeVersion } from './theme.js';

const base = loadConfig(testEnv()).municipality;

describe('theme', () => {
  it('computes WCAG contrast ratios', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#ffffff')).toBe(1);
    expect(contrastRatio('#005ca9', '#ffffff')).toBeCloseTo(6.77, 2);
    expect(contrastRatio('#767676', '#ffffff')).toBeGreaterThan(4.5);
  });

  it('uses a dark primary for links and white text on it', () => {
    const css = themeCss({ ...base, colours: { primary: '#005CA9' } });
    expect(css).toContain('--bs-primary:#005ca9;--bs-on-primary:#ffffff');
    expect(css).toContain('@media (prefers-color-scheme:light){:root{--kern-color-action-default:#005ca9}}');
  });

  it('versions the URL by content', () => {
    const a = { ...base, colours: { primary: '#005ca9' } };
    const b = { ...base, colours: { primary: '#8a1538' } };
    expect(themeVersion(a)).not.toBe(themeVersion(b));
    expect(themeUrl(a)).toBe(`/theme.css?v=${themeVersion({ ...a })}`);
  });
});
