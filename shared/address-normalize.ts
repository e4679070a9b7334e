/**
 * Normalisation of street names and address queries, shared by the server (search columns, import) and the
 * browser. Pure: no imports, no I/O. Both spellings of umlauts meet ("Jöllenbecker" and "Joellenbecker" give the
 * same key), ß becomes ss, and every way of writing "Straße" ("Str", "Str.", "Strasse") becomes one form.
 */

/** Longest street key we store or search for; longer input is cut (nobody types a 120-letter street). */
export const maxStreetKeyLength = 80;
/** Characters a query needs before the autocomplete asks the server. */
export const autocompleteMinChars = 3;

const umlauts: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss', ẞ: 'ss' };
const separators = /[\s\-‐‑‒–—_/\\,;:.'’`´"„“”()[\]]+/u;

/** Lower case, umlauts and ß transliterated, other diacritics removed (é → e), NFC. */
function foldLetters(input: string): string {
  return input
    .normalize('NFC')
    .toLocaleLowerCase('de-DE')
    .replace(/[äöüßẞ]/g, (ch) => umlauts[ch] ?? ch)
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .normalize('NFC');
}

/**
 * One word of a street name: every spelling of "Straße" at the end of a word becomes "strasse". A lone "str" as
 * the first word is left alone: that is someone starting to type "Stresemannstraße".
 */
function normalizeWord(word: string, index: number): string {
  if (word === 'strasse' || ((word === 'str' || word === 'strase') && index > 0)) return 'strasse';
  if (word.length > 3 && word.endsWith('str')) return `${word}asse`;
  return word;
}

/** The street's words, folded: "August-Bebel-Str." → ["august", "bebel", "strasse"]. */
export function streetWords(street: string): string[] {
  return foldLetters(street)
    .split(separators)
    .map((w) => w.replace(/[^\p{L}\p{N}]/gu, ''))
    .filter(Boolean)
    .map((w, i) => normalizeWord(w, i));
}

/** Normalised street for display-independent comparison: "Herforder Str." → "herforder strasse". */
export function normalizeStreet(street: string): string {
  return streetWords(street).join(' ');
}

/**
 * The compact search key: words joined without spaces, so "Herforderstraße", "Herforder Straße" and
 * "herforder-str" all give "herforderstrasse". Only letters and digits remain (safe inside LIKE patterns).
 */
export function streetKey(street: string): string {
  return streetWords(street).join('').slice(0, maxStreetKeyLength);
}

/** House-number suffix as stored: lower case, no spaces ("A" → "a", " b " → "b"). */
export function normalizeSuffix(suffix: string): string {
  return foldLetters(suffix).replace(/[^\p{L}\p{N}/-]/gu, '');
}

/** A parsed search input: the street part and, when typed, the house number. */
export interface AddressQuery {
  /** The street part as typed, trimmed (for messages). */
  streetText: string;
  /** Compact key of the street part (see streetKey); may be empty when only a number was typed. */
  key: string;
  houseNumber?: number;
  /** Normalised suffix, '' when none. */
  suffix: string;
  /** Upper end of a typed range ("12-14" → 14). */
  houseNumberTo?: number;
}

// "street 12", "street 12a", "street 12 a", "street 12-14", "street12"
const trailingNumber = /^(.*?)[\s,.]*(\d{1,5})\s*([a-z](?![a-z]))?(?:\s*[-–/]\s*(\d{1,5})\s*[a-z]?)?\s*$/u;
// "12 street", "12a street"
const leadingNumber = /^(\d{1,5})\s*([a-z])?[\s,]+(\D.*)$/u;
// A pasted full address: "herforder strasse 22, 33602 bielefeld" → drop the postcode and the city.
const trailingPostcode = /^(.*\p{L}.*?\d{1,4}\s*[a-z]?)[\s,]+\d{5}(?:\s.*)?$/u;

/**
 * Splits a free-text address query into street key and house number:
 * "herforder str 22" → { key: "herforderstrasse", houseNumber: 22, suffix: "" };
 * "Jöllenbecker Straße 12 a" → suffix "a"; "12-14" → houseNumber 12, houseNumberTo 14.
 */
export function parseAddressQuery(input: string): AddressQuery {
  const folded = foldLetters(input).replace(/\s+/g, ' ').trim();
  const text = trailingPostcode.exec(folded)?.[1] ?? folded;
  let streetText = text;
  let houseNumber: number | undefined;
  let houseNumberTo: number | undefined;
  let suffix = '';
  const trailing = trailingNumber.exec(text);
  const leading = trailing ? null : leadingNumber.exec(text);
  if (trailing && /\p{L}/u.test(trailing[1] ?? '')) {
    streetText = trailing[1] ?? '';
    houseNumber = Number(trailing[2]);
    suffix = trailing[3] ?? '';
    if (trailing[4] && Number(trailing[4]) > houseNumber) houseNumberTo = Number(trailing[4]);
  } else if (trailing && !trailing[1]) {
    streetText = '';
    houseNumber = Number(trailing[2]);
    suffix = trailing[3] ?? '';
  } else if (leading) {
    houseNumber = Number(leading[1]);
    suffix = leading[2] ?? '';
    streetText = leading[3] ?? '';
  }
  const query: AddressQuery = { streetText: streetText.trim(), key: streetKey(streetText), suffix };
  if (houseNumber !== undefined && houseNumber > 0) query.houseNumber = houseNumber;
  if (houseNumberTo !== undefined) query.houseNumberTo = houseNumberTo;
  return query;
}

/** The display label of an address: "Herforder Straße 22a". Typing it back finds exactly this address. */
export function formatAddressLabel(street: string, houseNumber: number, suffix: string): string {
  return `${street} ${houseNumber}${suffix}`;
}
