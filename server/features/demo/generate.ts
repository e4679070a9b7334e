/**
 * Generates the Bielefeld demo data once: `npx tsx server/features/demo/generate.ts`. Deterministic (seeded), so
 * running it again gives the same files. Writes data/districts.geojson (ten approximate Stadtbezirke: a power-diagram
 * partition of a rough city outline, so they never overlap and together cover it) and data/addresses.csv (house
 * numbers along a generated line inside the right district, odd and even on opposite sides, some with suffixes).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { contains, type Point } from './geometry.js';
import { anchors, cityOutline, type DistrictSeed, districtSeeds, streetSegments } from './streets.js';

const dataDir = join(dirname(fileURLToPath(import.meta.url)), 'data');
const metresPerDegree = 111_195;
// Distances are compared in a locally flat frame: a degree of longitude is cos(lat) of a degree of latitude.
const lonScale = Math.cos((52.02 * Math.PI) / 180);
const houseSpacing = 14; // metres between neighbouring numbers on one side
const streetHalfWidth = 9; // metres from the centre line to the houses

/** Mulberry32: a small seeded PRNG, so the output never changes between runs. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Keeps the part of a polygon where (p - mid) · normal ≤ 0 (Sutherland–Hodgman, one clip edge). */
function clipHalfPlane(polygon: Point[], mid: Point, normal: Point): Point[] {
  const side = (p: Point) => (p[0] - mid[0]) * lonScale * normal[0] + (p[1] - mid[1]) * normal[1];
  const out: Point[] = [];
  for (let i = 0; i < polygon.length; i++) {
    const cur = polygon[i] as Point;
    const next = polygon[(i + 1) % polygon.length] as Point;
    const sc = side(cur);
    const sn = side(next);
    if (sc <= 0) out.push(cur);
    if ((sc < 0 && sn > 0) || (sc > 0 && sn < 0)) {
      const t = sc / (sc - sn);
      out.push([cur[0] + t * (next[0] - cur[0]), cur[1] + t * (next[1] - cur[1])]);
    }
  }
  return out;
}

/**
 * The power-diagram cell of one seed within the outline: where |p − seed|² − weight is smallest. With equal
 * weights this is the Voronoi cell; a weight moves the shared edge along the line between two seeds.
 */
function powerCell(seed: DistrictSeed): Point[] {
  let cell: Point[] = cityOutline.map((p) => [p[0], p[1]]);
  for (const other of districtSeeds) {
    if (other === seed) continue;
    const normal: Point = [(other.seed[0] - seed.seed[0]) * lonScale, other.seed[1] - seed.seed[1]];
    const length2 = normal[0] ** 2 + normal[1] ** 2;
    const shift = 0.5 + ((seed.weight ?? 0) - (other.weight ?? 0)) / (2 * length2);
    const mid: Point = [
      seed.seed[0] + (other.seed[0] - seed.seed[0]) * shift,
      seed.seed[1] + (other.seed[1] - seed.seed[1]) * shift,
    ];
    cell = clipHalfPlane(cell, mid, normal);
  }
  return cell.map(([lon, lat]) => [round(lon, 5), round(lat, 5)]);
}

function round(v: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

/** A point `metres` away from p in direction (dx, dy) (a unit vector in metres: east, north). */
function offset(p: Point, dx: number, dy: number, metres: number): Point {
  return [
    p[0] + (dx * metres) / (metresPerDegree * Math.cos((p[1] * Math.PI) / 180)),
    p[1] + (dy * metres) / metresPerDegree,
  ];
}

interface House {
  street: string;
  number: number;
  suffix: string;
  postcode: string;
  district: string;
  at: Point;
}

/** Lays out one street segment inside its district; retries other positions until every house fits. */
function layOut(
  [street, districtKey, postcode, from, to]: (typeof streetSegments)[number],
  cells: Map<string, Point[]>,
  random: () => number,
): House[] {
  const cell = cells.get(districtKey);
  const district = districtSeeds.find((d) => d.key === districtKey);
  if (!cell || !district) throw new Error(`unknown district ${districtKey} for ${street}`);
  const others = [...cells.entries()].filter(([k]) => k !== districtKey).map(([, c]) => c);
  const inOwnOnly = (p: Point) => contains(cell, p) && !others.some((c) => contains(c, p));
  const xs = cell.map((p) => p[0]);
  const ys = cell.map((p) => p[1]);
  for (let attempt = 0; attempt < 500; attempt++) {
    const anchor = anchors[street];
    const start: Point =
      attempt === 0 && anchor && from === 1
        ? anchor
        : [
            Math.min(...xs) + random() * (Math.max(...xs) - Math.min(...xs)),
            Math.min(...ys) + random() * (Math.max(...ys) - Math.min(...ys)),
          ];
    const angle = random() * Math.PI * 2;
    const [dx, dy] = [Math.cos(angle), Math.sin(angle)];
    const houses: House[] = [];
    for (let n = from; n <= to; n++) {
      const along = Math.floor((n - from) / 2) * houseSpacing;
      const side = n % 2 === 1 ? 1 : -1;
      const onLine = offset(start, dx, dy, along);
      const at = offset(onLine, -dy * side, dx * side, streetHalfWidth);
      houses.push({ street, number: n, suffix: '', postcode, district: district.name, at });
      // About one house in fifteen has an "a" (and a few a "b") beside it.
      const r = random();
      if (r < 0.07)
        houses.push({ street, number: n, suffix: 'a', postcode, district: district.name, at: offset(at, dx, dy, 5) });
      if (r < 0.012)
        houses.push({ street, number: n, suffix: 'b', postcode, district: district.name, at: offset(at, dx, dy, 9) });
    }
    if (houses.every((h) => inOwnOnly(h.at))) return houses;
  }
  throw new Error(`could not place ${street} ${from}–${to} inside ${districtKey}`);
}

function main(): void {
  const random = prng(0x5bf_0521);
  const cells = new Map(districtSeeds.map((d) => [d.key, powerCell(d)] as const));
  const features = districtSeeds.map((d) => {
    const ring = cells.get(d.key) as Point[];
    return {
      type: 'Feature',
      properties: { key: d.key, name: d.name, number: d.number, demo: true },
      geometry: { type: 'Polygon', coordinates: [[...ring, ring[0]]] },
    };
  });
  const geojson = {
    type: 'FeatureCollection',
    // Not the official boundaries: an approximate partition for demonstration.
    name: 'Bielefeld Stadtbezirke (Demo, angenähert)',
    features,
  };
  const houses = streetSegments.flatMap((segment) => layOut(segment, cells, random));
  const lines = ['street;house_number;house_number_suffix;postcode;district;lat;lon'];
  for (const h of houses) {
    lines.push([h.street, h.number, h.suffix, h.postcode, h.district, round(h.at[1], 6), round(h.at[0], 6)].join(';'));
  }
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(join(dataDir, 'districts.geojson'), `${JSON.stringify(geojson)}\n`);
  writeFileSync(join(dataDir, 'addresses.csv'), `${lines.join('\n')}\n`);
  const streets = new Set(streetSegments.map((s) => s[0])).size;
  console.log(`${features.length} districts, ${streets} streets, ${houses.length} addresses written to ${dataDir}`);
}

main();
