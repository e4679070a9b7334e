import type { Queryable } from '../../../platform/db.js';
import { type BinTypeRow, selectBinTypes } from './bin-types-queries.js';
import { type CollectionRow, selectCollections, selectNextCollections } from './collections-queries.js';
import { addDays } from './dates.js';
import { selectSeasonOn, selectSeasons } from './seasons-queries.js';
import type { BinType, Collection, Season } from './types.js';

// The read API of the Abfallkalender: what the citizen pages, iCal, PDF, reminders and the bench use.

const toBinType = (r: BinTypeRow): BinType => ({
  id: r.id,
  key: r.key,
  kind: r.kind,
  name: r.name,
  colour: r.colour,
  sort: r.sort,
});

const toCollection = (r: CollectionRow): Collection => ({
  date: r.date,
  binType: {
    id: r.binTypeId,
    key: r.binTypeKey,
    kind: r.kind,
    name: r.name,
    colour: r.colour,
    sort: r.sort,
  },
  shiftedFrom: r.shiftedFrom,
  note: r.note,
  routeKey: r.routeKey,
  seasonKey: r.seasonKey,
});

/** The municipality's bin types and events in display order (empty when it has none). */
export async function listBinTypes(db: Queryable, municipalityId: string): Promise<BinType[]> {
  return (await selectBinTypes(db, municipalityId)).map(toBinType);
}

/** The municipality's seasons, oldest first. */
export function listSeasons(db: Queryable, municipalityId: string): Promise<Season[]> {
  return selectSeasons(db, municipalityId);
}

/** The season covering a calendar day (the later one where two overlap), or undefined. */
export function findSeasonOn(db: Queryable, municipalityId: string, date: string): Promise<Season | undefined> {
  return selectSeasonOn(db, municipalityId, date);
}

export interface CollectionQuery {
  /** First day, 'YYYY-MM-DD', included. */
  from: string;
  /** Last day, included. */
  to: string;
  /** Only these bin types (keys); all when absent. */
  binTypeKeys?: readonly string[] | undefined;
}

/**
 * The collections at an address in a date range, sorted by date, then bin type order. An address without a route
 * for a bin type simply has no dates of it; an unknown address has none at all (no error). One indexed query.
 */
export async function listCollections(
  db: Queryable,
  municipalityId: string,
  addressId: number,
  query: CollectionQuery,
): Promise<Collection[]> {
  return (await selectCollections(db, municipalityId, addressId, query)).map(toCollection);
}

// How far ahead "next" looks: beyond the next season nothing is published.
const nextHorizonDays = 400;

/**
 * The next collection per bin type at an address, sorted by date then bin type order. `today` counts: a collection
 * today stays "next" for the whole day. Bin types without a coming date are left out.
 */
export async function nextCollections(
  db: Queryable,
  municipalityId: string,
  addressId: number,
  today: string,
  binTypeKeys?: readonly string[],
): Promise<Collection[]> {
  const range = { from: today, to: addDays(today, nextHorizonDays), binTypeKeys };
  return (await selectNextCollections(db, municipalityId, addressId, range)).map(toCollection);
}
