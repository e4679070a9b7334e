import { formatAddressLabel } from '../../../shared/address-normalize.js';
import type { DistrictGeometryRow } from './district-queries.js';
import type { AddressRow } from './queries.js';
import type { AddressDto } from './schemas.js';
import type { NearestAddress } from './service.js';

/** An address as the API and the pages show it. Addresses are public data; nothing here is personal. */
export function presentAddress(row: AddressRow): AddressDto {
  return {
    id: row.id,
    label: formatAddressLabel(row.street, row.house_number, row.house_number_suffix),
    street: row.street,
    houseNumber: row.house_number,
    suffix: row.house_number_suffix,
    postcode: row.postcode,
    district: row.district_key ? { key: row.district_key, name: row.district_name ?? row.district_key } : null,
    lat: row.lat,
    lon: row.lon,
  };
}

/** The reverse-lookup answer: the address and its distance, rounded to decimetres. */
export function presentNearest(nearest: NearestAddress) {
  return {
    address: presentAddress(nearest.address),
    distanceMetres: Math.round(nearest.distanceMetres * 10) / 10,
  };
}

/** The districts as a GeoJSON FeatureCollection (RFC 7946). */
export function presentDistricts(rows: DistrictGeometryRow[]) {
  return {
    type: 'FeatureCollection' as const,
    features: rows.map((d) => ({
      type: 'Feature' as const,
      id: d.key,
      properties: { key: d.key, name: d.name },
      geometry: d.geometry as { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown[] },
    })),
  };
}
