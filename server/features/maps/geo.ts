// Web Mercator tile arithmetic (the XYZ scheme of OpenStreetMap, Leaflet and WMTS GoogleMapsCompatible).

/** [west, south, east, north] in degrees. */
export type Bounds = readonly [number, number, number, number];

function lonOf(x: number, z: number): number {
  return (x / 2 ** z) * 360 - 180;
}

function latOf(y: number, z: number): number {
  const n = Math.PI - (2 * Math.PI * y) / 2 ** z;
  return (180 / Math.PI) * Math.atan(Math.sinh(n));
}

/** The area one tile covers. */
export function tileBounds(z: number, x: number, y: number): Bounds {
  return [lonOf(x, z), latOf(y + 1, z), lonOf(x + 1, z), latOf(y, z)];
}

/** True when a tile number exists at its zoom (0 ≤ x, y < 2^z). */
export function isTile(z: number, x: number, y: number): boolean {
  const n = 2 ** z;
  return x >= 0 && y >= 0 && x < n && y < n;
}

/** True when the two areas share more than a line. */
export function overlaps(a: Bounds, b: Bounds): boolean {
  return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
}

/** The tile that contains a point at a zoom. */
export function tileAt(lat: number, lon: number, z: number): { x: number; y: number } {
  const n = 2 ** z;
  const x = Math.floor(((lon + 180) / 360) * n);
  const rad = (lat * Math.PI) / 180;
  const y = Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n);
  return { x, y };
}
