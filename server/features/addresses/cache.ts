import type { Db } from '../../platform/db.js';
import { invalidateResponses } from '../../platform/http/response-cache.js';

/** Tag of the cached API answers that depend on the address register. */
export const addressesCacheTag = 'addresses';

/**
 * A small LRU cache with a time limit. Address searches repeat a lot (every keystroke of every user typing the
 * same street), and the register changes only by import: an import in this process clears the cache at once;
 * other processes (several web servers on one PostgreSQL) see it after at most `ttlMs`.
 */
export class TtlCache<V> {
  private readonly entries = new Map<string, { value: V; expires: number }>();
  constructor(
    private readonly maxEntries: number,
    private readonly ttlMs: number,
  ) {}

  get(key: string, now: number): V | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    this.entries.delete(key);
    if (hit.expires <= now) return undefined;
    this.entries.set(key, hit); // most recently used goes last
    return hit.value;
  }

  set(key: string, value: V, now: number): void {
    this.entries.delete(key);
    this.entries.set(key, { value, expires: now + this.ttlMs });
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }

  clear(): void {
    this.entries.clear();
    invalidateResponses(addressesCacheTag);
  }

  get size(): number {
    return this.entries.size;
  }
}

const caches = new WeakMap<Db, TtlCache<unknown>>();

/** The address cache of one database (tests open several databases in one process). */
export function addressCache(db: Db): TtlCache<unknown> {
  let cache = caches.get(db);
  if (!cache) {
    cache = new TtlCache(5000, 60_000);
    caches.set(db, cache);
  }
  return cache;
}
