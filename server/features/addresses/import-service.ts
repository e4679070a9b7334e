import { streetKey } from '../../../shared/address-normalize.js';
import type { Queryable } from '../../platform/db.js';
import type { Deps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { type AuditActor, recordAudit } from '../audit/service.js';
import { addressCache } from './cache.js';
import { type AddressCsvRow, parseAddressCsv, throwIfInvalid } from './csv.js';
import { type DistrictRef, findDistrictIdsAt, listDistrictRefs, upsertDistricts } from './district-queries.js';
import { parseDistrictsGeoJson } from './geojson.js';
import { type AddressInsert, analyzeAddressTables, refreshStreets, upsertAddresses } from './queries.js';

/** Rows per INSERT statement: large enough to be fast, small enough for PGlite's memory and parameter sizes. */
const batchSize = 2000;

export interface ImportOptions {
  municipalityId: string;
  /** 'demo' for the demo seed, 'import' for operators' files. */
  source: 'demo' | 'import';
  actor: AuditActor;
}

export interface AddressImportResult {
  total: number;
  inserted: number;
  updated: number;
  unchanged: number;
  /** Rows whose district was found from the coordinates (empty district column). */
  districtsFromCoordinates: number;
}

export interface DistrictImportResult {
  total: number;
  inserted: number;
  updated: number;
  unchanged: number;
}

/** Resolves the district column (key or name, any spelling) or, when empty, the district containing the point. */
async function resolveDistricts(
  tx: Queryable,
  municipalityId: string,
  rows: AddressCsvRow[],
  errors: Map<number, string[]>,
): Promise<{ ids: (number | null)[]; fromCoordinates: number }> {
  const districts = await listDistrictRefs(tx, municipalityId);
  const byName = new Map<string, DistrictRef>();
  for (const d of districts) {
    byName.set(d.key.toLowerCase(), d);
    byName.set(streetKey(d.name), d);
  }
  const ids: (number | null)[] = rows.map(() => null);
  const locate: number[] = [];
  rows.forEach((row, i) => {
    if (row.district) {
      const d = byName.get(row.district.toLowerCase()) ?? byName.get(streetKey(row.district));
      if (d) ids[i] = d.id;
      else if (districts.length === 0)
        errors.set(row.line, ['district: no districts are defined yet; import them first']);
      else errors.set(row.line, [`district: "${row.district}" is not a district of this municipality`]);
    } else if (districts.length > 0) locate.push(i);
  });
  const found = await findDistrictIdsAt(
    tx,
    municipalityId,
    locate.map((i) => (rows[i] as AddressCsvRow).lat),
    locate.map((i) => (rows[i] as AddressCsvRow).lon),
  );
  locate.forEach((rowIndex, j) => {
    const id = found[j] ?? null;
    const row = rows[rowIndex] as AddressCsvRow;
    if (id === null) errors.set(row.line, ['lat/lon: the point lies outside every district of the municipality']);
    else ids[rowIndex] = id;
  });
  return { ids, fromCoordinates: locate.length };
}

/**
 * Imports an address file inside the caller's transaction: validates every row (throws validation_failed
 * listing the lines, before anything is written), upserts in batches on street + number + suffix, rebuilds
 * the street list and records an audit entry with the counts.
 */
export async function importAddressesInTx(
  tx: Queryable,
  deps: Pick<Deps, 'db' | 'now'>,
  file: string | Buffer,
  options: ImportOptions,
): Promise<AddressImportResult> {
  const { rows, errors } = parseAddressCsv(file);
  const total = rows.length + errors.size;
  if (total === 0) {
    throw new AppError('validation_failed', 'The file contains no addresses', { 'line 1': 'no data rows' });
  }
  const { ids, fromCoordinates } = await resolveDistricts(tx, options.municipalityId, rows, errors);
  throwIfInvalid(errors, total);
  const now = deps.now();
  let inserted = 0;
  let updated = 0;
  for (let start = 0; start < rows.length; start += batchSize) {
    const batch: AddressInsert[] = rows.slice(start, start + batchSize).map((r, i) => ({
      street: r.street,
      streetKey: r.streetKey,
      houseNumber: r.houseNumber,
      suffix: r.suffix,
      postcode: r.postcode,
      districtId: ids[start + i] ?? null,
      lat: r.lat,
      lon: r.lon,
    }));
    const counts = await upsertAddresses(tx, options.municipalityId, options.source, now, batch);
    inserted += counts.inserted;
    updated += counts.updated;
  }
  await refreshStreets(tx, options.municipalityId);
  await analyzeAddressTables(tx);
  const result = {
    total,
    inserted,
    updated,
    unchanged: total - inserted - updated,
    districtsFromCoordinates: fromCoordinates,
  };
  await recordAudit(tx, {
    municipalityId: options.municipalityId,
    actor: options.actor,
    action: 'addresses.import',
    entityType: 'address',
    after: { source: options.source, ...result },
    at: now,
  });
  addressCache(deps.db).clear();
  return result;
}

/** Imports an address file all-or-nothing in one transaction. See importAddressesInTx. */
export async function importAddresses(
  deps: Deps,
  file: string | Buffer,
  options: ImportOptions,
): Promise<AddressImportResult> {
  const result = await deps.db.transaction((tx) => importAddressesInTx(tx, deps, file, options));
  addressCache(deps.db).clear(); // again after commit: a search between clear and commit may have cached old rows
  return result;
}

/**
 * Imports districts from a GeoJSON FeatureCollection inside the caller's transaction: validates every
 * feature first (throws validation_failed), upserts by key, records an audit entry with the counts.
 */
export async function importDistrictsInTx(
  tx: Queryable,
  deps: Pick<Deps, 'db' | 'now'>,
  file: string | Buffer,
  options: Omit<ImportOptions, 'source'>,
): Promise<DistrictImportResult> {
  const districts = parseDistrictsGeoJson(file);
  const now = deps.now();
  const { inserted, updated } = await upsertDistricts(tx, options.municipalityId, now, districts);
  const result = { total: districts.length, inserted, updated, unchanged: districts.length - inserted - updated };
  await recordAudit(tx, {
    municipalityId: options.municipalityId,
    actor: options.actor,
    action: 'districts.import',
    entityType: 'district',
    after: result,
    at: now,
  });
  addressCache(deps.db).clear();
  return result;
}

/** Imports districts all-or-nothing in one transaction. See importDistrictsInTx. */
export async function importDistricts(
  deps: Deps,
  file: string | Buffer,
  options: Omit<ImportOptions, 'source'>,
): Promise<DistrictImportResult> {
  const result = await deps.db.transaction((tx) => importDistrictsInTx(tx, deps, file, options));
  addressCache(deps.db).clear();
  return result;
}
