import type { Redis } from 'ioredis';
import type { Database } from './db/database.js';

export interface ReadinessCheck {
  name: string;
  /** Resolves when healthy; `degraded` checks report but do not fail readiness. */
  check(): Promise<void>;
  degraded?: boolean;
}

export interface HealthReport {
  status: 'ok' | 'degraded' | 'unavailable';
  checks: Record<string, { status: 'ok' | 'failed'; latencyMs: number; error?: string }>;
}

const withTimeout = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms).unref())]);

export const databaseCheck = (db: Database): ReadinessCheck => ({ name: 'database', check: () => db.ping() });

/** Redis down degrades the service (in-process cache, per-instance pub/sub) but does not stop it. */
export const redisCheck = (redis: Pick<Redis, 'status' | 'ping'>): ReadinessCheck => ({
  name: 'redis',
  degraded: true,
  async check() {
    if (redis.status !== 'ready') throw new Error(`redis connection is ${redis.status}`);
    await redis.ping();
  },
});

export async function runChecks(checks: readonly ReadinessCheck[], timeoutMs = 2000): Promise<HealthReport> {
  const report: HealthReport = { status: 'ok', checks: {} };
  await Promise.all(
    checks.map(async ({ name, check, degraded }) => {
      const started = performance.now();
      try {
        await withTimeout(check(), timeoutMs);
        report.checks[name] = { status: 'ok', latencyMs: Math.round(performance.now() - started) };
      } catch (error) {
        report.checks[name] = { status: 'failed', latencyMs: Math.round(performance.now() - started), error: (error as Error).message };
        if (!degraded) report.status = 'unavailable';
        else if (report.status === 'ok') report.status = 'degraded';
      }
    }),
  );
  return report;
}
