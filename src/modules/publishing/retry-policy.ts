import type { LinkedInErrorCategory } from './linkedin-api-error.js';

/**
 * When to try publishing again. Exponential backoff with jitter (so a LinkedIn outage is not met
 * by every worker at the same instant), never sooner than LinkedIn's Retry-After.
 */
export interface RetryPolicy {
  /** Attempts in total, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 5, baseDelayMs: 5_000, maxDelayMs: 15 * 60_000 };

/** What the policy needs to know about a failure: a LinkedInApiError or a stored attempt both fit. */
export interface RetryableFailure {
  category: LinkedInErrorCategory;
  retryable: boolean;
  retryAfterSeconds?: number;
}

export type RetryDecision = { action: 'retry'; delayMs: number; reason: string } | { action: 'fail'; reason: string };

/** Delay before attempt `attempt + 1`: half fixed, half random, of base·2^(attempt−1), capped. */
export function backoffDelayMs(policy: RetryPolicy, attempt: number, random: () => number = Math.random): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exponential / 2 + random() * (exponential / 2));
}

/** Decide after attempt number `attempt` (1-based) failed. */
export function decideRetry(policy: RetryPolicy, failure: RetryableFailure, attempt: number, random: () => number = Math.random): RetryDecision {
  if (!failure.retryable) return { action: 'fail', reason: `${failure.category} errors are not retried` };
  if (attempt >= policy.maxAttempts) {
    return { action: 'fail', reason: `gave up after ${attempt} of ${policy.maxAttempts} attempts` };
  }
  const backoff = backoffDelayMs(policy, attempt, random);
  const retryAfterMs = (failure.retryAfterSeconds ?? 0) * 1000;
  return retryAfterMs > backoff
    ? { action: 'retry', delayMs: retryAfterMs, reason: `LinkedIn asked to wait ${failure.retryAfterSeconds} s` }
    : { action: 'retry', delayMs: backoff, reason: `${failure.category} error, backing off` };
}
