import type { FieldErrors } from '../../../platform/errors.js';
import type { FacilityWrite } from '../core/facilities-queries.js';
import { isFacilityKind } from '../core/statuses.js';

// One set of rules for a facility, whichever way it comes (form, CSV row, GeoJSON feature): flat text fields with
// the same names everywhere, messages as i18n keys.

export const facilityFields = [
  'ref',
  'name',
  'kind',
  'operator',
  'address',
  'lat',
  'lon',
  'capacity',
  'capacity_disabled',
  'capacity_ev',
  'capacity_family',
  'max_height_cm',
  'opening_hours',
  'prices',
  'payment',
  'entrances',
] as const;
export type FacilityField = (typeof facilityFields)[number];
export type FacilityValues = Record<FacilityField, string>;

const err = (key: string) => `parking.admin.errors.${key}`;

function number(raw: string, min: number, max: number, integer: boolean): number | null | 'bad' {
  if (raw === '') return null;
  const n = Number(raw.replace(',', '.'));
  if (!Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n))) return 'bad';
  return n;
}

/** The values as a facility plus every field's error (i18n keys); `value` is only usable without errors. */
export function cleanFacility(v: FacilityValues): { value: FacilityWrite; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const text = (name: FacilityField, max: number) => {
    const s = v[name].replace(/\s+/g, ' ').trim();
    if (s.length > max) errors[name] = err('tooLong');
    return s;
  };
  const ref = v.ref.trim();
  if (!/^[A-Za-z0-9][A-Za-z0-9._:-]{0,79}$/.test(ref)) errors.ref = err('ref');
  const name = text('name', 200);
  if (!name) errors.name = err('required');
  const kind = v.kind.trim() || 'garage';
  if (!isFacilityKind(kind)) errors.kind = err('kind');
  const num = (name: FacilityField, min: number, max: number, integer: boolean, required = false) => {
    const n = number(v[name].trim(), min, max, integer);
    if (n === 'bad' || (required && n === null)) {
      errors[name] = err(n === null ? 'required' : 'number');
      return null;
    }
    return n;
  };
  const value: FacilityWrite = {
    ref,
    name,
    kind: isFacilityKind(kind) ? kind : 'garage',
    operator: text('operator', 200),
    address: text('address', 300),
    lat: num('lat', -90, 90, false, true) ?? 0,
    lon: num('lon', -180, 180, false, true) ?? 0,
    capacity: num('capacity', 0, 100_000, true, true) ?? 0,
    capacityDisabled: num('capacity_disabled', 0, 100_000, true),
    capacityEv: num('capacity_ev', 0, 100_000, true),
    capacityFamily: num('capacity_family', 0, 100_000, true),
    maxHeightCm: num('max_height_cm', 100, 1000, true),
    openingHours: text('opening_hours', 500),
    prices: text('prices', 1000),
    payment: text('payment', 300),
    entrances: text('entrances', 500),
  };
  return { value, errors };
}

/** A facility's form values (empty for a new one). */
export function facilityValues(f?: FacilityWrite): FacilityValues {
  const s = (n: number | null | undefined) => (n === null || n === undefined ? '' : String(n));
  return {
    ref: f?.ref ?? '',
    name: f?.name ?? '',
    kind: f?.kind ?? 'garage',
    operator: f?.operator ?? '',
    address: f?.address ?? '',
    lat: s(f?.lat),
    lon: s(f?.lon),
    capacity: s(f?.capacity),
    capacity_disabled: s(f?.capacityDisabled),
    capacity_ev: s(f?.capacityEv),
    capacity_family: s(f?.capacityFamily),
    max_height_cm: s(f?.maxHeightCm),
    opening_hours: f?.openingHours ?? '',
    prices: f?.prices ?? '',
    payment: f?.payment ?? '',
    entrances: f?.entrances ?? '',
  };
}
