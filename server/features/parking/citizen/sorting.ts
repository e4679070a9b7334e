import type { FacilityState } from '../core/service.js';

/** How the list is sorted: most free spaces first, nearest first, or by name. */
export const sortKeys = ['free', 'distance', 'name'] as const;
export type SortKey = (typeof sortKeys)[number];
export const isSortKey = (s: unknown): s is SortKey => sortKeys.includes(s as SortKey);

/** Metres between two points (haversine; exact enough within a city). */
export function distanceMetres(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.sqrt(h));
}

/**
 * The states with their distance from `origin` (when there is one), sorted: by free spaces (facilities without
 * current data last), by distance, or by name.
 */
export function sortStates(states: FacilityState[], sort: SortKey, origin: { lat: number; lon: number } | null) {
  const withDistance = states.map((s) => ({
    ...s,
    distanceM: origin ? distanceMetres(origin, { lat: s.facility.lat, lon: s.facility.lon }) : null,
  }));
  const byName = (a: FacilityState, b: FacilityState) => a.facility.name.localeCompare(b.facility.name, 'de');
  if (sort === 'distance') return withDistance.sort((a, b) => (a.distanceM ?? 0) - (b.distanceM ?? 0));
  if (sort === 'name') return withDistance.sort(byName);
  const free = (s: FacilityState) => (s.free === null || s.status === 'closed' ? -1 : s.free);
  return withDistance.sort((a, b) => free(b) - free(a) || byName(a, b));
}
