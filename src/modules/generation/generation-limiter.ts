import type { Redis } from 'ioredis';
import type { Metrics } from '../../infra/metrics.js';
import { rateLimited } from '../../shared/errors.js';

export interface RequestLimiter {
  /** Counts `cost` requests for the user in the current minute; RATE_LIMITED (nothing counted) when over the limit. */
  take(userId: string, cost: number): Promise<void>;
}

const WINDOW_SECONDS = 60;

/**
 * A fixed one-minute window per user: Redis INCRBY + EXPIRE when shared, a map in this process
 * otherwise, and while Redis does not answer (each instance then allows the full budget).
 */
export function createRequestLimiter(perMinute: number, redis?: { client: Redis; prefix: string }, metrics?: Metrics): RequestLimiter {
  const refuse = (retryAfterSeconds: number) => {
    metrics?.rateLimitRejections.inc({ limit: 'generation' });
    return rateLimited(retryAfterSeconds, `You can ask for at most ${perMinute} generated posts a minute.`);
  };
  const windows = new Map<string, { used: number; resetAt: number }>();
  const takeHere = (userId: string, cost: number) => {
    const now = Date.now();
    for (const [id, window] of windows) if (window.resetAt <= now) windows.delete(id);
    const window = windows.get(userId) ?? { used: 0, resetAt: now + WINDOW_SECONDS * 1000 };
    if (window.used + cost > perMinute) throw refuse((window.resetAt - now) / 1000);
    window.used += cost;
    windows.set(userId, window);
  };
  if (!redis) return { take: async (userId, cost) => takeHere(userId, cost) };
  const takeShared = async (userId: string, cost: number): Promise<number | undefined> => {
    const key = `${redis.prefix}generation:limit:${userId}`;
    const [[, used], [, ttl]] = (await redis.client.multi().incrby(key, cost).ttl(key).exec()) as [[null, number], [null, number]];
    if (ttl < 0) await redis.client.expire(key, WINDOW_SECONDS);
    if (used <= perMinute) return undefined;
    await redis.client.decrby(key, cost);
    return ttl > 0 ? ttl : WINDOW_SECONDS;
  };
  return {
    async take(userId, cost) {
      let retryAfter: number | undefined;
      try {
        retryAfter = await takeShared(userId, cost);
      } catch {
        return takeHere(userId, cost);
      }
      if (retryAfter !== undefined) throw refuse(retryAfter);
    },
  };
}
