import type { Database } from '../infra/db/database.js';

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

/** Redis carries pub/sub (and caches): while it is down the service degrades but keeps answering. */
export const redisCheck = (ping: () => Promise<unknown>): ReadinessCheck => ({ name: 'redis', check: async () => void (await ping()), degraded: true });

export async function runChecks(checks: ReadinessCheck[], timeoutMs = 2000): Promise<HealthReport> {
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
