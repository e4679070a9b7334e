import { describe, expect, it } from 'vitest';
import {
  formatAddressLabel,
  normalizeStreet,
  normalizeSuffix,
  parseAddressQuery,
  streetKey,
} from './address-normalize.js';

describe('normalizeStreet and streetKey', () => {
  it('brings every spelling of Straße to one form', () => {
    for (const s of ['Herforder Straße', 'Herforder Strasse', 'herforder str', 'Herforder Str.', 'HERFORDER STR.']) {
      expect(normalizeStreet(s)).toBe('herforder strasse');
      expect(streetKey(s)).toBe('herforderstrasse');
    }
  });

  it('handles Straße written as part of the word', () => {
    expect(streetKey('Stapenhorststraße')).toBe('stapenhorststrasse');
    expect(streetKey('Stapenhorststr.')).toBe('stapenhorststrasse');
    expect(streetKey('stapenhorststr')).toBe('stapenhorststrasse');
    expect(streetKey('Herforderstraße')).toBe(streetKey('Herforder Straße'));
  });

  it('lets umlauts and their transliteration meet, and ß and ss', () => {
    expect(streetKey('Jöllenbecker Straße')).toBe('joellenbeckerstrasse');
    expect(streetKey('Joellenbecker Strasse')).toBe('joellenbeckerstrasse');
    expect(streetKey('Große-Kurfürsten-Straße')).toBe(streetKey('Grosse-Kurfuersten-Strasse'));
    expect(streetKey('ÜBBEDISSER STRASSE')).toBe('uebbedisserstrasse');
    // decomposed input (a + combining diaeresis), as some keyboards and copy/paste produce it
    expect(streetKey('Ja\u0308gerstraße')).toBe('jaegerstrasse');
  });

  it('removes other diacritics', () => {
    expect(streetKey('Rue de la Résistance')).toBe('ruedelaresistance');
  });

  it('folds hyphens and spaces', () => {
    expect(normalizeStreet('August-Bebel-Straße')).toBe('august bebel strasse');
    expect(streetKey('August Bebel Str')).toBe('augustbebelstrasse');
    expect(streetKey('  Artur–Ladebeck-Straße ')).toBe('arturladebeckstrasse');
  });

  it('keeps only letters and digits in the key', () => {
    expect(streetKey('Straße des 17. Juni')).toBe('strassedes17juni');
    expect(streetKey('100%_a')).toBe('100a');
  });
});

describe('normalizeSuffix', () => {
  it('lower-cases and trims', () => {
    expect(normalizeSuffix(' A ')).toBe('a');
    expect(normalizeSuffix('')).toBe('');
  });
});

describe('parseAddressQuery', () => {
  it('parses the issue example', () => {
    expect(parseAddressQuery('herforder str 22')).toEqual({
      streetText: 'herforder str',
      key: 'herforderstrasse',
      houseNumber: 22,
      suffix: '',
    });
  });

  it('parses suffixes written together or apart', () => {
    expect(parseAddressQuery('Jöllenbecker Straße 12a')).toMatchObject({
      key: 'joellenbeckerstrasse',
      houseNumber: 12,
      suffix: 'a',
    });
    expect(parseAddressQuery('Jöllenbecker Straße 12 A')).toMatchObject({ houseNumber: 12, suffix: 'a' });
  });

  it('takes the first number of a range', () => {
    expect(parseAddressQuery('Niederwall 12-14')).toMatchObject({
      key: 'niederwall',
      houseNumber: 12,
      houseNumberTo: 14,
      suffix: '',
    });
    expect(parseAddressQuery('Niederwall 12 - 14')).toMatchObject({ houseNumber: 12, houseNumberTo: 14 });
  });

  it('accepts a number glued to the street and a number in front', () => {
    expect(parseAddressQuery('obernstr.5')).toMatchObject({ key: 'obernstrasse', houseNumber: 5 });
    expect(parseAddressQuery('5 Obernstraße')).toMatchObject({ key: 'obernstrasse', houseNumber: 5 });
  });

  it('drops a pasted postcode and city', () => {
    expect(parseAddressQuery('Herforder Straße 22, 33602 Bielefeld')).toMatchObject({
      key: 'herforderstrasse',
      houseNumber: 22,
    });
    expect(parseAddressQuery('Herforder Straße 22a 33602')).toMatchObject({ houseNumber: 22, suffix: 'a' });
  });

  it('leaves numbers inside a street name alone', () => {
    expect(parseAddressQuery('Straße des 17. Juni')).toEqual({
      streetText: 'strasse des 17. juni',
      key: 'strassedes17juni',
      suffix: '',
    });
    expect(parseAddressQuery('Straße des 17. Juni 4')).toMatchObject({ key: 'strassedes17juni', houseNumber: 4 });
  });

  it('reads a lone "str" at the start as the beginning of a street name', () => {
    expect(parseAddressQuery('str').key).toBe('str');
    expect(parseAddressQuery('Herforder Str').key).toBe('herforderstrasse');
  });

  it('handles a street while it is being typed', () => {
    expect(parseAddressQuery('herforder st')).toMatchObject({ key: 'herforderst', suffix: '' });
    expect(parseAddressQuery('herforder st').houseNumber).toBeUndefined();
    expect(streetKey('herforder strasse').startsWith(parseAddressQuery('herforder stra').key)).toBe(true);
  });

  it('accepts a lone number and empty input', () => {
    expect(parseAddressQuery('22')).toMatchObject({ key: '', houseNumber: 22 });
    expect(parseAddressQuery('   ')).toEqual({ streetText: '', key: '', suffix: '' });
  });

  it('ignores house number 0', () => {
    expect(parseAddressQuery('Niederwall 0').houseNumber).toBeUndefined();
  });
});

describe('formatAddressLabel', () => {
  it('writes the suffix directly after the number and parses back to the same address', () => {
    const label = formatAddressLabel('Herforder Straße', 22, 'a');
    expect(label).toBe('Herforder Straße 22a');
    expect(parseAddressQuery(label)).toMatchObject({ key: 'herforderstrasse', houseNumber: 22, suffix: 'a' });
  });
});
