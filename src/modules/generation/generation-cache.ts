import type { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';
import type { Metrics } from '../../infra/metrics.js';
import type { WrittenPost } from './writer-types.js';

export type CachedPost = Pick<WrittenPost, 'content' | 'hashtags' | 'provider' | 'image'>;

export interface GenerationCache {
  get(key: string): Promise<CachedPost | undefined>;
  set(key: string, post: CachedPost): Promise<void>;
}

const MAX_LOCAL_ENTRIES = 1000;

/**
 * Finished posts by generationCacheKey for `ttlSeconds`: in Redis when given (shared by every
 * instance and worker), in this process otherwise. A TTL of 0 turns it off.
 */
export function createGenerationCache(ttlSeconds: number, redis?: { client: Redis; prefix: string }, metrics?: Metrics): GenerationCache {
  const count = (result: 'hit' | 'miss') => metrics?.cacheRequests.inc({ cache: 'generation', result });
  if (ttlSeconds === 0) {
    return {
      get: async () => {
        count('miss');
        return undefined;
      },
      set: async () => {},
    };
  }
  if (redis) {
    const keyOf = (key: string) => `${redis.prefix}generation:cache:${key}`;
    return {
      // Redis down: a miss, and nothing remembered; the writer still writes.
      async get(key) {
        const raw = await redis.client.get(keyOf(key)).catch(() => null);
        count(raw ? 'hit' : 'miss');
        return raw ? (JSON.parse(raw) as CachedPost) : undefined;
      },
      async set(key, post) {
        await redis.client.set(keyOf(key), JSON.stringify(post), 'EX', ttlSeconds).catch(() => undefined);
      },
    };
  }
  const lru = new LRUCache<string, CachedPost>({ max: MAX_LOCAL_ENTRIES, ttl: ttlSeconds * 1000 });
  return {
    async get(key) {
      const post = lru.get(key);
      count(post ? 'hit' : 'miss');
      return post;
    },
    async set(key, post) {
      lru.set(key, post);
    },
  };
}
