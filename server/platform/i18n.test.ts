import { describe, expect, it } from 'vitest';
import { i18nFor, missingTranslations, negotiateLanguage } from './i18n.js';

describe('message catalogues', () => {
  it('have every key in both languages', () => {
    expect(missingTranslations()).toEqual({ de: [], en: [] });
  });

  it('pluralise and format dates and numbers by locale', () => {
    const de = i18nFor('de', 'Europe/Berlin');
    const en = i18nFor('en', 'Europe/Berlin');
    expect(de.date('2026-11-28')).toBe('28. November 2026');
    expect(en.date('2026-11-28')).toBe('28 November 2026');
    // 23:30 UTC is already the next day in Berlin.
    expect(de.date('2026-03-28T23:30:00Z', 'medium')).toBe('29.03.2026');
    expect(de.number(1234.5)).toBe('1.234,5');
    expect(en.number(1234.5)).toBe('1,234.5');
  });
});

describe('language negotiation', () => {
  const offered = ['de', 'en'] as const;
  it('prefers ?lang=, then the cookie, then Accept-Language, then the default', () => {
    expect(negotiateLanguage(offered, 'de', 'en', 'de', 'de')).toBe('en');
    expect(negotiateLanguage(offered, 'de', undefined, 'en', 'de')).toBe('en');
    expect(negotiateLanguage(offered, 'de', undefined, undefined, 'fr;q=1, en-GB;q=0.8, de;q=0.5')).toBe('en');
    expect(negotiateLanguage(offered, 'de', 'fr', 'xx', 'fr')).toBe('de');
  });

  it('only picks languages the municipality offers', () => {
    expect(negotiateLanguage(['de'], 'de', 'en', 'en', 'en')).toBe('de');
  });
});
