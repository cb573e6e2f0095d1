import { describe, expect, it } from 'vitest';
import { backoffDelayMs, decideRetry, type RetryPolicy } from '../../src/modules/publishing/retry-policy.js';

const policy: RetryPolicy = { maxAttempts: 4, baseDelayMs: 1_000, maxDelayMs: 10_000 };
const low = () => 0;
const high = () => 1;

describe('retry policy', () => {
  it('backs off exponentially with jitter between half and all of the step, capped', () => {
    expect([1, 2, 3].map((n) => backoffDelayMs(policy, n, low))).toEqual([500, 1_000, 2_000]);
    expect([1, 2, 3].map((n) => backoffDelayMs(policy, n, high))).toEqual([1_000, 2_000, 4_000]);
    expect(backoffDelayMs(policy, 20, high)).toBe(10_000);
    const spread = new Set(Array.from({ length: 20 }, () => backoffDelayMs(policy, 3)));
    expect(spread.size).toBeGreaterThan(1);
  });

  it('retries retryable failures until the attempts run out', () => {
    const failure = { category: 'server' as const, retryable: true };
    expect(decideRetry(policy, failure, 1, low)).toEqual({ action: 'retry', delayMs: 500, reason: expect.any(String) });
    expect(decideRetry(policy, failure, 3, low)).toMatchObject({ action: 'retry' });
    expect(decideRetry(policy, failure, 4, low)).toEqual({ action: 'fail', reason: 'gave up after 4 of 4 attempts' });
  });

  it('never retries non-retryable failures', () => {
    for (const category of ['unauthorized', 'duplicate', 'client'] as const) {
      expect(decideRetry(policy, { category, retryable: false }, 1)).toMatchObject({ action: 'fail' });
    }
  });

  it('waits at least as long as Retry-After, even past the backoff cap', () => {
    expect(decideRetry(policy, { category: 'rate_limited', retryable: true, retryAfterSeconds: 120 }, 1, high)).toEqual({
      action: 'retry',
      delayMs: 120_000,
      reason: 'LinkedIn asked to wait 120 s',
    });
    expect(decideRetry(policy, { category: 'rate_limited', retryable: true, retryAfterSeconds: 0 }, 2, high)).toMatchObject({
      delayMs: 2_000,
    });
  });
});
