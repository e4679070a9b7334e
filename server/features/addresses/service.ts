import { autocompleteMinChars, parseAddressQuery } from '../../../shared/address-normalize.js';
import type { Db, Queryable } from '../../platform/db.js';
import type { Deps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { addressCache } from './cache.js';
import {
  type DistrictGeometryRow,
  type DistrictRef,
  findDistrictIdsAt,
  listDistrictGeometries,
  listDistrictRefs,
} from './district-queries.js';
import { distanceMetres, metresPerDegree, rad } from './geo.js';
import {
  type AddressRow,
  anyAddress,
  findAddressById,
  findAddressByKey,
  listNearestAddresses,
  searchAddresses,
} from './queries.js';

export const searchLimit = { default: 10, max: 50 } as const;
/** KNN candidates fetched first (in degree space) before re-ranking them by metres. */
const firstCandidates = 16;
const maxCandidates = 1024;

/**
 * Addresses matching free text ("herforder str 22", "Jöllenbecker Straße 12a", "stapenhorst"): forgiving
 * spelling, umlauts either way, prefix while typing, typos by trigram similarity. Results are cached briefly.
 * Returns [] when the text holds no street.
 */
export async function searchAddressesByText(
  deps: Deps,
  municipalityId: string,
  text: string,
  limit: number = searchLimit.default,
): Promise<AddressRow[]> {
  const size = Math.min(Math.max(1, Math.trunc(limit)), searchLimit.max);
  const cache = addressCache(deps.db);
  const now = deps.now().getTime();
  // The same keystrokes arrive again and again: the raw text is a key of its own, so a repeat skips normalising.
  const rawKey = `r\u0000${municipalityId}\u0000${size}\u0000${text}`;
  const repeated = cache.get(rawKey, now) as AddressRow[] | undefined;
  if (repeated) return repeated;
  const q = parseAddressQuery(text);
  if (q.key.length === 0) return [];
  const cacheKey = `s\u0000${municipalityId}\u0000${q.key}\u0000${q.houseNumber ?? ''}\u0000${q.houseNumberTo ?? ''}\u0000${q.suffix}\u0000${size}`;
  const cached = cache.get(cacheKey, now) as AddressRow[] | undefined;
  if (cached) {
    cache.set(rawKey, cached, now);
    return cached;
  }
  const rows = await searchAddresses(deps.db, {
    municipalityId,
    key: q.key,
    houseNumber: q.houseNumber ?? null,
    houseNumberTo: q.houseNumberTo ?? null,
    suffix: q.suffix,
    fuzzy: q.key.length >= autocompleteMinChars,
    limit: size,
  });
  cache.set(cacheKey, rows, now);
  cache.set(rawKey, rows, now);
  return rows;
}

/** True when the municipality has at least one address. */
export async function hasAddresses(db: Queryable, municipalityId: string): Promise<boolean> {
  return anyAddress(db, municipalityId);
}

/** Forgets cached searches and districts, after the register changed outside the import functions' own commit. */
export function forgetCachedAddresses(db: Db): void {
  addressCache(db).clear();
}

/** The exact address written in `text` (street, number and suffix must all match), or undefined. */
export async function findAddressByText(
  db: Queryable,
  municipalityId: string,
  text: string,
): Promise<AddressRow | undefined> {
  const q = parseAddressQuery(text);
  if (!q.key || q.houseNumber === undefined) return undefined;
  return findAddressByKey(db, municipalityId, q.key, q.houseNumber, q.suffix);
}

/** The address with this id. Throws not_found. */
export async function getAddress(db: Queryable, municipalityId: string, id: number): Promise<AddressRow> {
  const row = await findAddressById(db, municipalityId, id);
  if (!row) throw new AppError('not_found', 'No address with this id');
  return row;
}

/** The district containing the point, null when the municipality has no districts at all, undefined outside. */
export async function findDistrictAt(
  db: Queryable,
  municipalityId: string,
  lat: number,
  lon: number,
): Promise<DistrictRef | null | undefined> {
  const districts = await listDistrictRefs(db, municipalityId);
  if (districts.length === 0) return null;
  const [id] = await findDistrictIdsAt(db, municipalityId, [lat], [lon]);
  return districts.find((d) => d.id === id);
}

/**
 * Throws validation_failed when the point lies outside every district of the municipality (modules that take
 * a position — defect reports, map pickers — call this). Returns the district, or null when none are defined.
 */
export async function assertInsideMunicipality(
  db: Queryable,
  municipality: { id: string; name: string },
  lat: number,
  lon: number,
): Promise<DistrictRef | null> {
  const district = await findDistrictAt(db, municipality.id, lat, lon);
  if (district === undefined) {
    const message = `The point lies outside ${municipality.name}`;
    throw new AppError('validation_failed', message, { lat: message, lon: message });
  }
  return district;
}

export interface NearestAddress {
  address: AddressRow;
  distanceMetres: number;
}

/**
 * The address nearest to a point, with its distance in metres. Throws validation_failed when the point lies
 * outside the municipality, not_found when the register is empty.
 */
export async function findNearestAddress(
  deps: Deps,
  municipality: { id: string; name: string },
  lat: number,
  lon: number,
): Promise<NearestAddress> {
  await assertInsideMunicipality(deps.db, municipality, lat, lon);
  // The index orders by distance in degrees, where a degree of longitude is shorter (in metres) than one of
  // latitude. Every address beyond the k-th candidate is at least that candidate's degree distance away, i.e.
  // at least degree distance × metres per degree × cos(latitude) metres: once the best candidate is nearer
  // than that bound it is the true nearest; otherwise fetch more candidates.
  for (let k = firstCandidates; ; k *= 4) {
    const candidates = await listNearestAddresses(deps.db, municipality.id, lat, lon, k);
    let best: NearestAddress | undefined;
    for (const address of candidates) {
      const d = distanceMetres(lat, lon, address.lat, address.lon);
      if (!best || d < best.distanceMetres) best = { address, distanceMetres: d };
    }
    if (!best) throw new AppError('not_found', 'The address register is empty');
    // The candidates are the k nearest in degrees; the farthest of them bounds everything not fetched.
    const farthest = Math.max(...candidates.map((a) => Math.hypot(a.lat - lat, a.lon - lon)));
    const bound = farthest * metresPerDegree * Math.cos(rad(Math.abs(lat) + 1));
    if (candidates.length < k || best.distanceMetres <= bound || k >= maxCandidates) return best;
  }
}

/** Every district with its GeoJSON geometry (cached briefly, like the search). */
export async function listDistricts(deps: Deps, municipalityId: string): Promise<DistrictGeometryRow[]> {
  const cache = addressCache(deps.db);
  const key = `d\u0000${municipalityId}`;
  const now = deps.now().getTime();
  const cached = cache.get(key, now) as DistrictGeometryRow[] | undefined;
  if (cached) return cached;
  const rows = await listDistrictGeometries(deps.db, municipalityId);
  cache.set(key, rows, now);
  return rows;
}
