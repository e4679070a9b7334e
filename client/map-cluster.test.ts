import { describe, expect, it } from 'vitest';
import { gridCluster } from './map-cluster.js';

describe('gridCluster', () => {
  it('joins points in one cell at their mean and keeps points in other cells apart', () => {
    const clusters = gridCluster(
      [
        { lat: 52.0, lon: 8.5, x: 10, y: 10 },
        { lat: 52.2, lon: 8.7, x: 50, y: 30 },
        { lat: 53.0, lon: 9.0, x: 70, y: 10 },
      ],
      60,
    );
    expect(clusters).toHaveLength(2);
    expect(clusters[0]?.count).toBe(2);
    expect(clusters[0]?.lat).toBeCloseTo(52.1);
    expect(clusters[0]?.lon).toBeCloseTo(8.6);
    expect(clusters[1]).toEqual({ lat: 53.0, lon: 9.0, count: 1 });
  });

  it('returns nothing for no points', () => {
    expect(gridCluster([], 60)).toEqual([]);
  });
});
