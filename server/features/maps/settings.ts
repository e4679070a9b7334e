import type { Municipality } from '../../platform/config.js';
import type { Bounds } from './geo.js';

/** The tiles of one municipality after the configuration's overrides (see loadConfig's resolveMapTiles). */
export interface TileSettings {
  /** A local raster PMTiles archive; when set, no upstream is asked. */
  file?: string;
  upstream: string;
  attribution: string;
  minZoom: number;
  maxZoom: number;
  /** The only area tiles are served for. */
  bounds: Bounds;
}

/** Around the start view when the municipality file names no bounds: about 35 × 35 km in Germany. */
const defaultHalfSpan = { lon: 0.25, lat: 0.16 };

/** The municipality's tile settings, or undefined when it has no background map. */
export function tileSettings(m: Municipality): TileSettings | undefined {
  const tiles = m.map.tiles;
  if (!tiles || tiles.off || !(tiles.upstream || tiles.file)) return undefined;
  const bounds: Bounds = m.map.bounds ?? [
    m.map.lon - defaultHalfSpan.lon,
    m.map.lat - defaultHalfSpan.lat,
    m.map.lon + defaultHalfSpan.lon,
    m.map.lat + defaultHalfSpan.lat,
  ];
  return {
    ...(tiles.file ? { file: tiles.file } : {}),
    upstream: tiles.file ? '' : (tiles.upstream ?? ''),
    attribution: tiles.attribution ?? '',
    minZoom: tiles.minZoom ?? 9,
    maxZoom: tiles.maxZoom ?? 18,
    bounds,
  };
}

/** The URL template browsers load tiles from: always our own origin. */
export const tileUrlTemplate = '/tiles/{z}/{x}/{y}.png';
