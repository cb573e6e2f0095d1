import { z } from 'zod';
import { int, type ParsedEnv, url } from './parsers.js';

/** PostgreSQL (or the embedded database), Redis, the job queue and the response cache. */
export const storageEnv = {
  DATABASE_URL: url(['postgres:', 'postgresql:']),
  DATABASE_POOL_MAX: int(10, 1, 500),
  DATABASE_POOL_MAX_LIFETIME_SECONDS: int(3600, 0, 7 * 24 * 3600),
  DATABASE_PREPARED_STATEMENTS: int(500, 0, 100_000),
  DATABASE_CONNECT_TIMEOUT_MS: int(5000, 100, 120000),
  DATABASE_STATEMENT_TIMEOUT_MS: int(15000, 100, 600000),
  DATA_DIR: z.string().default('./.data'),
  REDIS_URL: url(['redis:', 'rediss:']),
  REDIS_PREFIX: z.string().default('lpa:'),
  QUEUE_STALLED_INTERVAL_MS: int(30000, 100, 600000),
  RESPONSE_CACHE_MAX_ENTRIES: int(10_000, 100, 10_000_000),
  RESPONSE_CACHE_LOCAL_MAX_MB: int(32, 1, 65_536),
  RESPONSE_CACHE_LOCAL_TTL_SECONDS: int(30, 1, 3600),
};

export function storageConfig(e: ParsedEnv<typeof storageEnv>) {
  return {
    database: {
      url: e.DATABASE_URL,
      poolMax: e.DATABASE_POOL_MAX,
      poolMaxLifetimeSeconds: e.DATABASE_POOL_MAX_LIFETIME_SECONDS,
      preparedStatements: e.DATABASE_PREPARED_STATEMENTS,
      connectTimeoutMs: e.DATABASE_CONNECT_TIMEOUT_MS,
      statementTimeoutMs: e.DATABASE_STATEMENT_TIMEOUT_MS,
      dataDir: e.DATA_DIR,
    },
    redis: e.REDIS_URL ? { url: e.REDIS_URL, prefix: e.REDIS_PREFIX } : undefined,
    queue: {
      stalledIntervalMs: e.QUEUE_STALLED_INTERVAL_MS,
    },
    responseCache: {
      maxEntries: e.RESPONSE_CACHE_MAX_ENTRIES,
      maxBytes: e.RESPONSE_CACHE_LOCAL_MAX_MB * 1024 * 1024,
      localTtlMs: e.RESPONSE_CACHE_LOCAL_TTL_SECONDS * 1000,
    },
  };
}
