import type { Deps } from '../../../platform/deps.js';
import { presentAddress } from '../../addresses/present.js';
import type { AddressDto } from '../../addresses/schemas.js';
import { getAddress } from '../../addresses/service.js';
import { addDays, today as localToday } from '../core/dates.js';
import { findSeasonOn, listBinTypes, listCollections, listSeasons, nextCollections } from '../core/service.js';
import type { BinType, Collection, Season } from '../core/types.js';
import { canReportMissed, lastMissedReportDay, missedLookbackDays } from './missed.js';
import { monthRange } from './month.js';

// The citizen's view of the Abfallkalender: one address's next dates, coming weeks, a month, the seasons of its
// feeds and PDFs, and the missed-collection offer.

export interface CalendarAddress {
  id: number;
  label: string;
  postcode: string;
}

/** How many days ahead the "coming dates" list reaches. */
export const upcomingDays = 42;

/** The address (throws not_found) as the pages name it. */
export async function getCalendarAddress(deps: Deps, addressId: number): Promise<CalendarAddress> {
  return calendarAddressOf(presentAddress(await getAddress(deps.db, deps.config.municipality.id, addressId)));
}

/** An address of the register as the calendar pages name it. */
export function calendarAddressOf(a: AddressDto): CalendarAddress {
  return { id: Number(a.id), label: a.label, postcode: a.postcode };
}

/** Today in the municipality. */
export function todayOf(deps: Deps): string {
  return localToday(deps.now(), deps.config.municipality.timeZone);
}

/** The bin type keys of a filter that exist; none (or none valid) means all. */
export function pickBinKeys(binTypes: BinType[], wanted: string[]): string[] {
  const known = new Set(binTypes.map((b) => b.key));
  return [...new Set(wanted.filter((k) => known.has(k)))];
}

export interface AddressCalendar {
  address: CalendarAddress;
  binTypes: BinType[];
  /** The chosen bin type keys; empty = all. */
  selected: string[];
  today: string;
  next: Collection[];
  upcoming: Collection[];
  month: string;
  monthCollections: Collection[];
  /** Seasons with dates still to come: the current one and the next, if published. */
  seasons: Season[];
  /** Collections whose missed-collection report is open now, with the last day to report. */
  missed: Array<{ collection: Collection; until: string }>;
}

/** Everything the address page shows. Throws not_found for an unknown address. */
export async function getAddressCalendar(
  deps: Deps,
  addressId: number,
  options: { month?: string; binKeys: string[] },
): Promise<AddressCalendar> {
  const m = deps.config.municipality;
  const address = await getCalendarAddress(deps, addressId);
  const binTypes = await listBinTypes(deps.db, m.id);
  const selected = pickBinKeys(binTypes, options.binKeys);
  const keys = selected.length > 0 ? selected : undefined;
  const today = todayOf(deps);
  const month = options.month ?? today.slice(0, 7);
  const [next, upcoming, monthCollections, recent, seasons] = await Promise.all([
    nextCollections(deps.db, m.id, addressId, today, keys),
    listCollections(deps.db, m.id, addressId, { from: today, to: addDays(today, upcomingDays), binTypeKeys: keys }),
    listCollections(deps.db, m.id, addressId, { ...monthRange(month), binTypeKeys: keys }),
    listCollections(deps.db, m.id, addressId, { from: addDays(today, -missedLookbackDays), to: today }),
    currentSeasons(deps, today),
  ]);
  const now = deps.now();
  const missed = recent
    .filter((c) => c.binType.kind === 'bin' && canReportMissed(c.date, now, m.timeZone, m.holidayRegion))
    .map((collection) => ({ collection, until: lastMissedReportDay(collection.date, m.holidayRegion) }));
  return { address, binTypes, selected, today, next, upcoming, month, monthCollections, seasons, missed };
}

/** The seasons not yet over on `today`: the current one and the next if it is published (at most two). */
export async function currentSeasons(deps: Deps, today: string): Promise<Season[]> {
  const seasons = await listSeasons(deps.db, deps.config.municipality.id);
  return seasons.filter((s) => s.endsOn >= today).slice(0, 2);
}

/** The season a PDF shows: the one named, else the one of today. Undefined when there is none. */
export async function findPrintSeason(deps: Deps, key: string | undefined): Promise<Season | undefined> {
  const m = deps.config.municipality.id;
  if (key) return (await listSeasons(deps.db, m)).find((s) => s.key === key);
  return findSeasonOn(deps.db, m, todayOf(deps));
}

/** The collections of a feed: the current season and the next (if published), chosen bin types. */
export async function listFeedCollections(deps: Deps, addressId: number, binKeys: string[]): Promise<Collection[]> {
  const m = deps.config.municipality.id;
  const seasons = await currentSeasons(deps, todayOf(deps));
  const first = seasons[0];
  const last = seasons[seasons.length - 1];
  if (!first || !last) return [];
  const keys = binKeys.length > 0 ? binKeys : undefined;
  return listCollections(deps.db, m, addressId, { from: first.startsOn, to: last.endsOn, binTypeKeys: keys });
}

/** The collections of one season at an address (the PDF). */
export async function listSeasonCollections(
  deps: Deps,
  addressId: number,
  season: Season,
  binKeys: string[],
): Promise<Collection[]> {
  const keys = binKeys.length > 0 ? binKeys : undefined;
  const range = { from: season.startsOn, to: season.endsOn, binTypeKeys: keys };
  // Where two seasons overlap, the dates of the other one are not this calendar's.
  return (await listCollections(deps.db, deps.config.municipality.id, addressId, range)).filter(
    (c) => c.seasonKey === season.key,
  );
}

/** The next collection per bin type at an address (start page, API). */
export async function listNextCollections(deps: Deps, addressId: number): Promise<Collection[]> {
  return nextCollections(deps.db, deps.config.municipality.id, addressId, todayOf(deps));
}

/** The saved addresses that still exist (an address removed from the register is skipped). */
export async function listSavedAddresses(deps: Deps, ids: number[]): Promise<CalendarAddress[]> {
  const found = await Promise.all(ids.map((id) => getCalendarAddress(deps, id).catch(() => undefined)));
  return found.filter((a): a is CalendarAddress => a !== undefined);
}

/** The start page's waste panel for the first saved address that exists, or undefined. */
export async function findStartPanel(
  deps: Deps,
  ids: number[],
): Promise<{ address: CalendarAddress; today: string; next: Collection[] } | undefined> {
  const [address] = await listSavedAddresses(deps, ids);
  if (!address) return undefined;
  return { address, today: todayOf(deps), next: await listNextCollections(deps, address.id) };
}
