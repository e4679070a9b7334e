import type { Deps } from '../../../platform/deps.js';
import { getCategoryByCode } from '../core/categories.js';
import { unlessNotFound } from '../core/not-found.js';
import { selectOpenReportsInBox } from './queries.js';

/** An open report near a point, with public fields only (no contact data, no unmoderated text). */
export interface NearbyReport {
  reference: string;
  status: string;
  categoryCode: string;
  lat: number;
  lon: number;
  distanceMetres: number;
  addressLabel: string | null;
  /** The moderated public text, or null while none is approved. */
  description: string | null;
  supporterCount: number;
  createdAt: Date;
}

const earthRadius = 6_371_008.8;
const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance in metres. */
export function haversineMetres(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const a =
    Math.sin(rad(lat2 - lat1) / 2) ** 2 +
    Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(rad(lon2 - lon1) / 2) ** 2;
  return 2 * earthRadius * Math.asin(Math.min(1, Math.sqrt(a)));
}

export const nearbyLimit = 20;

/**
 * Open reports of the same category within `radiusMetres` (not hidden, not abusive, not merged), nearest first,
 * at most 20. A bounding box on the location index prefilters; the exact distance decides. [] for an unknown
 * category.
 */
export async function findNearbyOpenReports(
  deps: Deps,
  municipalityId: string,
  categoryCode: string,
  lat: number,
  lon: number,
  radiusMetres = 250,
): Promise<NearbyReport[]> {
  const radius = Math.min(Math.max(1, radiusMetres), 2000);
  const category = await unlessNotFound(getCategoryByCode(deps, municipalityId, categoryCode));
  if (!category) return [];
  const categoryId = category.id;
  const dLat = (radius / (earthRadius * Math.PI)) * 180;
  const dLon = dLat / Math.max(0.01, Math.cos(rad(lat)));
  const rows = await selectOpenReportsInBox(
    deps.db,
    { municipalityId, categoryId, south: lat - dLat, north: lat + dLat, west: lon - dLon, east: lon + dLon },
    500,
  );
  return rows
    .map((r) => ({ r, d: haversineMetres(lat, lon, r.lat, r.lon) }))
    .filter((x) => x.d <= radius)
    .sort((a, b) => a.d - b.d)
    .slice(0, nearbyLimit)
    .map(({ r, d }) => ({
      reference: r.reference,
      status: r.status,
      categoryCode,
      lat: r.lat,
      lon: r.lon,
      distanceMetres: Math.round(d),
      addressLabel: r.address_label,
      description: r.public_description,
      supporterCount: r.supporter_count,
      createdAt: r.created_at,
    }));
}
