import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from '../infra/logger.js';
import type { Metrics } from '../infra/metrics.js';
import { type CacheCaller, servesCaller, servesCallerNow } from './cache-caller.js';
import type { CachedResponse } from './cached-response.js';
import { LocalResponseTier, type LocalTierLimits } from './local-tier.js';
import { INVALIDATION_MEMORY_MS, RedisResponseTier } from './redis-tier.js';
import { ownKey } from './response-key.js';

export interface ResponseStoreOptions extends LocalTierLimits {
  logger: Logger;
  metrics?: Metrics;
  /** Shared level; without it the cache is in process only. */
  redis?: {
    /** Commands (get, set, invalidate, publish). */
    client: Redis;
    /** A dedicated connection for SUBSCRIBE. */
    subscriber: Redis;
    /** Namespace for keys and the invalidation channel, e.g. "lpa:rc:". */
    prefix: string;
    /**
     * Longest time an entry may live in process when Redis is shared: pub/sub is at-most-once,
     * so this bounds how long a missed invalidation message could leave an instance stale.
     */
    localTtlMs: number;
  };
  now?: () => number;
}

export type ResponseStoreState = 'local' | 'shared' | 'degraded';

/** Pending invalidations kept while Redis is unreachable; beyond this the shared level is wiped instead. */
const MAX_PENDING_INVALIDATIONS = 10_000;

/**
 * Two-level response cache: an in-process LRU in front of Redis. Instances announce every
 * invalidation on a Redis channel so their in-process levels drop the same entities. While Redis is
 * unreachable it serves from process memory only, remembers the invalidations it could not apply,
 * and applies them (then flushes its in-process level, which may have missed announcements) before
 * it reads Redis again.
 */
export class ResponseStore {
  private readonly local: LocalResponseTier;
  private readonly shared?: RedisResponseTier;
  private readonly recentInvalidations = new Map<string, number>();
  private readonly pending = new Set<string>();
  private pendingOverflow = false;
  private deferring = false;
  private sharedUsable: boolean;
  private readonly instanceId = randomUUID();
  private readonly channel: string = '';
  private readonly now: () => number;
  private readonly labels = { cache: 'response' } as const;

  constructor(private readonly options: ResponseStoreOptions) {
    this.now = options.now ?? (() => Date.now());
    this.local = new LocalResponseTier(options, (count) => options.metrics?.cacheEvictions.inc(this.labels, count));
    const redis = options.redis;
    this.sharedUsable = false;
    if (!redis) return;
    this.shared = new RedisResponseTier(redis.client, redis.prefix);
    this.channel = `${redis.prefix}invalidate`;
    const channel = this.channel;
    this.sharedUsable = redis.client.status === 'ready';
    redis.client.on('ready', () => void this.reconnected());
    redis.client.on('close', () => (this.sharedUsable = false));
    redis.subscriber.on('message', (channel: string, message: string) => {
      if (channel === this.channel) this.onAnnouncement(message);
    });
    redis.subscriber.on('ready', () => {
      void redis.subscriber.subscribe(channel).catch((error: unknown) => options.logger.warn({ err: error }, 'response cache: subscribe failed'));
      // Announcements sent while we were disconnected are lost: forget what we hold in process.
      this.local.clear();
    });
    if (redis.subscriber.status === 'ready') void redis.subscriber.subscribe(channel);
  }

  /** 'local' without Redis, 'shared' with it, 'degraded' while Redis is configured but unusable. */
  get state(): ResponseStoreState {
    if (!this.shared) return 'local';
    return this.sharedUsable ? 'shared' : 'degraded';
  }

  /** The in-process level first, then Redis (when usable); counts nothing, see `recordLookup`. */
  async get(key: string): Promise<CachedResponse | undefined> {
    const now = this.now();
    const local = this.local.get(key, now);
    if (local || !this.shared || !this.sharedUsable) return local;
    try {
      const entry = await this.shared.get(key);
      if (!entry || entry.expiresAt <= now) return undefined;
      this.local.set(key, this.forLocal(entry, now), now);
      return entry;
    } catch (error) {
      this.options.logger.debug({ err: error }, 'response cache: redis get failed');
      return undefined;
    }
  }

  /** The in-process level only, synchronously: the HTTP fast path tries it before any await. */
  peek(key: string): CachedResponse | undefined {
    return this.local.get(key, this.now());
  }

  /**
   * A caller's answer to a request: the shared entry unless it excepts them (their session, or a
   * workspace they belong to: their memberships are loaded only then), else their own entry. In
   * process first, then both keys from Redis in one round trip.
   */
  async lookup(sharedKey: string, caller: CacheCaller): Promise<CachedResponse | undefined> {
    const local = this.peekFor(sharedKey, caller);
    if (local) return local;
    const [shared, own] = await this.fromEitherLevel([sharedKey, ownKey(sharedKey, caller.session)]);
    if (shared && (await servesCaller(shared, caller))) return shared;
    return own;
  }

  /**
   * `lookup` in the in-process level only, synchronously; undefined also when the shared entry
   * excepts members of a workspace and the caller's memberships are not at hand (`lookup` loads them).
   */
  peekFor(sharedKey: string, caller: CacheCaller): CachedResponse | undefined {
    const now = this.now();
    const shared = this.local.get(sharedKey, now);
    if (shared) {
      const serves = servesCallerNow(shared, caller);
      if (serves === undefined) return undefined;
      if (serves) return shared;
    }
    return this.local.get(ownKey(sharedKey, caller.session), now);
  }

  /** `lookup` in the in-process level only, loading the caller's memberships if the shared entry needs them. */
  async inProcess(sharedKey: string, caller: CacheCaller): Promise<CachedResponse | undefined> {
    const shared = this.local.get(sharedKey, this.now());
    if (shared && (await servesCaller(shared, caller))) return shared;
    return this.local.get(ownKey(sharedKey, caller.session), this.now());
  }

  /** The entries from Redis when usable (kept in process too), else from the in-process level. */
  private async fromEitherLevel(keys: readonly string[]): Promise<(CachedResponse | undefined)[]> {
    const now = this.now();
    const local = keys.map((key) => this.local.get(key, now));
    if (!this.shared || !this.sharedUsable) return local;
    try {
      const entries = await this.shared.getMany(keys);
      return entries.map((entry, i) => {
        if (!entry || entry.expiresAt <= now) return local[i];
        this.local.set(keys[i]!, this.forLocal(entry, now), now);
        return entry;
      });
    } catch (error) {
      this.options.logger.debug({ err: error }, 'response cache: redis get failed');
      return local;
    }
  }

  /** Counts one look-up of a query in metrics (callers know whether it was a query, and its bounded operation label). */
  recordLookup(hit: boolean, operation: string): void {
    this.options.metrics?.cacheRequests.inc({ cache: 'response', result: hit ? 'hit' : 'miss', operation });
  }

  /** Stores a response unless one of its entities was invalidated after `startedAt` (execution start). */
  async set(key: string, entry: CachedResponse, startedAt: number): Promise<void> {
    const now = this.now();
    if (entry.entities.some((e) => (this.recentInvalidations.get(e) ?? -Infinity) >= startedAt)) return;
    this.local.set(key, this.forLocal(entry, now), now);
    if (!this.shared || !this.sharedUsable) return;
    try {
      const stored = await this.shared.set(key, entry, now, startedAt);
      // Refused: one of its entities changed on another instance meanwhile. That instance's
      // announcement evicts what else holds them; only this response is known to be stale.
      if (!stored) this.local.delete(key);
    } catch (error) {
      this.options.logger.debug({ err: error }, 'response cache: redis set failed');
    }
  }

  /** Drops every cached response that contains one of the entity keys, on every instance. */
  async invalidate(entities: readonly string[]): Promise<void> {
    if (!entities.length) return;
    const now = this.now();
    this.remember(entities, now);
    let removed = this.local.invalidate(entities);
    if (this.shared) {
      try {
        if (!this.sharedUsable) throw new Error('redis is not ready');
        removed += await this.shared.invalidate(entities, now);
        await this.options.redis!.client.publish(this.channel, JSON.stringify({ from: this.instanceId, entities }));
      } catch (error) {
        this.defer(entities, error);
      }
    }
    if (removed) this.options.metrics?.cacheEvictions.inc(this.labels, removed);
  }

  /**
   * Like `invalidate`, for changes answers may lag by at most `lagMs`: every cached response that
   * contains one of the entities is still served, stale, until `lagMs` after the first such change
   * (never past its own expiry), and its first reader has it re-executed (see `CachedResponse.staleSince`).
   * A response whose execution began before the change is not stored after it.
   */
  async markStale(entities: readonly string[], lagMs: number): Promise<void> {
    if (!entities.length) return;
    const now = this.now();
    this.remember(entities, now);
    this.local.markStale(entities, now, lagMs);
    if (!this.shared) return;
    try {
      if (!this.sharedUsable) throw new Error('redis is not ready');
      await this.shared.markStale(entities, now, lagMs);
      await this.options.redis!.client.publish(this.channel, JSON.stringify({ from: this.instanceId, entities, lagMs, at: now }));
    } catch (error) {
      // Replayed as a plain invalidation: dropping more than needed is always correct.
      this.defer(entities, error);
    }
  }

  private onAnnouncement(message: string) {
    try {
      const { from, entities, lagMs, at } = JSON.parse(message) as { from: string; entities: string[]; lagMs?: number; at?: number };
      if (from === this.instanceId || !Array.isArray(entities)) return;
      const now = this.now();
      this.remember(entities, now);
      // The lag counts from the change, not from when the announcement arrived.
      if (typeof lagMs === 'number') return void this.local.markStale(entities, Math.min(now, at ?? now), lagMs);
      const removed = this.local.invalidate(entities);
      if (removed) this.options.metrics?.cacheEvictions.inc(this.labels, removed);
    } catch (error) {
      this.options.logger.warn({ err: error }, 'response cache: malformed invalidation message');
    }
  }

  private async reconnected() {
    if (!this.shared) return;
    try {
      if (this.pendingOverflow) await this.shared.clear();
      else if (this.pending.size) await this.shared.invalidate([...this.pending], this.now());
      if (this.pending.size || this.pendingOverflow) {
        await this.options.redis!.client.publish(this.channel, JSON.stringify({ from: this.instanceId, entities: [...this.pending] }));
      }
      const replayed = this.pendingOverflow ? 'all' : this.pending.size;
      this.pending.clear();
      this.pendingOverflow = false;
      this.deferring = false;
      this.local.clear();
      this.sharedUsable = true;
      this.options.logger.info({ replayed }, 'response cache: redis level back in use');
    } catch (error) {
      this.options.logger.warn({ err: error }, 'response cache: could not replay invalidations; staying in process');
    }
  }

  /** Remembers invalidations for the replay; warns once per outage, not once per write. */
  private defer(entities: readonly string[], error: unknown) {
    if (!this.deferring) {
      this.deferring = true;
      this.options.logger.warn({ err: error }, 'response cache: invalidations deferred until redis returns');
    }
    if (this.pendingOverflow) return;
    for (const entity of entities) this.pending.add(entity);
    if (this.pending.size > MAX_PENDING_INVALIDATIONS) {
      this.pending.clear();
      this.pendingOverflow = true;
    }
  }

  private remember(entities: readonly string[], now: number) {
    for (const [entity, at] of this.recentInvalidations) {
      if (at > now - INVALIDATION_MEMORY_MS) break;
      this.recentInvalidations.delete(entity);
    }
    for (const entity of entities) {
      this.recentInvalidations.delete(entity);
      this.recentInvalidations.set(entity, now);
    }
  }

  private forLocal(entry: CachedResponse, now: number): CachedResponse {
    const cap = this.options.redis?.localTtlMs;
    return cap === undefined ? entry : { ...entry, expiresAt: Math.min(entry.expiresAt, now + cap) };
  }
}
