import { afterCommit, type Queryable } from '../../../platform/db.js';
import type { Deps } from '../../../platform/deps.js';
import { notFound } from '../../../platform/errors.js';
import { invalidateResponses } from '../../../platform/http/response-cache.js';
import type { FacilityRow } from './facilities-queries.js';
import { selectFacilities } from './facilities-queries.js';
import { upsertHistoryBucket } from './history-queries.js';
import {
  type ReadingRow,
  selectFacilitiesWithReadings,
  selectLatestObserved,
  upsertReading,
} from './readings-queries.js';
import { bucketOf, type LiveState, liveStateOf, type ParkingStatus, type Trend, trendOf } from './statuses.js';

export type { FacilityRow, ReadingRow };

/** Cache tag of the parking pages and open data (forgotten on every accepted reading and facility change). */
export const parkingCacheTag = (municipalityId: string) => `parking:${municipalityId}`;

/** Forgets the cached parking answers (and the start page) once the transaction has committed. */
export function forgetCachedParking(tx: Queryable, municipalityId: string): void {
  afterCommit(tx, () => {
    invalidateResponses(parkingCacheTag(municipalityId));
    invalidateResponses(`pages:${municipalityId}`);
  });
}

/** A facility as citizens and open data see it now: its reading only counts while it is live. */
export interface FacilityState {
  facility: FacilityRow;
  reading: ReadingRow | null;
  live: LiveState;
  /** Free spaces while live, else null ("keine aktuellen Daten"). */
  free: number | null;
  status: ParkingStatus | null;
  trend: Trend | null;
}

function stateOf(row: Awaited<ReturnType<typeof selectFacilitiesWithReadings>>[number], now: Date): FacilityState {
  const live = liveStateOf(row.reading?.observedAt, now);
  const current = live === 'live' && row.reading ? row.reading : null;
  return {
    facility: row.facility,
    reading: row.reading,
    live,
    free: current ? Math.min(current.free, row.facility.capacity) : null,
    status: current?.status ?? null,
    trend: current ? trendOf(current.free, row.freeBefore, row.facility.capacity) : null,
  };
}

/** Every facility with its state at deps.now(), by name. */
export async function listFacilityStates(deps: Deps): Promise<FacilityState[]> {
  const rows = await selectFacilitiesWithReadings(deps.db, deps.config.municipality.id);
  const now = deps.now();
  return rows.map((r) => stateOf(r, now));
}

/** One facility's state; throws not_found. */
export async function getFacilityState(deps: Deps, id: number): Promise<FacilityState> {
  const [row] = await selectFacilitiesWithReadings(deps.db, deps.config.municipality.id, id);
  if (!row) throw notFound('Parking facility');
  return stateOf(row, deps.now());
}

/** A reading as an adapter parsed it, keyed by the facility's ref; `total` when the feed states one. */
export interface FeedReading {
  ref: string;
  free: number;
  total?: number;
  status?: ParkingStatus;
  observedAt: Date;
}

export const rejectReasons = [
  'unknown_facility',
  'negative',
  'free_above_total',
  'future_timestamp',
  'not_newer',
  'invalid',
] as const;
export type RejectReason = (typeof rejectReasons)[number];

export interface RecordResult {
  accepted: number;
  rejected: { ref: string; reason: RejectReason }[];
}

// A feed server's clock may run a little ahead; beyond this a timestamp is a lie.
const futureToleranceMs = 2 * 60_000;

/** Why a reading is refused for its facility, or undefined when it is plausible. */
export function rejectReasonOf(r: FeedReading, f: FacilityRow | undefined, now: Date): RejectReason | undefined {
  if (!f) return 'unknown_facility';
  if (!Number.isInteger(r.free) || Number.isNaN(r.observedAt.getTime())) return 'invalid';
  if (r.free < 0 || (r.total !== undefined && r.total < 0)) return 'negative';
  if (r.free > (r.total ?? f.capacity) || r.free > f.capacity) return 'free_above_total';
  if (r.observedAt.getTime() > now.getTime() + futureToleranceMs) return 'future_timestamp';
  return undefined;
}

/**
 * Stores the plausible readings of one feed (latest reading and the history bucket) in one transaction; refuses per
 * facility what is unknown, lying (negative, more free than total, from the future) or not newer than what we have.
 */
export async function recordReadings(deps: Deps, readings: FeedReading[], source: string): Promise<RecordResult> {
  const m = deps.config.municipality.id;
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const byRef = new Map((await selectFacilities(tx, m)).map((f) => [f.ref, f]));
    const ids = [...byRef.values()].map((f) => f.id);
    const latest = await selectLatestObserved(tx, ids);
    const result: RecordResult = { accepted: 0, rejected: [] };
    for (const r of readings) {
      const f = byRef.get(r.ref);
      let reason = rejectReasonOf(r, f, now);
      const before = f ? latest.get(f.id) : undefined;
      if (!reason && before && before.getTime() >= r.observedAt.getTime()) reason = 'not_newer';
      if (reason || !f) {
        result.rejected.push({ ref: r.ref, reason: reason ?? 'unknown_facility' });
        continue;
      }
      const status: ParkingStatus = r.status ?? (r.free === 0 ? 'full' : 'open');
      await upsertReading(tx, f.id, { free: r.free, status, observedAt: r.observedAt, source, receivedAt: now });
      await upsertHistoryBucket(tx, f.id, {
        bucket: bucketOf(r.observedAt),
        free: r.free,
        capacity: f.capacity,
        status,
      });
      latest.set(f.id, r.observedAt);
      result.accepted++;
    }
    if (result.accepted > 0) forgetCachedParking(tx, m);
    return result;
  });
}
