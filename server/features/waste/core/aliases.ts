import type { BinType } from './types.js';

// How import files name bin types: the key, the name in any language, or a common word of German exports
// ("Gelbe Tonne", "Altpapier", "Restmüll"). Only bin types the municipality has are found.

const aliases: Record<string, string[]> = {
  restabfall: ['restmuell', 'restmull', 'restabfalltonne', 'graue tonne', 'schwarze tonne', 'hausmuell'],
  bioabfall: ['bio', 'biotonne', 'biomuell', 'braune tonne', 'gruene tonne', 'bioabfalltonne'],
  papier: ['altpapier', 'papiertonne', 'blaue tonne', 'papier/pappe', 'pappe'],
  wertstoff: ['wertstofftonne', 'gelbe tonne', 'gelber sack', 'verpackungen', 'leichtverpackungen'],
  sperrmuell: ['sperrgut'],
  schadstoffmobil: ['schadstoffe', 'schadstoffsammlung', 'problemabfall'],
};

/** Lower case, umlauts spelled out, spaces collapsed: "Gelbe  Tonne" → "gelbe tonne", "Restmüll" → "restmuell". */
export function binWord(s: string): string {
  return s
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A lookup from every name of a municipality's bin types to the bin type. */
export function binTypeLookup(binTypes: readonly BinType[]): (text: string) => BinType | undefined {
  const map = new Map<string, BinType>();
  for (const b of binTypes) {
    for (const word of [...(aliases[b.key] ?? []), ...Object.values(b.name), b.key]) map.set(binWord(word), b);
  }
  const memo = new Map<string, BinType | undefined>();
  return (text) => {
    const word = binWord(text);
    if (!memo.has(word)) memo.set(word, map.get(word) ?? containedName(map, word));
    return memo.get(word);
  };
}

/** "Abfuhr Restabfall" or "Restabfall (14-täglich)": the longest known name inside the text as a whole word. */
function containedName(map: Map<string, BinType>, word: string): BinType | undefined {
  const spaced = (w: string) => ` ${w.replace(/[^a-z0-9]+/g, ' ').trim()} `;
  const text = spaced(word);
  const found = [...map.entries()].filter(([w]) => text.includes(spaced(w)));
  found.sort((a, b) => b[0].length - a[0].length);
  return found[0]?.[1];
}
