import type { Deps } from '../../../platform/deps.js';
import type { FieldErrors } from '../../../platform/errors.js';
import { type CitizenFormValues, locationOf } from './citizen-form.js';
import { resolveLocation } from './location.js';

/** A location of the citizen form resolved to a point, for the check step and the nearby-reports lookup. */
export interface PreviewedLocation {
  lat: number;
  lon: number;
  label: string;
  district: string | null;
}

/**
 * Resolves the form's location exactly as submitReport will (the same function, the same error keys) without
 * storing anything: for the no-JavaScript "check the place" step and to look for nearby reports before sending.
 * Problems go into `errors` (a message the form already set for a field is kept); undefined when the place is
 * unknown, missing or outside the municipality.
 */
export async function previewLocation(
  deps: Deps,
  values: CitizenFormValues,
  errors: FieldErrors,
): Promise<PreviewedLocation | undefined> {
  const found: FieldErrors = {};
  const place = await resolveLocation(deps, deps.config.municipality.id, locationOf(values, errors), found);
  for (const [field, message] of Object.entries(found)) errors[field] ??= message;
  if (!place) return undefined;
  const label =
    (place.method === 'landmark' ? place.landmark : place.addressLabel) ??
    `${place.lat.toFixed(5)}, ${place.lon.toFixed(5)}`;
  return { lat: place.lat, lon: place.lon, label, district: place.districtName };
}
