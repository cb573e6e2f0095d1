import { LRUCache } from 'lru-cache';
import { type CachedResponse, staleAfterChange } from './cached-response.js';

/** Bounds for the in-process level: whichever is reached first evicts the least recently used. */
export interface LocalTierLimits {
  maxEntries: number;
  /** Approximate bytes of bodies, keys and entity lists together. */
  maxBytes: number;
}

/** UTF-16 code units: what a string costs in memory, give or take V8's one-byte strings. */
const sizeOf = (entry: CachedResponse, key: string) => entry.body.length + key.length + entry.entities.reduce((sum, e) => sum + e.length + 16, 0);

/**
 * The in-process level: an LRU of serialised responses plus an entity → response index, so an
 * invalidation removes exactly the responses that contained the entity. Bounded by bytes as well as
 * entries, because one feed page weighs as much as a hundred post look-ups.
 */
export class LocalResponseTier {
  private readonly entries: LRUCache<string, CachedResponse>;
  private readonly byEntity = new Map<string, Set<string>>();

  constructor(limits: LocalTierLimits, onEvict: (count: number) => void) {
    this.entries = new LRUCache<string, CachedResponse>({
      max: limits.maxEntries,
      maxSize: limits.maxBytes,
      sizeCalculation: sizeOf,
      dispose: (entry, key, reason) => {
        this.unindex(key, entry.entities);
        if (reason === 'evict') onEvict(1);
      },
    });
  }

  get(key: string, now: number): CachedResponse | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= now) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  set(key: string, entry: CachedResponse, now: number): void {
    const ttl = entry.expiresAt - now;
    if (ttl <= 0) return;
    this.entries.set(key, entry, { ttl });
    for (const entity of entry.entities) {
      let keys = this.byEntity.get(entity);
      if (!keys) this.byEntity.set(entity, (keys = new Set()));
      keys.add(key);
    }
  }

  /** Removes every response that contained one of the entities; returns how many. */
  invalidate(entities: Iterable<string>): number {
    let removed = 0;
    for (const entity of entities) {
      for (const key of [...(this.byEntity.get(entity) ?? [])]) {
        if (this.entries.delete(key)) removed++;
      }
      this.byEntity.delete(entity);
    }
    return removed;
  }

  /**
   * Keeps every response that contained one of the entities, but only within `lagMs` of now and
   * marked stale (see `staleAfterChange`); returns how many it changed.
   */
  markStale(entities: Iterable<string>, now: number, lagMs: number): number {
    if (lagMs <= 0) return this.invalidate(entities);
    const keys = new Set<string>();
    for (const entity of entities) for (const key of this.byEntity.get(entity) ?? []) keys.add(key);
    let marked = 0;
    for (const key of keys) {
      const entry = this.get(key, now);
      const lagging = entry && staleAfterChange(entry, now, lagMs);
      if (!lagging || lagging === entry) continue;
      this.set(key, lagging, now);
      marked++;
    }
    return marked;
  }

  /** Removes one response (its index entries go with it). */
  delete(key: string): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
    this.byEntity.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  private unindex(key: string, entities: readonly string[]) {
    for (const entity of entities) {
      const keys = this.byEntity.get(entity);
      if (!keys) continue;
      keys.delete(key);
      if (keys.size === 0) this.byEntity.delete(entity);
    }
  }
}
