import type { Queryable } from '../../../platform/db.js';
import type { FacilityKind } from './statuses.js';

// The one owner of parking_facilities: SQL only, no rules.

export interface FacilityWrite {
  ref: string;
  name: string;
  kind: FacilityKind;
  operator: string;
  address: string;
  lat: number;
  lon: number;
  capacity: number;
  capacityDisabled: number | null;
  capacityEv: number | null;
  capacityFamily: number | null;
  maxHeightCm: number | null;
  openingHours: string;
  prices: string;
  payment: string;
  entrances: string;
}

export interface FacilityRow extends FacilityWrite {
  id: number;
  demo: boolean;
  updatedAt: Date;
}

export const facilityColumns = `f.id::int AS id, f.ref, f.name, f.kind, f.operator, f.address, f.lat, f.lon,
  f.capacity, f.capacity_disabled AS "capacityDisabled", f.capacity_ev AS "capacityEv",
  f.capacity_family AS "capacityFamily", f.max_height_cm AS "maxHeightCm", f.opening_hours AS "openingHours",
  f.prices, f.payment, f.entrances, f.demo, f.updated_at AS "updatedAt"`;

/** Every facility of the municipality, by name. */
export async function selectFacilities(db: Queryable, municipalityId: string): Promise<FacilityRow[]> {
  const { rows } = await db.query<FacilityRow>(
    `SELECT ${facilityColumns} FROM parking_facilities f WHERE f.municipality_id = $1 ORDER BY f.name, f.id`,
    [municipalityId],
  );
  return rows;
}

/** One facility, or undefined. */
export async function selectFacility(db: Queryable, municipalityId: string, id: number) {
  const { rows } = await db.query<FacilityRow>(
    `SELECT ${facilityColumns} FROM parking_facilities f WHERE f.municipality_id = $1 AND f.id = $2`,
    [municipalityId, id],
  );
  return rows[0];
}

const writeValues = (f: FacilityWrite) => [
  f.ref,
  f.name,
  f.kind,
  f.operator,
  f.address,
  f.lat,
  f.lon,
  f.capacity,
  f.capacityDisabled,
  f.capacityEv,
  f.capacityFamily,
  f.maxHeightCm,
  f.openingHours,
  f.prices,
  f.payment,
  f.entrances,
];

/** Inserts or replaces a facility by its ref; answers its id and whether it was new. */
export async function upsertFacility(
  tx: Queryable,
  municipalityId: string,
  f: FacilityWrite & { demo: boolean; now: Date },
): Promise<{ id: number; created: boolean }> {
  const { rows } = await tx.query<{ id: number; created: boolean }>(
    `INSERT INTO parking_facilities (municipality_id, ref, name, kind, operator, address, lat, lon, capacity,
       capacity_disabled, capacity_ev, capacity_family, max_height_cm, opening_hours, prices, payment, entrances,
       demo, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)
     ON CONFLICT (municipality_id, ref) DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind,
       operator = EXCLUDED.operator, address = EXCLUDED.address, lat = EXCLUDED.lat, lon = EXCLUDED.lon,
       capacity = EXCLUDED.capacity, capacity_disabled = EXCLUDED.capacity_disabled,
       capacity_ev = EXCLUDED.capacity_ev, capacity_family = EXCLUDED.capacity_family,
       max_height_cm = EXCLUDED.max_height_cm, opening_hours = EXCLUDED.opening_hours, prices = EXCLUDED.prices,
       payment = EXCLUDED.payment, entrances = EXCLUDED.entrances, demo = EXCLUDED.demo,
       updated_at = EXCLUDED.updated_at
     RETURNING id::int AS id, (xmax = 0) AS created`,
    [municipalityId, ...writeValues(f), f.demo, f.now],
  );
  return rows[0]!;
}

/** Changes a facility; answers false when there is none with that id. */
export async function updateFacility(
  tx: Queryable,
  municipalityId: string,
  id: number,
  f: FacilityWrite & { now: Date },
): Promise<boolean> {
  const { rowCount } = await tx.query(
    `UPDATE parking_facilities SET ref = $3, name = $4, kind = $5, operator = $6, address = $7, lat = $8, lon = $9,
       capacity = $10, capacity_disabled = $11, capacity_ev = $12, capacity_family = $13, max_height_cm = $14,
       opening_hours = $15, prices = $16, payment = $17, entrances = $18, updated_at = $19
     WHERE municipality_id = $1 AND id = $2`,
    [municipalityId, id, ...writeValues(f), f.now],
  );
  return rowCount > 0;
}

/** Whether another facility of the municipality has this ref. */
export async function refTaken(db: Queryable, municipalityId: string, ref: string, exceptId?: number) {
  const { rows } = await db.query(
    'SELECT 1 FROM parking_facilities WHERE municipality_id = $1 AND ref = $2 AND id IS DISTINCT FROM $3',
    [municipalityId, ref, exceptId ?? null],
  );
  return rows.length > 0;
}
