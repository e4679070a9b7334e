/** [lon, lat] */
export type Point = [number, number];

/** Whether a closed or open ring contains the point (ray casting; exact, unlike PostgreSQL's fuzzy `@>`). */
export function contains(ring: Point[], [x, y]: Point): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as Point;
    const [xj, yj] = ring[j] as Point;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
