import type { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';

/** Documents registered by automatic persisted queries stay this long after their last registration. */
const TTL_SECONDS = 7 * 24 * 3600;
const LOCAL_MAX_CHARS = 20_000_000;

export interface ApqStore {
  get(hash: string): Promise<string | undefined>;
  set(hash: string, document: string): Promise<void>;
}

/**
 * The documents clients registered with automatic persisted queries (Apollo, urql): in process, and
 * in Redis when configured so every instance knows a document one of them was sent. Redis down means
 * in process only: a client whose hash this instance has not seen sends its document once more.
 */
export function createApqStore(redis?: { client: Redis; prefix: string }): ApqStore {
  const local = new LRUCache<string, string>({ maxSize: LOCAL_MAX_CHARS, sizeCalculation: (document) => Math.max(1, document.length) });
  const key = (hash: string) => `${redis?.prefix}apq:${hash}`;
  return {
    async get(hash) {
      const known = local.get(hash);
      if (known !== undefined || !redis) return known;
      const shared = await redis.client.get(key(hash)).catch(() => null);
      if (shared !== null) local.set(hash, shared);
      return shared ?? undefined;
    },
    async set(hash, document) {
      local.set(hash, document);
      await redis?.client.set(key(hash), document, 'EX', TTL_SECONDS).catch(() => undefined);
    },
  };
}
