import type { Deps } from '../../platform/deps.js';
import { AppError, type FieldErrors } from '../../platform/errors.js';
import { findAddressByText, findDistrictAt, findNearestAddress, getAddress } from '../addresses/service.js';
import { type CitizenFormValues, locationOf } from './citizen-form.js';
import { findLandmark } from './landmarks.js';
import { errorKey } from './submit-validation.js';

/** A location of the citizen form resolved to a point, for the check step and the nearby-reports lookup. */
export interface PreviewedLocation {
  lat: number;
  lon: number;
  label: string;
  district: string | null;
}

const notFound = (err: unknown) => err instanceof AppError && err.code === 'not_found';

/**
 * Resolves the form's location the way submitReport will (same ways, same error keys) without storing anything:
 * for the no-JavaScript "check the place" step and to look for nearby reports before sending. Problems go into
 * `errors`; undefined when the place is unknown, missing or outside the municipality.
 */
export async function previewLocation(
  deps: Deps,
  values: CitizenFormValues,
  errors: FieldErrors,
): Promise<PreviewedLocation | undefined> {
  const m = deps.config.municipality;
  const location = locationOf(values, errors);
  let point: { lat: number; lon: number; label?: string } | undefined;
  if (location.method === 'address') {
    try {
      const row =
        location.addressId !== undefined
          ? await getAddress(deps.db, m.id, location.addressId)
          : location.addressText
            ? await findAddressByText(deps.db, m.id, location.addressText)
            : undefined;
      if (row)
        point = { lat: row.lat, lon: row.lon, label: `${row.street} ${row.house_number}${row.house_number_suffix}` };
    } catch (err) {
      if (!notFound(err)) throw err;
    }
    if (!point) errors.address = errorKey(location.addressText ? 'address_unknown' : 'address_required');
  } else if (location.method === 'landmark') {
    const found = location.landmark ? await findLandmark(deps.db, m.id, location.landmark) : undefined;
    if (found) point = { lat: found.lat, lon: found.lon, label: found.name };
    else errors.landmark = errorKey(location.landmark ? 'landmark_unknown' : 'landmark_required');
  } else if (location.lat !== undefined && location.lon !== undefined) {
    point = { lat: location.lat, lon: location.lon };
  } else if (!errors.lat && !errors.lon) {
    if (values.lat || values.lon) errors[values.lat ? 'lon' : 'lat'] = errorKey('coordinates_required');
    errors.location = errorKey('location_required');
  }
  if (!point) return undefined;
  const district = await findDistrictAt(deps.db, m.id, point.lat, point.lon);
  if (district === undefined) {
    errors.location = errorKey('outside_municipality');
    return undefined;
  }
  let label = point.label;
  if (!label) {
    try {
      const nearest = await findNearestAddress(deps, m, point.lat, point.lon);
      const a = nearest.address;
      label = `${a.street} ${a.house_number}${a.house_number_suffix}`;
    } catch (err) {
      if (!notFound(err)) throw err;
    }
  }
  const coordinates = `${point.lat.toFixed(5)}, ${point.lon.toFixed(5)}`;
  return { lat: point.lat, lon: point.lon, label: label ?? coordinates, district: district?.name ?? null };
}
