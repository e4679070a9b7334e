import { AppError } from '../../platform/errors.js';
import type { DistrictUpsert } from './district-queries.js';

type Position = [number, number];
type Ring = Position[];
type PolygonCoords = Ring[];

const keyPattern = /^[a-z0-9][a-z0-9_-]{0,39}$/;

function isPosition(p: unknown): p is Position {
  return (
    Array.isArray(p) &&
    p.length >= 2 &&
    typeof p[0] === 'number' &&
    typeof p[1] === 'number' &&
    p[0] >= -180 &&
    p[0] <= 180 &&
    p[1] >= -90 &&
    p[1] <= 90
  );
}

/** A linear ring: ≥ 4 positions, first equals last (RFC 7946 §3.1.6). */
function checkRing(ring: unknown): string | undefined {
  if (!Array.isArray(ring) || ring.length < 4) return 'a ring needs at least four positions';
  if (!ring.every(isPosition)) return 'positions must be [longitude, latitude] within range';
  const first = ring[0] as Position;
  const last = ring.at(-1) as Position;
  if (first[0] !== last[0] || first[1] !== last[1]) return 'a ring must end where it starts';
  return undefined;
}

/** Shoelace area (in square degrees; only used to pick the largest part). */
function ringArea(ring: Ring): number {
  let sum = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    const [x1, y1] = ring[i] as Position;
    const [x2, y2] = ring[i + 1] as Position;
    sum += x1 * y2 - x2 * y1;
  }
  return Math.abs(sum) / 2;
}

/** PostgreSQL polygon literal `((lon,lat),…)`; the closing position is implied. */
export function polygonLiteral(ring: Ring): string {
  return `(${ring
    .slice(0, -1)
    .map(([x, y]) => `(${x},${y})`)
    .join(',')})`;
}

function polygonsOf(geometry: unknown): PolygonCoords[] | string {
  const g = geometry as { type?: unknown; coordinates?: unknown } | null;
  if (!g || typeof g !== 'object') return 'geometry is missing';
  if (g.type === 'Polygon') return [g.coordinates as PolygonCoords];
  if (g.type === 'MultiPolygon' && Array.isArray(g.coordinates)) return g.coordinates as PolygonCoords[];
  return `geometry type must be Polygon or MultiPolygon, not ${String(g.type)}`;
}

function toDistrict(feature: unknown): DistrictUpsert | string {
  const f = feature as { type?: unknown; properties?: Record<string, unknown> | null; geometry?: unknown };
  if (f?.type !== 'Feature') return 'not a GeoJSON Feature';
  const key = String(f.properties?.key ?? '').trim();
  const name = String(f.properties?.name ?? '').trim();
  if (!keyPattern.test(key)) return `property "key" must be 1–40 of a-z, 0-9, - and _ (found "${key}")`;
  if (!name || name.length > 100) return 'property "name" is required (at most 100 characters)';
  const polygons = polygonsOf(f.geometry);
  if (typeof polygons === 'string') return polygons;
  if (polygons.length === 0) return 'geometry has no polygons';
  const outers: Ring[] = [];
  const holes: Ring[] = [];
  for (const polygon of polygons) {
    if (!Array.isArray(polygon) || polygon.length === 0) return 'a polygon needs an outer ring';
    for (const ring of polygon) {
      const problem = checkRing(ring);
      if (problem) return problem;
    }
    outers.push(polygon[0] as Ring);
    holes.push(...(polygon.slice(1) as Ring[]));
  }
  outers.sort((a, b) => ringArea(b) - ringArea(a));
  const [boundary, ...extra] = outers as [Ring, ...Ring[]];
  return {
    key,
    name,
    boundary: polygonLiteral(boundary),
    extraParts: extra.map(polygonLiteral),
    holes: holes.map(polygonLiteral),
    geometry: f.geometry,
  };
}

/**
 * Reads a district file: a GeoJSON FeatureCollection whose features carry `key` and `name` properties and a
 * Polygon or MultiPolygon geometry (WGS84, [lon, lat]). Throws one validation error listing every bad feature.
 */
export function parseDistrictsGeoJson(input: string | Buffer): DistrictUpsert[] {
  let doc: { type?: unknown; features?: unknown };
  try {
    doc = JSON.parse((typeof input === 'string' ? input : input.toString('utf8')).replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new AppError('validation_failed', 'The district file is not valid JSON', { file: (err as Error).message });
  }
  if (doc?.type !== 'FeatureCollection' || !Array.isArray(doc.features)) {
    throw new AppError('validation_failed', 'The district file must be a GeoJSON FeatureCollection', {
      file: 'expected {"type": "FeatureCollection", "features": [...]}',
    });
  }
  const errors: Record<string, string> = {};
  const districts: DistrictUpsert[] = [];
  const keys = new Set<string>();
  doc.features.forEach((feature, i) => {
    const result = toDistrict(feature);
    if (typeof result === 'string') errors[`feature ${i + 1}`] = result;
    else if (keys.has(result.key)) errors[`feature ${i + 1}`] = `key "${result.key}" appears twice`;
    else {
      keys.add(result.key);
      districts.push(result);
    }
  });
  if (Object.keys(errors).length > 0) {
    throw new AppError('validation_failed', 'Some districts are invalid; nothing was imported', errors);
  }
  if (districts.length === 0) throw new AppError('validation_failed', 'The district file has no features');
  return districts;
}
