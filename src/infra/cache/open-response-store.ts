import type { Redis } from 'ioredis';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import { createRedis, type RedisConfig } from '../redis.js';
import { ResponseStore } from './response-store.js';

export interface OpenedResponseStore {
  store: ResponseStore;
  /** The command connection, for the readiness check; absent when the cache is in process only. */
  redis?: Redis;
  close(): Promise<void>;
}

/** The response store with its own Redis connections (commands and SUBSCRIBE) when Redis is configured. */
export function openResponseStore(
  options: { redis?: RedisConfig; maxEntries: number; maxBytes: number; localTtlMs: number },
  logger: Logger,
  metrics?: Metrics,
): OpenedResponseStore {
  const limits = { maxEntries: options.maxEntries, maxBytes: options.maxBytes };
  if (!options.redis) return { store: new ResponseStore({ ...limits, logger, metrics }), close: async () => {} };
  const client = createRedis(options.redis, logger, 'response-cache');
  const subscriber = createRedis(options.redis, logger, 'response-cache-subscriber');
  const store = new ResponseStore({
    ...limits,
    logger,
    metrics,
    redis: { client, subscriber, prefix: `${options.redis.prefix}rc:`, localTtlMs: options.localTtlMs },
  });
  return {
    store,
    redis: client,
    async close() {
      client.disconnect();
      subscriber.disconnect();
    },
  };
}
