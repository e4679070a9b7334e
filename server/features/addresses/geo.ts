const earthRadiusMetres = 6_371_008.8;
export const rad = (deg: number) => (deg * Math.PI) / 180;
/** Metres per degree of latitude (and of longitude at the equator). */
export const metresPerDegree = (2 * Math.PI * earthRadiusMetres) / 360;

/** Great-circle distance in metres between two WGS84 points (haversine; ample precision within a city). */
export function distanceMetres(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const dLat = rad(lat2 - lat1);
  const dLon = rad(lon2 - lon1);
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(dLon / 2) ** 2;
  return 2 * earthRadiusMetres * Math.asin(Math.min(1, Math.sqrt(a)));
}
