import type { Deps } from '../../../platform/deps.js';
import type { FieldErrors } from '../../../platform/errors.js';
import { findAddressByText, findDistrictAt, findNearestAddress, getAddress } from '../../addresses/service.js';
import { type Landmark, matchLandmark } from '../core/landmarks.js';
import { unlessNotFound } from '../core/not-found.js';
import type { NewReportInput } from './submit-service.js';
import { charLength, cleanLine, errorKey, limits } from './validation.js';

export interface ResolvedLocation {
  method: NewReportInput['location']['method'];
  lat: number;
  lon: number;
  addressId: number | null;
  addressLabel: string | null;
  landmark: string | null;
  districtId: number | null;
  /** For display only (not stored). */
  districtName: string | null;
  /** The known place a landmark text was matched to (display only: the typed text is what is stored). */
  place: string | null;
}

/** Choices for the citizen when the location was not clear: the places a landmark text may mean. */
export interface LocationChoices {
  landmarks?: Landmark[];
}

/** An address farther than this from a landmark does not name it ("Tierpark" is no house 790 m away). */
export const landmarkAddressMetres = 60;

const isCoordinate = (v: unknown, max: number): v is number =>
  typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= max;

/** Coordinates → district (undefined outside), nearest address; the register may be empty (then no address). */
async function locatePoint(
  deps: Deps,
  municipalityId: string,
  lat: number,
  lon: number,
  errors: FieldErrors,
  maxAddressMetres = Number.POSITIVE_INFINITY,
): Promise<Omit<ResolvedLocation, 'method' | 'landmark' | 'place'> | undefined> {
  const district = await findDistrictAt(deps.db, municipalityId, lat, lon);
  if (district === undefined) {
    errors.location = errorKey('outside_municipality');
    return undefined;
  }
  const m = { id: municipalityId, name: deps.config.municipality.name };
  const nearest = await unlessNotFound(findNearestAddress(deps, m, lat, lon));
  const a = nearest && nearest.distanceMetres <= maxAddressMetres ? nearest.address : undefined;
  const address = a ? { id: a.id, label: `${a.street} ${a.house_number}${a.house_number_suffix}` } : null;
  return {
    lat,
    lon,
    addressId: address?.id ?? null,
    addressLabel: address?.label ?? null,
    districtId: district?.id ?? null,
    districtName: district?.name ?? null,
  };
}

/**
 * Resolves the location given one way into coordinates, nearest address and district; errors per field
 * (location, lat, lon, address, landmark). Every result has coordinates, the nearest address (when the register
 * has any) and the district.
 */
export async function resolveLocation(
  deps: Deps,
  municipalityId: string,
  loc: NewReportInput['location'],
  errors: FieldErrors,
  choices: LocationChoices = {},
): Promise<ResolvedLocation | undefined> {
  const landmarkText = cleanLine(loc.landmark) || null;
  if (landmarkText && charLength(landmarkText) > limits.landmark) {
    errors.landmark = errorKey('landmark_too_long');
    return undefined;
  }
  switch (loc.method) {
    case 'map':
    case 'gps':
    case 'coordinates':
    case 'api': {
      const latOk = isCoordinate(loc.lat, 90);
      const lonOk = isCoordinate(loc.lon, 180);
      if (!latOk) errors.lat = errorKey('coordinates_required');
      if (!lonOk) errors.lon = errorKey('coordinates_required');
      if (!latOk || !lonOk) {
        errors.location = errorKey('location_required');
        return undefined;
      }
      const point = await locatePoint(deps, municipalityId, loc.lat as number, loc.lon as number, errors);
      return point && { ...point, method: loc.method, landmark: landmarkText, place: null };
    }
    case 'address': {
      const row =
        loc.addressId !== undefined
          ? await unlessNotFound(getAddress(deps.db, municipalityId, loc.addressId))
          : loc.addressText?.trim()
            ? await findAddressByText(deps.db, municipalityId, loc.addressText)
            : undefined;
      const address = row && {
        id: row.id,
        lat: row.lat,
        lon: row.lon,
        label: `${row.street} ${row.house_number}${row.house_number_suffix}`,
      };
      if (!address) {
        errors.address =
          loc.addressId === undefined && !loc.addressText?.trim()
            ? errorKey('address_required')
            : errorKey('address_unknown');
        return undefined;
      }
      const district = await findDistrictAt(deps.db, municipalityId, address.lat, address.lon);
      return {
        method: 'address',
        lat: address.lat,
        lon: address.lon,
        addressId: address.id,
        addressLabel: address.label,
        landmark: landmarkText,
        districtId: district?.id ?? null,
        districtName: district?.name ?? null,
        place: null,
      };
    }
    case 'landmark': {
      if (!landmarkText) {
        errors.landmark = errorKey('landmark_required');
        return undefined;
      }
      const match = await matchLandmark(deps.db, municipalityId, landmarkText, loc.landmarkId);
      if (match.kind === 'none') {
        errors.landmark = errorKey('landmark_unknown');
        return undefined;
      }
      if (match.kind === 'many') {
        errors.landmark = errorKey('landmark_ambiguous');
        choices.landmarks = match.candidates;
        return undefined;
      }
      const found = match.landmark;
      const point = await locatePoint(deps, municipalityId, found.lat, found.lon, errors, landmarkAddressMetres);
      // The typed words stay the report's landmark; a place picked from a choice is stored by its name.
      const chosen = loc.landmarkId !== undefined && loc.landmarkId === found.id;
      return point && { ...point, method: 'landmark', landmark: chosen ? found.name : landmarkText, place: found.name };
    }
    default:
      errors.location = errorKey('location_required');
      return undefined;
  }
}
