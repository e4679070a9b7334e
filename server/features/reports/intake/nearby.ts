import type { Deps } from '../../../platform/deps.js';
import { getCategoryByCode } from '../core/categories.js';
import { unlessNotFound } from '../core/not-found.js';
import { publicCoordinateDecimals, publicPlace } from '../core/visibility.js';
import { countReportsByCategoryInBox, selectPublicOpenReportsInBox } from './queries.js';

/**
 * An open public report near a point, with public fields only: rounded coordinates, the street without house
 * number, the moderated text (no contact data, no unmoderated text).
 */
export interface NearbyReport {
  reference: string;
  status: string;
  categoryCode: string;
  lat: number;
  lon: number;
  /** From the public (rounded) coordinates, so the distance reveals no more than they do. */
  distanceMetres: number;
  /** The street of the nearest address, never a house number. */
  street: string | null;
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

/** Public coordinates are rounded: the box is widened by one step, so no report whose public point is near is missed. */
const roundingMargin = 10 ** -publicCoordinateDecimals;

/**
 * Open public reports of the same category within `radiusMetres`, nearest first, at most 20: public by the core's
 * one definition (screened, not hidden, abusive or merged), at their public place (rounded coordinates, street
 * only), and near by that place too. A bounding box on the location index prefilters. [] for an unknown category.
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
  const radiusDegrees = (radius / (earthRadius * Math.PI)) * 180;
  const dLat = radiusDegrees + roundingMargin;
  const dLon = radiusDegrees / Math.max(0.01, Math.cos(rad(lat))) + roundingMargin;
  const rows = await selectPublicOpenReportsInBox(
    deps.db,
    {
      municipalityId,
      categoryId: category.id,
      south: lat - dLat,
      north: lat + dLat,
      west: lon - dLon,
      east: lon + dLon,
    },
    500,
  );
  return rows
    .map((r) => {
      const place = publicPlace(r);
      return { r, place, d: haversineMetres(lat, lon, place.lat, place.lon) };
    })
    .filter((x) => x.d <= radius)
    .sort((a, b) => a.d - b.d)
    .slice(0, nearbyLimit)
    .map(({ r, place, d }) => ({
      reference: r.reference,
      status: r.status,
      categoryCode,
      lat: place.lat,
      lon: place.lon,
      distanceMetres: Math.round(d),
      street: place.street,
      description: r.public_description,
      supporterCount: r.supporter_count,
      createdAt: r.created_at,
    }));
}

/**
 * Category ids by how often they were reported within about `radiusMetres` of a point (most frequent first; only
 * categories reported there). The form shows the categories in this order once the place is known.
 */
export async function categoryFrequencyNear(
  deps: Deps,
  municipalityId: string,
  lat: number,
  lon: number,
  radiusMetres = 500,
): Promise<Map<number, number>> {
  const radiusDegrees = (radiusMetres / (earthRadius * Math.PI)) * 180;
  const dLon = radiusDegrees / Math.max(0.01, Math.cos(rad(lat)));
  const rows = await countReportsByCategoryInBox(deps.db, {
    municipalityId,
    south: lat - radiusDegrees,
    north: lat + radiusDegrees,
    west: lon - dLon,
    east: lon + dLon,
  });
  return new Map(rows.sort((a, b) => b.n - a.n).map((r) => [r.category_id, r.n]));
}
