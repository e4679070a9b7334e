import type { Language } from '../../../platform/i18n.js';
import type { BinType } from '../core/types.js';

/** A bin type's name in a language (German when it has none in it). */
export function binName(b: BinType, lang: Language): string {
  return b.name[lang] ?? b.name.de;
}

/**
 * Short marks for tables and print ("R" Restabfall, "B" Bioabfall …), unique per list: the first letter, or more
 * letters where two names begin alike. Always shown with a legend, never alone.
 */
export function binAbbreviations(binTypes: BinType[], lang: Language): Map<string, string> {
  const out = new Map<string, string>();
  const used = new Set<string>();
  for (const b of binTypes) {
    const name = binName(b, lang);
    let length = 1;
    let mark = name.slice(0, length).toUpperCase();
    while (used.has(mark) && length < name.length) {
      length++;
      mark = name.charAt(0).toUpperCase() + name.slice(1, length).toLowerCase();
    }
    used.add(mark);
    out.set(b.key, mark);
  }
  return out;
}
