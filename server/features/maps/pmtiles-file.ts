import { type FileHandle, open, stat } from 'node:fs/promises';
import { PMTiles, type RangeResponse, type Source, TileType } from 'pmtiles';

/** The pmtiles library's Source over a local file: byte ranges read with one open handle. */
class LocalFileSource implements Source {
  private handle: Promise<FileHandle> | undefined;

  constructor(private readonly path: string) {}

  getKey(): string {
    return this.path;
  }

  async getBytes(offset: number, length: number): Promise<RangeResponse> {
    this.handle ??= open(this.path, 'r');
    const handle = await this.handle;
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, offset);
    const data = buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + bytesRead) as ArrayBuffer;
    return { data };
  }
}

const contentTypes: Partial<Record<TileType, string>> = {
  [TileType.Png]: 'image/png',
  [TileType.Jpeg]: 'image/jpeg',
  [TileType.Webp]: 'image/webp',
};

/**
 * Raster tiles from a self-hosted PMTiles archive (for a municipality that wants no upstream at all). Throws when
 * the file holds no raster image tiles; answers undefined for a tile the archive does not have.
 */
export class PmtilesFile {
  private readonly archive: PMTiles;
  private info: Promise<{ contentType: string; modifiedAt: number }> | undefined;

  constructor(private readonly path: string) {
    this.archive = new PMTiles(new LocalFileSource(path));
  }

  /** The tile's bytes and type, or undefined when the archive has no such tile. */
  async getTile(
    z: number,
    x: number,
    y: number,
  ): Promise<{ body: Buffer; contentType: string; modifiedAt: number } | undefined> {
    this.info ??= this.describe();
    const { contentType, modifiedAt } = await this.info;
    const tile = await this.archive.getZxy(z, x, y);
    if (!tile || tile.data.byteLength === 0) return undefined;
    return { body: Buffer.from(tile.data), contentType, modifiedAt };
  }

  private async describe(): Promise<{ contentType: string; modifiedAt: number }> {
    const header = await this.archive.getHeader();
    const contentType = contentTypes[header.tileType];
    if (!contentType) throw new Error(`${this.path}: not a raster PMTiles archive (tile type ${header.tileType})`);
    return { contentType, modifiedAt: (await stat(this.path)).mtimeMs };
  }
}
