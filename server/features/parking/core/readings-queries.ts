import type { Queryable } from '../../../platform/db.js';
import { type FacilityRow, facilityColumns } from './facilities-queries.js';
import type { ParkingStatus } from './statuses.js';

// The one owner of parking_readings (the latest reading per facility): SQL only, no rules.

export interface ReadingRow {
  free: number;
  status: ParkingStatus;
  observedAt: Date;
  source: string;
}

export interface FacilityWithReading {
  facility: FacilityRow;
  reading: ReadingRow | null;
  /** Free spaces in the last history bucket 15 to 45 minutes before the reading (for the trend), or null. */
  freeBefore: number | null;
}

/** Every facility with its latest reading and the free spaces about 15 minutes earlier: one query. */
export async function selectFacilitiesWithReadings(
  db: Queryable,
  municipalityId: string,
  facilityId?: number,
): Promise<FacilityWithReading[]> {
  const { rows } = await db.query<FacilityRow & { rFree: number | null } & Record<string, unknown>>(
    `SELECT ${facilityColumns}, r.free AS "rFree", r.status AS "rStatus", r.observed_at AS "rObservedAt",
        r.source AS "rSource", p.free AS "freeBefore"
       FROM parking_facilities f
       LEFT JOIN parking_readings r ON r.facility_id = f.id
       LEFT JOIN LATERAL (
         SELECT h.free FROM parking_history h
          WHERE h.facility_id = f.id AND h.bucket <= r.observed_at - interval '15 minutes'
            AND h.bucket > r.observed_at - interval '45 minutes'
          ORDER BY h.bucket DESC LIMIT 1) p ON true
      WHERE f.municipality_id = $1 AND ($2::bigint IS NULL OR f.id = $2)
      ORDER BY f.name, f.id`,
    [municipalityId, facilityId ?? null],
  );
  return rows.map((row) => {
    const { rFree, rStatus, rObservedAt, rSource, freeBefore, ...facility } = row;
    return {
      facility: facility as unknown as FacilityRow,
      reading:
        rFree === null
          ? null
          : {
              free: rFree,
              status: rStatus as ParkingStatus,
              observedAt: rObservedAt as Date,
              source: rSource as string,
            },
      freeBefore: (freeBefore as number | null) ?? null,
    };
  });
}

/** The observation time of each facility's latest reading (to refuse readings that are not newer). */
export async function selectLatestObserved(tx: Queryable, facilityIds: number[]): Promise<Map<number, Date>> {
  const { rows } = await tx.query<{ id: number; observedAt: Date }>(
    `SELECT facility_id::int AS id, observed_at AS "observedAt" FROM parking_readings WHERE facility_id = ANY($1)`,
    [facilityIds],
  );
  return new Map(rows.map((r) => [r.id, r.observedAt]));
}

/** Replaces a facility's latest reading. */
export async function upsertReading(
  tx: Queryable,
  facilityId: number,
  r: ReadingRow & { receivedAt: Date },
): Promise<void> {
  await tx.query(
    `INSERT INTO parking_readings (facility_id, free, status, observed_at, received_at, source)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (facility_id) DO UPDATE SET free = EXCLUDED.free, status = EXCLUDED.status,
       observed_at = EXCLUDED.observed_at, received_at = EXCLUDED.received_at, source = EXCLUDED.source`,
    [facilityId, r.free, r.status, r.observedAt, r.receivedAt, r.source],
  );
}
