import type { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';
import type { Logger } from './logger.js';

/** The outcome of spending from one fixed-window budget. */
export interface RateLimitDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the window resets (at least 1). */
  resetSeconds: number;
}

/** Standard headers (IETF RateLimit fields, draft 7 style plus the older triple) for a decision. */
export function rateLimitHeaders(decision: RateLimitDecision, windowSeconds: number): Record<string, string> {
  return {
    'RateLimit-Limit': String(decision.limit),
    'RateLimit-Remaining': String(decision.remaining),
    'RateLimit-Reset': String(decision.resetSeconds),
    'RateLimit-Policy': `${decision.limit};w=${windowSeconds}`,
    ...(decision.allowed ? {} : { 'Retry-After': String(decision.resetSeconds) }),
  };
}

export interface RateLimiter {
  /** Spends `cost` from the budget `key` (at most `limit` per `windowSeconds`). */
  consume(key: string, limit: number, windowSeconds: number, cost?: number): Promise<RateLimitDecision>;
  close(): Promise<void>;
}

// INCRBY and the expiry in one atomic step, so instances sharing Redis never undercount.
const CONSUME = `
local n = redis.call('INCRBY', KEYS[1], ARGV[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  ttl = tonumber(ARGV[2])
end
return {n, ttl}
`;

function decide(count: number, limit: number, ttlMs: number): RateLimitDecision {
  return {
    allowed: count <= limit,
    limit,
    remaining: Math.max(0, limit - count),
    resetSeconds: Math.max(1, Math.ceil(ttlMs / 1000)),
  };
}

/** Per-process fixed windows: the whole story without Redis, the fallback while Redis is down. */
function createMemoryWindows() {
  const windows = new LRUCache<string, { count: number; resetAt: number }>({ max: 100_000 });
  return (key: string, limit: number, windowSeconds: number, cost: number) => {
    const now = Date.now();
    let window = windows.get(key);
    if (!window || window.resetAt <= now) {
      window = { count: 0, resetAt: now + windowSeconds * 1000 };
      windows.set(key, window, { ttl: windowSeconds * 1000 });
    }
    window.count += cost;
    return decide(window.count, limit, window.resetAt - now);
  };
}

/** After a failed Redis call, how long the per-instance counters answer alone before Redis is tried again. */
const RETRY_REDIS_AFTER_MS = 2000;

/**
 * Fixed-window counters shared by every instance through Redis when `redis` is given.
 * While Redis is unreachable the limits fall back to per-instance counters (each instance
 * then allows up to the full limit on its own) instead of failing requests; they return to
 * the shared counters as soon as Redis answers again. A Redis that hangs (commands time out
 * rather than fail) is left alone for a moment after each failure, so requests do not each wait
 * out the command timeout.
 */
export function createRateLimiter(options: { redis?: Redis; prefix?: string; logger: Logger }): RateLimiter {
  const memory = createMemoryWindows();
  const { redis, prefix = '', logger } = options;
  let degraded = false;
  let retryRedisAt = 0;

  return {
    async consume(key, limit, windowSeconds, cost = 1) {
      // Not connected (starting, or an outage the connections already reported): count here, silently.
      if (redis?.status !== 'ready' || Date.now() < retryRedisAt) return memory(key, limit, windowSeconds, cost);
      try {
        const [count, ttl] = (await redis.eval(CONSUME, 1, `${prefix}ratelimit:${windowSeconds}:${key}`, cost, windowSeconds * 1000)) as [number, number];
        if (degraded) logger.info('rate limits are shared through Redis again');
        degraded = false;
        return decide(count, limit, ttl);
      } catch (error) {
        retryRedisAt = Date.now() + RETRY_REDIS_AFTER_MS;
        if (!degraded) logger.warn({ err: error }, 'Redis does not answer: rate limits fall back to per-instance counters');
        degraded = true;
        return memory(key, limit, windowSeconds, cost);
      }
    },
    async close() {
      if (redis && redis.status !== 'end') await redis.quit().catch(() => redis.disconnect());
    },
  };
}
