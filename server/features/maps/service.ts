import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { Deps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { TileCache } from './cache.js';
import { isTile, overlaps, tileBounds } from './geo.js';
import { PmtilesFile } from './pmtiles-file.js';
import { type TileSettings, tileSettings, tileUrlTemplate } from './settings.js';

export { type TileSettings, tileSettings } from './settings.js';

/** A tile as the route answers it. */
export interface Tile {
  body: Buffer;
  contentType: string;
  /** When our server fetched it (ms); the weak ETag is made from it and the size. */
  storedAt: number;
}

/** Largest tile accepted from the upstream (a 256 px PNG is 5–60 KB). */
const maxTileBytes = 1024 * 1024;

/** The image type from the first bytes; anything else is not a tile. */
function imageType(body: Buffer): string | undefined {
  if (body.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (body[0] === 0xff && body[1] === 0xd8 && body[2] === 0xff) return 'image/jpeg';
  if (body.subarray(0, 4).toString('latin1') === 'RIFF' && body.subarray(8, 12).toString('latin1') === 'WEBP') {
    return 'image/webp';
  }
  return undefined;
}

/**
 * Map tiles from our own origin: read from a local PMTiles archive, or fetched from the configured upstream and kept
 * on disk (bounded, expiring); only for the municipality's area and zoom range, so the server is never an open proxy. One upstream request per tile at a
 * time; a failed request stores nothing, and for `retrySeconds` after it tiles not in the cache are refused at once
 * (an unreachable upstream must not make every map wait for its timeout).
 */
export class TileService {
  readonly settings: TileSettings | undefined;
  private readonly cache: TileCache | undefined;
  private readonly archive: PmtilesFile | undefined;
  private readonly inFlight = new Map<string, Promise<Tile>>();
  private downUntil = 0;
  private failing = false;

  constructor(
    private readonly deps: Pick<Deps, 'config' | 'now'>,
    private readonly log?: Pick<Logger, 'warn' | 'info'>,
  ) {
    const { config } = deps;
    this.settings = tileSettings(config.municipality);
    if (this.settings?.file) this.archive = new PmtilesFile(this.settings.file);
    else if (this.settings) {
      // A new upstream gets a new folder: tiles of two sources never mix.
      const source = createHash('sha256').update(this.settings.upstream).digest('hex').slice(0, 12);
      const dir = join(config.dataDir, 'tiles', config.municipality.id, source);
      this.cache = new TileCache(dir, config.mapTiles.cacheMb * 1024 * 1024);
    }
  }

  /** Bytes the cached tiles take (0 without tiles). */
  cacheSize(): Promise<number> {
    return this.cache?.size() ?? Promise.resolve(0);
  }

  /**
   * One tile. Throws not_found for tiles that are off, outside the area or zoom range, or missing upstream;
   * unavailable when the upstream cannot be reached and no copy is cached.
   */
  async getTile(z: number, x: number, y: number): Promise<Tile> {
    const s = this.settings;
    if (!s) throw new AppError('not_found', 'This map has no background tiles');
    if (z < s.minZoom || z > s.maxZoom) {
      throw new AppError('not_found', `Tiles are served for zoom levels ${s.minZoom} to ${s.maxZoom} only`);
    }
    if (!isTile(z, x, y)) throw new AppError('not_found', 'No such tile');
    if (!overlaps(tileBounds(z, x, y), s.bounds)) {
      throw new AppError('not_found', "This tile lies outside the municipality's map area");
    }
    if (this.archive) {
      const tile = await this.archive.getTile(z, x, y);
      if (!tile) throw new AppError('not_found', 'The map file has no such tile');
      return { body: tile.body, contentType: tile.contentType, storedAt: tile.modifiedAt };
    }
    const cache = this.cache as TileCache;
    const key = `${z}/${x}/${y}`;
    const cached = await cache.get(key);
    const now = this.deps.now().getTime();
    const maxAge = this.deps.config.mapTiles.maxAgeHours * 3_600_000;
    const contentType = cached && imageType(cached.body);
    if (cached && contentType && now - cached.storedAt < maxAge) return { ...cached, contentType };
    try {
      return await this.fetchOnce(key, z, x, y);
    } catch (err) {
      // An expired copy is better than no map while the upstream is away.
      if (cached && contentType) return { ...cached, contentType };
      throw err;
    }
  }

  /** One log line per outage, not one per tile: an offline machine would fill the log otherwise. */
  private markDown(reason: string): void {
    this.downUntil = this.deps.now().getTime() + this.deps.config.mapTiles.retrySeconds * 1000;
    if (this.failing) return;
    this.failing = true;
    const upstream = new URL((this.settings as TileSettings).upstream.replace(/[{}]/g, '')).origin;
    this.log?.warn({ upstream, reason }, 'map tile upstream unavailable; maps show their outlines without background');
  }

  private fetchOnce(key: string, z: number, x: number, y: number): Promise<Tile> {
    let pending = this.inFlight.get(key);
    if (!pending) {
      pending = this.fetchUpstream(key, z, x, y).finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, pending);
    }
    return pending;
  }

  private async fetchUpstream(key: string, z: number, x: number, y: number): Promise<Tile> {
    const s = this.settings as TileSettings;
    if (this.deps.now().getTime() < this.downUntil) throw unavailable();
    const url = s.upstream.replace('{z}', String(z)).replace('{x}', String(x)).replace('{y}', String(y));
    let body: Buffer;
    try {
      const res = await fetch(url, {
        signal: AbortSignal.timeout(this.deps.config.mapTiles.timeoutMs),
        headers: { accept: 'image/png,image/*;q=0.8', 'user-agent': `Buergerservice (${this.deps.config.publicUrl})` },
        redirect: 'error',
      });
      if (res.status === 404 || res.status === 204) {
        await res.body?.cancel();
        throw new AppError('not_found', 'The map source has no such tile');
      }
      if (!res.ok) {
        await res.body?.cancel();
        throw new Error(`upstream answered ${res.status}`);
      }
      if (Number(res.headers.get('content-length') ?? 0) > maxTileBytes) throw new Error('upstream tile too large');
      body = Buffer.from(await res.arrayBuffer());
    } catch (err) {
      if (err instanceof AppError) throw err;
      this.markDown((err as Error).message);
      throw unavailable();
    }
    const contentType = imageType(body);
    if (!contentType || body.length > maxTileBytes) {
      this.markDown('the answer is not an image');
      throw unavailable();
    }
    if (this.failing) this.log?.info({ upstream: new URL(url).origin }, 'map tile upstream answers again');
    this.failing = false;
    this.downUntil = 0;
    const storedAt = this.deps.now().getTime();
    await (this.cache as TileCache).put(key, body, storedAt);
    return { body, contentType, storedAt };
  }
}

function unavailable(): AppError {
  return new AppError('unavailable', 'The background map is not available at the moment');
}

/**
 * The data attributes client/reports-map.ts reads to draw the background map (our tile URL, attribution, zoom
 * range, area); none when the municipality has no tiles, so the map draws district outlines instead.
 */
export function tileLayerAttributes(m: Parameters<typeof tileSettings>[0]): Record<string, string> {
  const s = tileSettings(m);
  if (!s) return {};
  return {
    'data-tile-url': tileUrlTemplate,
    'data-tile-attribution': s.attribution,
    'data-tile-min-zoom': String(s.minZoom),
    'data-tile-max-zoom': String(s.maxZoom),
    'data-tile-bounds': s.bounds.join(','),
  };
}
