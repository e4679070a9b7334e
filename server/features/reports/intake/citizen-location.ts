import type { Deps } from '../../../platform/deps.js';
import type { FieldErrors } from '../../../platform/errors.js';
import { searchAddressesByText } from '../../addresses/service.js';
import type { Landmark } from '../core/landmarks.js';
import { type CitizenFormValues, locationOf } from './citizen-form.js';
import { resolveLocation } from './location.js';
import { errorKey } from './validation.js';

/** A location of the citizen form resolved to a point, for the check step and the nearby-reports lookup. */
export interface PreviewedLocation {
  lat: number;
  lon: number;
  label: string;
  district: string | null;
  /** The known place a landmark text was matched to (shown beside the typed text), else null. */
  place: string | null;
}

/** An address the register suggests for one it does not know ("Niederwal 6" → Niederwall 6). */
export interface AddressChoice {
  id: number;
  label: string;
  postcode: string;
  district: string | null;
}

/** What the citizen can pick from when the place was not clear (radio buttons without JavaScript). */
export interface LocationChoices {
  addresses?: AddressChoice[];
  landmarks?: Landmark[];
}

const addressChoiceLimit = 5;

/**
 * Resolves the form's location exactly as submitReport will (the same function, the same error keys) without
 * storing anything: for the no-JavaScript "check the place" step and to look for nearby reports before sending.
 * Problems go into `errors` (a message the form already set for a field is kept); undefined when the place is
 * unknown, missing, ambiguous or outside the municipality. An unknown address or an ambiguous landmark fills
 * `choices` with what the citizen may have meant.
 */
export async function previewLocation(
  deps: Deps,
  values: CitizenFormValues,
  errors: FieldErrors,
  choices: LocationChoices = {},
): Promise<PreviewedLocation | undefined> {
  const found: FieldErrors = {};
  const municipalityId = deps.config.municipality.id;
  const place = await resolveLocation(deps, municipalityId, locationOf(values, errors), found, choices);
  for (const [field, message] of Object.entries(found)) errors[field] ??= message;
  if (found.address === errorKey('address_unknown') && values.address) {
    choices.addresses = await addressChoices(deps, values.address);
  }
  if (!place) return undefined;
  const label =
    (place.method === 'landmark' ? (place.place ?? place.landmark) : place.addressLabel) ??
    `${place.lat.toFixed(5)}, ${place.lon.toFixed(5)}`;
  return { lat: place.lat, lon: place.lon, label, district: place.districtName, place: place.place };
}

/** The register's suggestions for an address it does not know as written. */
export async function addressChoices(deps: Deps, text: string): Promise<AddressChoice[]> {
  const rows = await searchAddressesByText(deps, deps.config.municipality.id, text, addressChoiceLimit);
  return rows.map((r) => ({
    id: r.id,
    label: `${r.street} ${r.house_number}${r.house_number_suffix}`,
    postcode: r.postcode,
    district: r.district_name,
  }));
}
