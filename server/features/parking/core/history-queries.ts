import type { Queryable } from '../../../platform/db.js';
import type { ParkingStatus } from './statuses.js';

// The one owner of parking_history (one row per facility and 5-minute bucket): SQL only, no rules.

export interface HistoryPoint {
  bucket: Date;
  free: number;
  capacity: number;
  status: ParkingStatus;
}

/** Writes a bucket; a later reading in the same bucket replaces the earlier one. */
export async function upsertHistoryBucket(tx: Queryable, facilityId: number, p: HistoryPoint): Promise<void> {
  await tx.query(
    `INSERT INTO parking_history (facility_id, bucket, free, capacity, status) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (facility_id, bucket) DO UPDATE SET free = EXCLUDED.free, capacity = EXCLUDED.capacity,
       status = EXCLUDED.status`,
    [facilityId, p.bucket, p.free, p.capacity, p.status],
  );
}

/** Many buckets at once (the demo history, the bench): one statement per call. */
export async function insertHistoryPoints(
  tx: Queryable,
  points: { facilityId: number; bucket: Date; free: number; capacity: number; status: ParkingStatus }[],
): Promise<void> {
  if (points.length === 0) return;
  await tx.query(
    `INSERT INTO parking_history (facility_id, bucket, free, capacity, status)
     SELECT * FROM unnest($1::bigint[], $2::timestamptz[], $3::int[], $4::int[], $5::text[])
     ON CONFLICT (facility_id, bucket) DO NOTHING`,
    [
      points.map((p) => p.facilityId),
      points.map((p) => p.bucket),
      points.map((p) => p.free),
      points.map((p) => p.capacity),
      points.map((p) => p.status),
    ],
  );
}

/** A facility's buckets in [from, to), oldest first. */
export async function selectHistory(db: Queryable, facilityId: number, from: Date, to: Date): Promise<HistoryPoint[]> {
  const { rows } = await db.query<HistoryPoint>(
    `SELECT bucket, free, capacity, status FROM parking_history
      WHERE facility_id = $1 AND bucket >= $2 AND bucket < $3 ORDER BY bucket`,
    [facilityId, from, to],
  );
  return rows;
}

/** Every facility's buckets of the municipality in [from, to), by facility and time (the monthly CSV). */
export async function selectMunicipalityHistory(db: Queryable, municipalityId: string, from: Date, to: Date) {
  const { rows } = await db.query<HistoryPoint & { ref: string; name: string }>(
    `SELECT f.ref, f.name, h.bucket, h.free, h.capacity, h.status
       FROM parking_history h JOIN parking_facilities f ON f.id = h.facility_id
      WHERE f.municipality_id = $1 AND h.bucket >= $2 AND h.bucket < $3 ORDER BY f.ref, h.bucket`,
    [municipalityId, from, to],
  );
  return rows;
}

/** Deletes at most `limit` buckets older than `before` of the municipality; answers how many. */
export async function deleteHistoryBefore(tx: Queryable, municipalityId: string, before: Date, limit: number) {
  const { rowCount } = await tx.query(
    `DELETE FROM parking_history WHERE (facility_id, bucket) IN (
       SELECT h.facility_id, h.bucket FROM parking_history h JOIN parking_facilities f ON f.id = h.facility_id
        WHERE f.municipality_id = $1 AND h.bucket < $2 LIMIT $3)`,
    [municipalityId, before, limit],
  );
  return rowCount;
}

/** How many buckets older than `before` the municipality has (the purge's dry run). */
export async function countHistoryBefore(db: Queryable, municipalityId: string, before: Date): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM parking_history h JOIN parking_facilities f ON f.id = h.facility_id
      WHERE f.municipality_id = $1 AND h.bucket < $2`,
    [municipalityId, before],
  );
  return rows[0]?.n ?? 0;
}
