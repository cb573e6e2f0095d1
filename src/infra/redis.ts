import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from './logger.js';

export interface RedisConfig {
  url: string;
  prefix: string;
}

/**
 * A Redis connection that fails fast while Redis is down (commands are rejected instead of
 * queueing up behind a dead socket) and reconnects by itself when it returns.
 */
export function createRedis(config: RedisConfig, logger: Logger, role: string, options: RedisOptions = {}): Redis {
  const client = new Redis(config.url, {
    connectionName: `linkedin-posts-api:${role}`,
    enableOfflineQueue: true,
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
    ...options,
  });
  let healthy = true;
  client.on('error', (error) => {
    if (healthy) logger.warn({ err: error, role }, 'redis connection error');
    healthy = false;
  });
  client.on('ready', () => {
    if (!healthy) logger.info({ role }, 'redis connection restored');
    healthy = true;
  });
  return client;
}
