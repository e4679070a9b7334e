// From what a citizen types to what the database searches: words (letters and digits only, so nothing of the
// input reaches the tsquery syntax), each as a prefix ("perso" finds "Personalausweis"), with the common synonyms
// below as alternatives. Documents carry their own synonyms as keywords; this list is for words people use
// everywhere.

/** Longest query the search accepts (characters). */
export const searchQueryMaxLength = 100;
/** More words than this are ignored (each adds an AND to the query). */
const maxWords = 8;

/** Common words for things the city's content names otherwise: word → what to search for as well. */
export const globalSynonyms: Readonly<Record<string, readonly string[]>> = {
  perso: ['personalausweis'],
  ausweis: ['personalausweis'],
  pass: ['reisepass'],
  kfz: ['fahrzeug', 'kraftfahrzeug'],
  auto: ['fahrzeug', 'kraftfahrzeug'],
  karre: ['fahrzeug'],
  nummernschild: ['kennzeichen'],
  führerschein: ['fahrerlaubnis'],
  fuehrerschein: ['fahrerlaubnis'],
  müll: ['abfall'],
  muell: ['abfall'],
  mull: ['abfall'],
  knöllchen: ['verwarnungsgeld'],
  strafzettel: ['verwarnungsgeld'],
  umzug: ['ummeldung', 'anmeldung'],
  umziehen: ['ummeldung', 'anmeldung'],
  wohnsitz: ['anmeldung'],
  hochzeit: ['eheschließung'],
  heiraten: ['eheschließung'],
  kita: ['kindertagesstätte', 'kindertagesbetreuung'],
  schlagloch: ['straßenschaden'],
  bürgeramt: ['bürgerservicecenter', 'bürgerberatung'],
  buergeramt: ['bürgerservicecenter', 'bürgerberatung'],
  einbürgern: ['einbürgerung'],
  staatsangehörigkeit: ['einbürgerung'],
  sperrgut: ['sperrmüll'],
  wertstoffhof: ['recyclinghof'],
  recyclinghof: ['wertstoffhof'],
  id: ['personalausweis'],
  passport: ['reisepass'],
};

/** The words of a query: lower case, letters and digits only, at most `maxWords`. */
export function queryWords(q: string): string[] {
  const words = q
    .slice(0, searchQueryMaxLength)
    .toLocaleLowerCase('de-DE')
    .match(/[\p{L}\p{N}]+/gu);
  return [...new Set(words ?? [])].slice(0, maxWords);
}

/** The query text as shown and compared by trigram: the words, single-spaced. */
export function normaliseQuery(q: string): string {
  return queryWords(q).join(' ');
}

const variantsOf = (word: string): string[] => [word, ...(globalSynonyms[word] ?? [])];

/**
 * A to_tsquery text for the words: every word (or one of its synonyms) must occur; each as a prefix. Synonyms of
 * several words ("eheschließung") are searched as phrases of their stems. Empty when there are no words.
 */
export function toTsQueryText(words: readonly string[]): string {
  return words
    .map((word) => {
      const alternatives = variantsOf(word).map((v) => {
        const parts = v.match(/[\p{L}\p{N}]+/gu) ?? [];
        return parts.length === 1 ? `${parts[0]}:*` : `(${parts.join(' <-> ')})`;
      });
      return alternatives.length === 1 ? alternatives[0] : `(${alternatives.join(' | ')})`;
    })
    .join(' & ');
}
