/**
 * Grid clustering for maps with many markers: points whose screen positions fall into the same square cell are
 * drawn as one cluster (at their mean position, with their count). Small and dependency-free; the caller
 * projects the points for the current zoom and clusters again after each zoom.
 */

export interface ScreenPoint {
  lat: number;
  lon: number;
  /** Position in pixels at the current zoom (Leaflet's map.project). */
  x: number;
  y: number;
}

export interface Cluster {
  lat: number;
  lon: number;
  count: number;
}

/** Clusters points by cells of `cell` pixels; the result is in the order of each cell's first point. */
export function gridCluster(points: ScreenPoint[], cell: number): Cluster[] {
  const cells = new Map<string, { lat: number; lon: number; count: number }>();
  for (const p of points) {
    const key = `${Math.floor(p.x / cell)}:${Math.floor(p.y / cell)}`;
    const c = cells.get(key);
    if (c) {
      c.lat += p.lat;
      c.lon += p.lon;
      c.count += 1;
    } else cells.set(key, { lat: p.lat, lon: p.lon, count: 1 });
  }
  return [...cells.values()].map((c) => ({ lat: c.lat / c.count, lon: c.lon / c.count, count: c.count }));
}
