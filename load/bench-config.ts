import type { DatasetSpec } from './seed.js';

export interface BenchConfig {
  quick: boolean;
  dataset: DatasetSpec;
  /** Seeded users logged in through the API; their tokens drive every authenticated request. */
  tokenUsers: number;
  postPages: number;
  connections: number;
  durationSec: number;
  /** Requests of each single-connection latency scenario (after a tenth as many to warm up). */
  sequentialRequests: number;
  subscribers: number;
  generationJobs: number;
  subscriptionTimeoutMs: number;
  embedded: { users: number; postsPerUser: number; durationSec: number };
  redisUrl: string;
  redisPrefix: string;
  /**
   * `--only=cached-post,bare-node-http`: run just these scenarios or baselines (names as in the
   * table's scenario or target column, or `embedded`); results go to latest-partial.json. With `--ab`, the cases
   * of the A/B pass (see `abCases`).
   */
  only?: ReadonlySet<string>;
  /** `--ab=<git-ref> [--pairs=N]`: the A/B pass (load/ab.ts) instead of the whole bench. */
  ab?: AbOptions;
}

/** Measure the API of `ref` (A) against this checkout's (B), alternating A B over `pairs` pairs. */
export interface AbOptions {
  ref: string;
  pairs: number;
}

const DEFAULT_PAIRS = 3;

/**
 * The V8 heap limit the deployment gives the API (NODE_OPTIONS in docker-compose.yml and
 * docker/k8s, for its 512 MiB container), so its RSS is measured as it runs there rather than
 * with the lazy collection V8 allows on a machine with gigabytes free.
 */
export const DEPLOYED_HEAP_FLAG = '--max-old-space-size=384';

const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
/**
 * BENCH_DATABASE names the full dataset's database (default lpa_bench), and with `_quick` the quick
 * one's (default lpa_bench_quick): a branch with other migrations seeds its own instead of reseeding,
 * and dropping, the ones other checkouts use.
 */
const DATABASE = process.env.BENCH_DATABASE ?? 'lpa_bench';
const QUICK_DATABASE = process.env.BENCH_DATABASE ? `${process.env.BENCH_DATABASE}_quick` : 'lpa_bench_quick';

export function benchConfig(argv: readonly string[]): BenchConfig {
  const quick = argv.includes('--quick');
  const onlyArg = argv.find((a) => a.startsWith('--only='));
  const only = onlyArg ? new Set(onlyArg.slice('--only='.length).split(',').filter(Boolean)) : undefined;
  const ab = abOptions(argv);
  return { ...sized(quick), ...(only ? { only } : {}), ...(ab ? { ab } : {}) };
}

/** Reads `--ab=<git-ref>` and `--pairs=N`; throws on a malformed one rather than running the whole bench instead. */
function abOptions(argv: readonly string[]): AbOptions | undefined {
  for (const name of ['--ab', '--pairs']) if (argv.includes(name)) throw new Error(`${name} takes its value after "=": ${name}=<value>`);
  const value = (name: string) => argv.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
  const ref = value('--ab');
  const pairs = value('--pairs');
  if (ref === undefined) {
    if (pairs !== undefined) throw new Error('--pairs goes with --ab=<git-ref>');
    return undefined;
  }
  if (!ref) throw new Error('--ab needs a git ref: --ab=<git-ref>');
  const count = pairs === undefined ? DEFAULT_PAIRS : Number(pairs);
  if (!Number.isInteger(count) || count < 1) throw new Error(`--pairs takes a whole number from 1, not "${pairs}"`);
  return { ref, pairs: count };
}

function sized(quick: boolean): BenchConfig {
  return quick
    ? {
        quick,
        dataset: { database: QUICK_DATABASE, users: 200, posts: 2_000, events: 20_000, team: { members: 5, posts: 500 } },
        tokenUsers: 20,
        postPages: 2,
        connections: 8,
        durationSec: 3,
        sequentialRequests: 50,
        subscribers: 200,
        generationJobs: 4,
        subscriptionTimeoutMs: 30_000,
        embedded: { users: 4, postsPerUser: 5, durationSec: 2 },
        redisUrl: REDIS_URL,
        redisPrefix: `lpa:bench-quick:${process.pid}:`,
      }
    : {
        quick,
        dataset: { database: DATABASE, users: 5_000, posts: 100_000, events: 1_000_000, team: { members: 20, posts: 10_000 } },
        tokenUsers: 200,
        postPages: 10,
        connections: 32,
        durationSec: 15,
        sequentialRequests: 300,
        subscribers: 5_000,
        generationJobs: 20,
        subscriptionTimeoutMs: 90_000,
        embedded: { users: 20, postsPerUser: 10, durationSec: 8 },
        redisUrl: REDIS_URL,
        redisPrefix: `lpa:bench:${process.pid}:`,
      };
}
