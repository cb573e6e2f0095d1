import type { Config } from '../config.js';
import type { Metrics } from '../infra/metrics.js';
import { type RateLimitDecision, type RateLimiter, rateLimitHeaders } from '../infra/rate-limiter.js';
import type { Caller } from '../server-context.js';

export interface AdmissionDeps {
  limiter: RateLimiter;
  limits: Pick<Config['rateLimit'], 'windowSeconds' | 'user' | 'anonymous'>;
  metrics: Metrics;
}

/**
 * The global budget per caller (per user or service, or per IP when anonymous), spent once by
 * every GraphQL request over HTTP or SSE, every WebSocket connection and every operation sent over
 * one, before anything is parsed. Tighter budgets on expensive fields are the GraphQL layer's.
 */
export function createAdmission({ limiter, limits, metrics }: AdmissionDeps) {
  const window = limits.windowSeconds;
  return {
    async admit(caller: Caller): Promise<RateLimitDecision> {
      const decision = await limiter.consume(`global:${caller.key}`, caller.anonymous ? limits.anonymous : limits.user, window);
      if (!decision.allowed) metrics.rateLimitRejections.inc({ limit: caller.anonymous ? 'anonymous' : 'user' });
      return decision;
    },
    headers: (decision: RateLimitDecision) => rateLimitHeaders(decision, window),
    /** The GraphQL error a refused request gets. */
    refusal(decision: RateLimitDecision, requestId: string) {
      return {
        message: `Too many requests: at most ${decision.limit} every ${window} s. Retry in ${decision.resetSeconds} s.`,
        extensions: { code: 'RATE_LIMITED', retryAfter: decision.resetSeconds, requestId },
      };
    },
  };
}

export type Admission = ReturnType<typeof createAdmission>;
