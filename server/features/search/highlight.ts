// Marks and snippets of search hits, made here rather than by ts_headline: ts_headline parses and stems every word
// of every hit's text inside the database (on the embedded PGlite about 1 ms per hit, most of a search's time),
// while the query's own lexemes, compared with the folded words, give the same marks for a fraction of that.

/** A piece of a title or snippet: `mark` is a match of the query. */
export interface TextPart {
  text: string;
  mark: boolean;
}

/** Longest snippet (words) and the most fragments it is made of, as ts_headline's MaxWords and MaxFragments. */
const maxWords = 32;
const maxFragments = 2;
/** Words shown before the first match of a fragment. */
const lead = 4;

/** A word as the search configurations fold it before stemming: lower case, no accents or umlaut dots, ß → ss. */
export function foldWord(word: string): string {
  const lower = word.toLowerCase();
  // Most words are plain ASCII: nothing to fold (the fast path keeps a snippet of a long text under 0.1 ms).
  if (!/[\u0080-\uffff]/.test(lower)) return lower;
  return lower.replaceAll('ß', 'ss').normalize('NFD').replace(/\p{M}/gu, '');
}

/**
 * The lexemes of a tsquery's text form (`'perso':* | 'personalauswei':*`), longest first. Every one is a stem or
 * a prefix, so a word matches when its folded form starts with one.
 */
export function queryLexemes(tsquery: string): string[] {
  const found = [...tsquery.matchAll(/'((?:[^']|'')+)'/g)].map((m) => (m[1] ?? '').replaceAll("''", "'"));
  return [...new Set(found.filter((l) => l.length >= 2))].sort((a, b) => b.length - a.length);
}

interface Token {
  text: string;
  word: boolean;
  mark: boolean;
}

const wordPattern = /[\p{L}\p{N}]+/gu;

function tokens(text: string, lexemes: readonly string[]): Token[] {
  const out: Token[] = [];
  const seen = new Map<string, boolean>();
  let at = 0;
  for (const m of text.matchAll(wordPattern)) {
    if (m.index > at) out.push({ text: text.slice(at, m.index), word: false, mark: false });
    const word = m[0];
    let mark = seen.get(word);
    if (mark === undefined) {
      const folded = foldWord(word);
      mark = lexemes.some((l) => folded.startsWith(l));
      seen.set(word, mark);
    }
    out.push({ text: word, word: true, mark });
    at = m.index + word.length;
  }
  if (at < text.length) out.push({ text: text.slice(at), word: false, mark: false });
  return out;
}

/** Joins tokens into parts, neighbouring ones of the same kind into one. */
function parts(list: readonly Token[]): TextPart[] {
  const out: TextPart[] = [];
  for (const t of list) {
    const last = out[out.length - 1];
    if (last && last.mark === t.mark) last.text += t.text;
    else out.push({ text: t.text, mark: t.mark });
  }
  return out;
}

/** The whole text with every match marked (for titles). */
export function markAll(text: string, lexemes: readonly string[]): TextPart[] {
  return parts(tokens(text, lexemes));
}

/**
 * A snippet of at most 32 words: the one or two passages with the most matches (each starting a few words before
 * its first match), in text order, joined by " … "; the text's start when nothing matches.
 */
export function snippet(text: string, lexemes: readonly string[]): TextPart[] {
  const list = tokens(text.replace(/\s+/g, ' ').trim(), lexemes);
  // Token index of every word, and the word numbers of the matches (loops: flatMap costs several times more).
  const words: number[] = [];
  const hits: number[] = [];
  for (const [i, t] of list.entries()) {
    if (!t.word) continue;
    if (t.mark) hits.push(words.length);
    words.push(i);
  }
  if (words.length === 0) return [];
  const perFragment = hits.length > 1 ? Math.floor(maxWords / maxFragments) : maxWords;
  // Candidate windows (in words) start a few words before each match; the ones holding most matches win.
  const windows = (hits.length > 0 ? hits : [lead])
    .map((h) => {
      const from = Math.max(0, Math.min(h - lead, words.length - perFragment));
      const to = Math.min(words.length, from + perFragment);
      return { from, to, count: hits.filter((x) => x >= from && x < to).length };
    })
    .sort((a, b) => b.count - a.count || a.from - b.from);
  const chosen: { from: number; to: number }[] = [];
  for (const w of windows) {
    if (chosen.length === maxFragments) break;
    if (chosen.some((c) => w.from < c.to && c.from < w.to)) continue;
    chosen.push(w);
  }
  chosen.sort((a, b) => a.from - b.from);
  const out: TextPart[] = [];
  for (const [i, w] of chosen.entries()) {
    // A passage at the text's start or end keeps what stands before its first or after its last word.
    const first = w.from === 0 ? 0 : (words[w.from] as number);
    const last = w.to === words.length ? list.length - 1 : (words[w.to - 1] as number);
    if (i > 0 || w.from > 0) out.push({ text: i > 0 ? ' … ' : '… ', mark: false });
    out.push(...parts(list.slice(first, last + 1)));
    if (i === chosen.length - 1 && w.to < words.length) out.push({ text: ' …', mark: false });
  }
  return parts(out.map((p) => ({ ...p, word: false })));
}
