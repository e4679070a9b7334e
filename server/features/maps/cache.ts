import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, stat, unlink, utimes, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';

interface Entry {
  size: number;
  /** When the tile was fetched (the file's modification time). */
  storedAt: number;
  /** Last use, for least-recently-used eviction. */
  used: number;
}

export interface CachedTile {
  body: Buffer;
  storedAt: number;
}

/** After an eviction the cache is this share of its limit, so not every new tile evicts again. */
const lowWater = 0.9;

/**
 * Tiles on disk below one folder, at most `maxBytes` in total: the least recently used are deleted when a new tile
 * would pass the limit. Files are written under a temporary name and renamed, so a reader never sees half a tile.
 * The index (size, age, last use) is kept in memory, read from the folder on first use.
 */
export class TileCache {
  private readonly entries = new Map<string, Entry>();
  private total = 0;
  private clock = 0;
  private loading: Promise<void> | undefined;

  constructor(
    readonly dir: string,
    readonly maxBytes: number,
  ) {}

  /** Bytes the cached tiles take. */
  async size(): Promise<number> {
    await this.load();
    return this.total;
  }

  /** A cached tile and when it was fetched; undefined when it is not cached. */
  async get(key: string): Promise<CachedTile | undefined> {
    await this.load();
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    try {
      const body = await readFile(this.path(key));
      entry.used = ++this.clock;
      return { body, storedAt: entry.storedAt };
    } catch {
      this.forget(key);
      return undefined;
    }
  }

  /** Stores a tile fetched at `storedAt` (ms), replacing an older copy, and evicts what passes the limit. */
  async put(key: string, body: Buffer, storedAt: number): Promise<void> {
    if (body.length > this.maxBytes) return;
    await this.load();
    const path = this.path(key);
    await mkdir(dirname(path), { recursive: true });
    const temp = `${path}.${randomBytes(4).toString('hex')}.tmp`;
    await writeFile(temp, body);
    await utimes(temp, storedAt / 1000, storedAt / 1000);
    await rename(temp, path);
    this.forget(key);
    this.entries.set(key, { size: body.length, storedAt, used: ++this.clock });
    this.total += body.length;
    if (this.total > this.maxBytes) await this.evict();
  }

  private async evict(): Promise<void> {
    const victims = [...this.entries].sort((a, b) => a[1].used - b[1].used);
    const removed: string[] = [];
    for (const [key] of victims) {
      if (this.total <= this.maxBytes * lowWater) break;
      this.forget(key);
      removed.push(key);
    }
    await Promise.all(removed.map((key) => unlink(this.path(key)).catch(() => undefined)));
  }

  private forget(key: string): void {
    const old = this.entries.get(key);
    if (!old) return;
    this.total -= old.size;
    this.entries.delete(key);
  }

  private path(key: string): string {
    return join(this.dir, `${key}.tile`);
  }

  private load(): Promise<void> {
    this.loading ??= this.scan();
    return this.loading;
  }

  /** Reads the folder once: tiles kept from an earlier run count against the limit, oldest first out. */
  private async scan(): Promise<void> {
    const files = await readdir(this.dir, { recursive: true }).catch(() => [] as string[]);
    const found: [string, Entry][] = [];
    for (const file of files) {
      const full = join(this.dir, file);
      if (file.endsWith('.tmp')) {
        await unlink(full).catch(() => undefined);
        continue;
      }
      if (!file.endsWith('.tile')) continue;
      const info = await stat(full).catch(() => undefined);
      if (!info?.isFile()) continue;
      const key = relative(this.dir, full).slice(0, -'.tile'.length).split(sep).join('/');
      found.push([key, { size: info.size, storedAt: info.mtimeMs, used: 0 }]);
    }
    found.sort((a, b) => a[1].storedAt - b[1].storedAt);
    for (const [key, entry] of found) {
      if (this.entries.has(key)) continue;
      entry.used = ++this.clock;
      this.entries.set(key, entry);
      this.total += entry.size;
    }
    if (this.total > this.maxBytes) await this.evict();
  }
}
