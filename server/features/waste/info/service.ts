import { readFileSync } from 'node:fs';
import { slugify } from '../../../../shared/formats.js';
import { resolveFromRoot } from '../../../platform/config.js';
import type { Deps } from '../../../platform/deps.js';
import { type Disposal, isDisposal } from './disposal.js';
import { isOpenAt } from './opening-hours.js';
import {
  type AbcItemRow,
  listAbcItems,
  listRecyclingCentres,
  type RecyclingCentreRow,
  searchAbcItems,
  upsertAbcItems,
  upsertRecyclingCentres,
} from './queries.js';

// From the source tree also when running the compiled server (dist/ has no data files).
const dataDir = resolveFromRoot('server', 'features', 'waste', 'info', 'data');

export interface AbcItem {
  key: string;
  name: Record<string, string>;
  synonyms: string[];
  disposal: Disposal;
}

/** Below this pg_trgm word similarity a name is no match ("Kühlschrnk" still finds "Kühlschrank"). */
const similarityThreshold = 0.45;
export const abcQueryMaxLength = 80;

const toItem = (r: AbcItemRow): AbcItem => ({ ...r, disposal: isDisposal(r.disposal) ? r.disposal : 'restabfall' });

/** The search form's text as the index holds it: lower case, single spaces. */
export function normaliseAbcQuery(q: string): string {
  return q.toLocaleLowerCase('de-DE').replace(/\s+/g, ' ').trim().slice(0, abcQueryMaxLength);
}

/** Abfall-ABC items matching a query (names, synonyms; typo-tolerant), best first. */
export async function searchAbc(deps: Deps, municipalityId: string, q: string, limit = 30): Promise<AbcItem[]> {
  const query = normaliseAbcQuery(q);
  if (query.length < 2) return [];
  return (await searchAbcItems(deps.db, municipalityId, query, similarityThreshold, limit)).map(toItem);
}

/** Every Abfall-ABC item, by name. */
export async function listAbc(deps: Deps, municipalityId: string): Promise<AbcItem[]> {
  return (await listAbcItems(deps.db, municipalityId)).map(toItem);
}

export interface RecyclingCentre extends RecyclingCentreRow {
  openNow: boolean;
}

/** The Wertstoffhöfe with "open now" computed on the municipality's clock (closed on public holidays). */
export async function listRecyclingCentresNow(deps: Deps, municipalityId: string): Promise<RecyclingCentre[]> {
  const m = deps.config.municipality;
  const now = deps.now();
  const rows = await listRecyclingCentres(deps.db, municipalityId);
  return rows.map((r) => ({ ...r, openNow: isOpenAt(r.hours, now, m.timeZone, m.holidayRegion) }));
}

type AbcFileRow = [de: string, en: string, disposal: string, synonyms: string];

/** The Abfall-ABC items of a data file (data/abc.json format), ready to store. */
export function readAbcFile(json: string) {
  const rows = (JSON.parse(json) as { items: AbcFileRow[] }).items;
  return rows.map(([de, en, disposal, synonyms]) => {
    if (!isDisposal(disposal)) throw new Error(`unknown disposal ${disposal} for ${de}`);
    const list = synonyms ? synonyms.split('|') : [];
    return {
      key: slugify(de, 80),
      name: { de, en },
      synonyms: list,
      disposal,
      searchText: normaliseAbcQuery([de, en, ...list].join(' ')),
    };
  });
}

/** Loads the Bielefeld Abfall-ABC and Wertstoffhöfe for a municipality (idempotent: upserts by key). */
export async function seedWasteInfoDemo(deps: Deps, municipalityId = deps.config.municipality.id): Promise<void> {
  const items = readAbcFile(readFileSync(`${dataDir}/abc.json`, 'utf8'));
  const centres = JSON.parse(readFileSync(`${dataDir}/recycling-centres.json`, 'utf8')) as RecyclingCentreRow[];
  await deps.db.transaction(async (tx) => {
    await upsertAbcItems(tx, municipalityId, items);
    await upsertRecyclingCentres(tx, municipalityId, centres);
  });
}
