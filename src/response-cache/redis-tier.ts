import type { Redis } from 'ioredis';
import { type CachedResponse, decodeCachedResponse, encodeCachedResponse } from './cached-response.js';

/** How long an invalidation is remembered, so a response computed before it cannot be stored after it. */
export const INVALIDATION_MEMORY_MS = 60_000;
/** An index extended for a member lives this many times that member's TTL (see SET_SCRIPT). */
const INDEX_TTL_SLACK = 1.5;

/*
 * Stores a response unless one of its entities was invalidated after the response's execution began.
 * Each entity index is a sorted set scored by member expiry that always outlives its members: when
 * a member would outlive it, its TTL is pushed to half as long again as that member's, and expired
 * members are trimmed then. A busy index is thus trimmed and extended about twice per TTL rather
 * than on every write (two Redis calls per entity instead of four, which was most of a store's
 * cost), and never holds more than one and a half TTLs of members.
 * KEYS: response key, then n index keys, then n invalidation-marker keys.
 * ARGV: value, ttl in whole seconds, expiresAt ms, now ms, startedAt ms, n, index ttl in seconds.
 */
const SET_SCRIPT = `
local n = tonumber(ARGV[6])
if n > 0 then
  local startedAt = tonumber(ARGV[5])
  local markers = redis.call('MGET', unpack(KEYS, 2 + n, 1 + 2 * n))
  for i = 1, n do
    if markers[i] and tonumber(markers[i]) >= startedAt then return 0 end
  end
end
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
local ttl = tonumber(ARGV[2])
for i = 1, n do
  local index = KEYS[1 + i]
  redis.call('ZADD', index, ARGV[3], KEYS[1])
  if redis.call('TTL', index) < ttl then
    redis.call('ZREMRANGEBYSCORE', index, '-inf', ARGV[4])
    redis.call('EXPIRE', index, ARGV[7])
  end
end
return 1
`;

/*
 * Deletes every response listed in the entity indexes, the indexes themselves, and marks the
 * entities as invalidated now. KEYS: n index keys, then n marker keys. ARGV: now ms, marker ttl ms, n.
 */
const INVALIDATE_SCRIPT = `
local n = tonumber(ARGV[3])
local removed = 0
for i = 1, n do
  local members = redis.call('ZRANGE', KEYS[i], 0, -1)
  for _, key in ipairs(members) do removed = removed + redis.call('UNLINK', key) end
  redis.call('UNLINK', KEYS[i])
  redis.call('SET', KEYS[n + i], ARGV[1], 'PX', ARGV[2])
end
return removed
`;

/*
 * Marks every response listed in the entity indexes stale (see `staleAfterChange`): its value's
 * first line becomes min(expiry, now + lag) and its TTL follows; its second becomes now unless it is
 * stale already (a mark still ahead, its TTL's end, is not stale yet). Also marks the entities as
 * changed now, so a response computed before the change is not stored after it.
 * KEYS: n index keys, then n marker keys. ARGV: now ms, lag ms, marker ttl ms, n.
 */
const MARK_STALE_SCRIPT = `
local now = tonumber(ARGV[1])
local n = tonumber(ARGV[4])
local marked = 0
for i = 1, n do
  local members = redis.call('ZRANGE', KEYS[i], 0, -1)
  for _, key in ipairs(members) do
    local value = redis.call('GET', key)
    if value then
      local first = string.find(value, '\\n', 1, true)
      local second = first and string.find(value, '\\n', first + 1, true)
      if second then
        local expiry = tonumber(string.sub(value, 1, first - 1))
        local mark = string.sub(value, first + 1, second - 1)
        local fresh = mark == '' or tonumber(mark) > now
        local deadline = math.min(expiry, now + tonumber(ARGV[2]))
        if fresh or deadline < expiry then
          if deadline > now then
            if fresh then mark = ARGV[1] end
            redis.call('SET', key, string.format('%d', deadline) .. '\\n' .. mark .. string.sub(value, second), 'PX', deadline - now)
            marked = marked + 1
          else
            redis.call('UNLINK', key)
          end
        end
      end
    end
  end
  redis.call('SET', KEYS[n + i], ARGV[1], 'PX', ARGV[3])
end
return marked
`;

type ScriptedRedis = Redis & {
  responseCacheSet(...args: (string | number)[]): Promise<number>;
  responseCacheInvalidate(...args: (string | number)[]): Promise<number>;
  responseCacheMarkStale(...args: (string | number)[]): Promise<number>;
};

/**
 * The shared level in Redis. Keys live under `<prefix>rc:`: `r5:<hash>` responses (EX, seconds; the
 * number is the value layout's version, so instances of an older layout never read these; r4: the
 * stale mark may lie in the future, at the end of the TTL; r5: a line of excepted workspaces),
 * `e:<entity>` indexes, `i:<entity>` invalidation markers. Nothing here uses KEYS.
 */
export class RedisResponseTier {
  private readonly redis: ScriptedRedis;

  constructor(
    redis: Redis,
    private readonly prefix: string,
  ) {
    if (!('responseCacheSet' in redis)) {
      redis.defineCommand('responseCacheSet', { lua: SET_SCRIPT });
      redis.defineCommand('responseCacheInvalidate', { lua: INVALIDATE_SCRIPT });
      redis.defineCommand('responseCacheMarkStale', { lua: MARK_STALE_SCRIPT });
    }
    this.redis = redis as ScriptedRedis;
  }

  responseKey(key: string) {
    return `${this.prefix}r5:${key}`;
  }

  indexKey(entity: string) {
    return `${this.prefix}e:${entity}`;
  }

  async get(key: string): Promise<CachedResponse | undefined> {
    const value = await this.redis.get(this.responseKey(key));
    return value === null ? undefined : decodeCachedResponse(value);
  }

  /** Several responses in one round trip, in the order asked. */
  async getMany(keys: readonly string[]): Promise<(CachedResponse | undefined)[]> {
    const values = await this.redis.mget(...keys.map((key) => this.responseKey(key)));
    return values.map((value) => (value === null ? undefined : decodeCachedResponse(value)));
  }

  /** Resolves false when an invalidation raced the execution and the response was not stored. */
  async set(key: string, entry: CachedResponse, now: number, startedAt: number): Promise<boolean> {
    const ttlSeconds = Math.max(1, Math.ceil((entry.expiresAt - now) / 1000));
    const n = entry.entities.length;
    const stored = await this.redis.responseCacheSet(
      1 + 2 * n,
      this.responseKey(key),
      ...entry.entities.map((e) => this.indexKey(e)),
      ...entry.entities.map((e) => `${this.prefix}i:${e}`),
      encodeCachedResponse(entry),
      ttlSeconds,
      entry.expiresAt,
      now,
      startedAt,
      n,
      Math.ceil(ttlSeconds * INDEX_TTL_SLACK),
    );
    return stored === 1;
  }

  /** Returns how many responses were removed. */
  async invalidate(entities: readonly string[], now: number): Promise<number> {
    if (!entities.length) return 0;
    return this.redis.responseCacheInvalidate(...this.indexAndMarkerKeys(entities), now, INVALIDATION_MEMORY_MS, entities.length);
  }

  /** Returns how many responses were marked stale. */
  async markStale(entities: readonly string[], now: number, lagMs: number): Promise<number> {
    if (!entities.length) return 0;
    return this.redis.responseCacheMarkStale(...this.indexAndMarkerKeys(entities), now, lagMs, INVALIDATION_MEMORY_MS, entities.length);
  }

  /** The key count, then the entities' index keys, then their invalidation-marker keys: how both scripts take them. */
  private indexAndMarkerKeys(entities: readonly string[]): (string | number)[] {
    return [2 * entities.length, ...entities.map((e) => this.indexKey(e)), ...entities.map((e) => `${this.prefix}i:${e}`)];
  }

  /** Removes every response cache key (SCAN, never KEYS); used after invalidations were lost. */
  async clear(): Promise<void> {
    let cursor = '0';
    do {
      const [next, keys] = await this.redis.scan(cursor, 'MATCH', `${this.prefix}*`, 'COUNT', 500);
      if (keys.length) await this.redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  }
}
