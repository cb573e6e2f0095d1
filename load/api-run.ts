import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchConfig } from './bench-config.js';
import { DEPLOYED_HEAP_FLAG } from './bench-config.js';
import { seededRandom } from './content.js';
import { BENCH_ACCESS_TOKEN_TTL_SECONDS, type FixtureSource, type Fixtures } from './fixtures.js';
import { clearRedisPrefix } from './redis-reset.js';
import type { ScenarioResult } from './report.js';
import { runHttpScenario, type Target } from './scenario-runner.js';
import type { HttpScenario, ScenarioContext } from './scenarios/types.js';
import { type ApiBuild, startApiServer } from './server-process.js';
import type { Variant } from './targets.js';

export const SECRET_KEY = 'bench-only-secret-key-not-for-production-0123456789';

export const log = (line: string) => console.error(`[bench] ${line}`);

export function failed(name: string, target: Target, error: unknown): ScenarioResult {
  return { name, description: '', target: target.name, mode: target.mode, status: 'failed', reason: error instanceof Error ? error.message : String(error) };
}

/** Runs one HTTP scenario and logs its headline; a crash becomes a failed result rather than ending the run. */
export async function measure(scenario: HttpScenario, ctx: ScenarioContext, target: Target): Promise<ScenarioResult> {
  log(`${scenario.name} @ ${target.name} (${target.mode})`);
  try {
    const result = await runHttpScenario(scenario, ctx, target);
    log(
      `  ${result.status}${result.requestsPerSec ? ` ${result.requestsPerSec.toFixed(0)} req/s, p99 ${result.latencyMs?.p99.toFixed(1)} ms` : ` ${result.reason?.slice(0, 200) ?? ''}`}`,
    );
    for (const sample of result.errorSamples ?? []) log(`  failed: ${sample.slice(0, 300)}`);
    return result;
  } catch (error) {
    return failed(scenario.name, target, error);
  }
}

/** What the scenarios against `baseUrl` are given: the run's sizes, the fixtures, and requests seeded by `seed`. */
export function scenarioContext(config: BenchConfig, baseUrl: string, fixtures: Fixtures, seed: number, durationSec = config.durationSec): ScenarioContext {
  return {
    baseUrl,
    fixtures,
    connections: config.connections,
    durationSec,
    sequentialRequests: config.sequentialRequests,
    quick: config.quick,
    random: seededRandom(seed),
  };
}

/** The environment every API on PostgreSQL + Redis runs with, plus `extra`. */
/** Where the runs' APIs store uploaded media; removed when the bench ends. */
export const BENCH_MEDIA_DIR = join(tmpdir(), `lpa-bench-media-${process.pid}`);

export function apiEnv(_config: BenchConfig, extra: Record<string, string>): Record<string, string> {
  return {
    SECRET_KEY,
    NODE_OPTIONS: DEPLOYED_HEAP_FLAG,
    FEATURE_RATE_LIMIT: 'false',
    // subscriptions-fanout opens 5,000 subscriptions as the one user whose jobs they follow (a job is its
    // owner's to watch); the per-caller cap (200 by default) would refuse all but the first 200.
    MAX_SUBSCRIPTIONS_PER_CALLER: '10000',
    OPENAI_API_KEY: 'bench',
    OPENAI_TIMEOUT_MS: '180000',
    OPENAI_MAX_RETRIES: '0',
    GENERATION_JOB_TIMEOUT_MS: '300000',
    // The users log in once, and a full run outlasts the default 15-minute access token.
    ACCESS_TOKEN_TTL_SECONDS: String(BENCH_ACCESS_TOKEN_TTL_SECONDS),
    // Uploads (upload-image) land beside the run's other temporary files, never in the checkout.
    MEDIA_DIR: BENCH_MEDIA_DIR,
    ...extra,
  };
}

/**
 * Starts `build` as `variant` on an emptied Redis prefix, takes the fixtures' users (logged in by the first server
 * that asked), measures the variant's scenarios and stops it: a server that inherits no warm caches from any other.
 */
export async function runOnFreshApi(
  config: BenchConfig,
  build: ApiBuild,
  databaseUrl: string,
  variant: Variant,
  fixtures: FixtureSource,
  results: ScenarioResult[],
): Promise<void> {
  await clearRedisPrefix(config.redisUrl, config.redisPrefix);
  const api = await startApiServer(
    build,
    apiEnv(config, { DATABASE_URL: databaseUrl, REDIS_URL: config.redisUrl, REDIS_PREFIX: config.redisPrefix, ...variant.env }),
  );
  const target: Target = { name: variant.target, mode: variant.mode, baseUrl: api.url, metricsUrl: api.metricsUrl, rss: api.rss, pid: api.pid };
  try {
    const ctx = scenarioContext(config, api.url, await fixtures(api.url), variant.seed);
    for (const scenario of variant.scenarios) results.push(await measure(scenario, ctx, target));
  } catch (error) {
    results.push(failed(variant.target, target, error));
  } finally {
    await api.stop();
  }
}
