import type { Deps } from '../../platform/deps.js';
import { i18nFor } from '../../platform/i18n.js';
import { listAbc } from '../waste/info/service.js';
import { replaceDocuments, type SearchDocument } from './documents.js';

// Content that has no editor of its own to index it on change: the Abfall-ABC (loaded by the waste import and the
// demo seed) and the app's fixed pages (their texts are in the locales). Re-indexed as a whole, at start after the
// demo seed and daily, so a new release's texts are found by the next morning at the latest.

/** The app's fixed pages: path, i18n keys of title and summary, and words people search for them with. */
const staticPages = [
  {
    ref: 'abfallkalender',
    url: '/abfall',
    title: 'search.pages.calendar.title',
    summary: 'search.pages.calendar.summary',
    keywords: ['Müllabfuhr', 'Abfuhrtermine', 'Müllkalender', 'Tonne', 'Restmüll', 'Biotonne', 'Gelbe Tonne'],
  },
  {
    ref: 'maengelmelder',
    url: '/melden',
    title: 'search.pages.reports.title',
    summary: 'search.pages.reports.summary',
    keywords: ['Mangel melden', 'Schlagloch', 'Straßenlaterne', 'wilder Müll', 'Schaden melden'],
  },
  {
    ref: 'sperrmuell',
    url: '/abfall/sperrmuell',
    title: 'search.pages.bulky.title',
    summary: 'search.pages.bulky.summary',
    keywords: ['Sperrgut', 'Sperrmüllabholung', 'Möbel', 'Elektrogeräte'],
  },
  {
    ref: 'wertstoffhoefe',
    url: '/abfall/wertstoffhoefe',
    title: 'search.pages.centres.title',
    summary: 'search.pages.centres.summary',
    keywords: ['Recyclinghof', 'Wertstoffhof', 'Grünschnitt', 'Bauschutt'],
  },
  {
    ref: 'leichte-sprache',
    url: '/leichte-sprache',
    title: 'home.easy.title',
    summary: 'search.pages.easy.summary',
    keywords: ['einfache Sprache', 'Easy Read'],
  },
  {
    ref: 'gebaerdensprache',
    url: '/gebaerdensprache',
    title: 'home.sign.title',
    summary: 'search.pages.sign.summary',
    keywords: ['DGS', 'gehörlos', 'schwerhörig', 'Sign Language'],
  },
  {
    ref: 'barrierefreiheit',
    url: '/barrierefreiheit',
    title: 'legal.accessibility.title',
    summary: 'search.pages.accessibility.summary',
    keywords: ['barrierefrei', 'Barriere melden', 'Accessibility'],
  },
  {
    ref: 'impressum',
    url: '/impressum',
    title: 'legal.imprint.title',
    summary: 'search.pages.imprint.summary',
    keywords: ['Anbieterkennzeichnung', 'Herausgeber', 'Imprint'],
  },
  {
    ref: 'datenschutz',
    url: '/datenschutz',
    title: 'legal.privacy.title',
    summary: 'search.pages.privacy.summary',
    keywords: ['DSGVO', 'Datenschutzerklärung', 'Cookies', 'Privacy'],
  },
] as const;

export interface ReindexResult {
  pages: number;
  wasteItems: number;
}

/** The search documents of the fixed pages, in German and English. */
export function staticPageDocuments(deps: Deps): SearchDocument[] {
  const tz = deps.config.municipality.timeZone;
  const de = i18nFor('de', tz).t;
  const en = i18nFor('en', tz).t;
  const updatedAt = deps.now();
  return staticPages.map((p) => ({
    kind: 'page',
    ref: p.ref,
    url: p.url,
    title: { de: de(p.title), en: en(p.title) },
    summary: { de: de(p.summary), en: en(p.summary) },
    keywords: [...p.keywords],
    updatedAt,
  }));
}

/** The search documents of the Abfall-ABC: each item with its bin in words, found by its synonyms too. */
export async function wasteItemDocuments(deps: Deps, municipalityId: string): Promise<SearchDocument[]> {
  const tz = deps.config.municipality.timeZone;
  const de = i18nFor('de', tz).t;
  const en = i18nFor('en', tz).t;
  const updatedAt = deps.now();
  return (await listAbc(deps, municipalityId)).map((item) => {
    const name = item.name.de ?? item.key;
    const disposal = `waste-citizen.disposal.${item.disposal}`;
    return {
      kind: 'waste-item',
      ref: item.key,
      url: `/abfall/abc?q=${encodeURIComponent(name)}`,
      title: { de: name, en: item.name.en || null },
      summary: {
        de: de('search.wasteItem.summary', { disposal: de(disposal) }),
        en: en('search.wasteItem.summary', { disposal: en(disposal) }),
      },
      keywords: item.synonyms,
      updatedAt,
    };
  });
}

/** Makes the indexed fixed pages and Abfall-ABC items of the municipality exactly the current ones. */
export async function reindexSearch(deps: Deps, municipalityId = deps.config.municipality.id): Promise<ReindexResult> {
  const pages = staticPageDocuments(deps);
  const wasteItems = await wasteItemDocuments(deps, municipalityId);
  await deps.db.transaction(async (tx) => {
    await replaceDocuments(tx, municipalityId, 'page', pages);
    await replaceDocuments(tx, municipalityId, 'waste-item', wasteItems);
  });
  return { pages: pages.length, wasteItems: wasteItems.length };
}
