import { describe, expect, it } from 'vitest';
import { foldWord, markAll, queryLexemes, snippet } from './highlight.js';

const text = (parts: { text: string }[]) => parts.map((p) => p.text).join('');
const marked = (parts: { text: string; mark: boolean }[]) => parts.filter((p) => p.mark).map((p) => p.text);

describe('search marks and snippets', () => {
  it('reads the lexemes of a tsquery, longest first', () => {
    expect(queryLexemes("'perso':* | 'personalauswei':* & ( 'eheschliess' <-> 'o''brien' )")).toEqual([
      'personalauswei',
      'eheschliess',
      "o'brien",
      'perso',
    ]);
  });

  it('folds words as the search configurations do', () => {
    expect(['Sperrmüll', 'Straße', 'Éclair', 'BÜRGER'].map(foldWord)).toEqual([
      'sperrmull',
      'strasse',
      'eclair',
      'burger',
    ]);
  });

  it('marks every word that starts with a lexeme, umlauts and ß folded', () => {
    const parts = markAll('Sperrmüll anmelden: Straßenreinigung und Sperrmüllabfuhr', ['sperrmull', 'strass']);
    expect(text(parts)).toBe('Sperrmüll anmelden: Straßenreinigung und Sperrmüllabfuhr');
    expect(marked(parts)).toEqual(['Sperrmüll', 'Straßenreinigung', 'Sperrmüllabfuhr']);
  });

  it('cuts long texts to the passages with the matches, at most 32 words', () => {
    const words = Array.from({ length: 200 }, (_, i) => `wort${i}`);
    words[100] = 'Hundesteuer';
    words[160] = 'Hundesteuerbescheid';
    const parts = snippet(words.join(' '), ['hundesteu']);
    expect(marked(parts)).toEqual(['Hundesteuer', 'Hundesteuerbescheid']);
    const shown = text(parts);
    expect(shown).toBe(`… ${words.slice(96, 112).join(' ')} … ${words.slice(156, 172).join(' ')} …`);
    expect(shown.split(/\s+/).filter((w) => w.startsWith('wort') || w.startsWith('Hund'))).toHaveLength(32);
  });

  it('shows the start of a text without matches, and a short text whole', () => {
    const long = Array.from({ length: 50 }, (_, i) => `w${i}`).join(' ');
    expect(text(snippet(long, ['zzz']))).toBe(`${long.split(' ').slice(0, 32).join(' ')} …`);
    expect(snippet('Kurz und  gut.', ['gut'])).toEqual([
      { text: 'Kurz und ', mark: false },
      { text: 'gut', mark: true },
      { text: '.', mark: false },
    ]);
    expect(snippet('', ['gut'])).toEqual([]);
  });
});
