import { loadavg } from 'node:os';
import { join } from 'node:path';
import { buildRef, checkoutState, resolveCommit } from './ab-build.js';
import { type AbCaseResult, type AbResults, abCaseResult, formatAbTable, writeAbResults } from './ab-report.js';
import { failed, log, runOnFreshApi } from './api-run.js';
import { type BenchConfig, DEPLOYED_HEAP_FLAG } from './bench-config.js';
import { type FixtureSource, sharedFixtures } from './fixtures.js';
import { clearRedisPrefix } from './redis-reset.js';
import { describeMachine, type ScenarioResult } from './report.js';
import { dropCopy, ensureDataset, freshCopy } from './seed.js';
import { type ApiBuild, buildApi } from './server-process.js';
import { type AbCase, abCases } from './targets.js';

const NOTES = [
  "A is the API of the ref, B this checkout's working tree; each is compiled with its own tsc against its own node_modules and started as the normal run starts the API (the same environment: NODE_ENV=production, the deployed heap limit, FEATURE_RATE_LIMIT=false, PostgreSQL and Redis).",
  'Each pair measures A, then B, each on a fresh server start with the Redis prefix emptied, so neither inherits the warm caches of the other; both run on one copy of the seeded database, which the pass does not migrate (the ref must have the same migrations), with the warm-up, duration and seeded requests of the normal run.',
  "CPU ms/req is \"server / serving\" as in the harness: the API's processes, and every process but the load generator (so PostgreSQL and Redis too), over the measured window, divided by its requests. B÷A is B's over A's in the same pair (below 1, B costs less); the median over the pairs is the figure to quote, and the spread of the pairs says how far to trust it.",
];

/** What one side's API is started with beyond the normal run's environment. */
interface SideSettings {
  nodeOptions: string | undefined;
  env: Record<string, string>;
}

/** `BENCH_A_ENV` / `BENCH_B_ENV`: whitespace-separated NAME=VALUE pairs (values without spaces) for that side's API. */
export function sideEnv(text: string | undefined): Record<string, string> {
  const env: Record<string, string> = {};
  for (const pair of (text ?? '').split(/\s+/).filter(Boolean)) {
    const at = pair.indexOf('=');
    if (at < 1) throw new Error(`BENCH_A_ENV / BENCH_B_ENV take NAME=VALUE pairs, not "${pair}"`);
    env[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return env;
}

/** One scenario against one build, on a server of its own; a server that fails to start becomes a failed result. */
async function measureOnce(
  config: BenchConfig,
  build: ApiBuild,
  databaseUrl: string,
  c: AbCase,
  fixtures: FixtureSource,
  side: SideSettings,
): Promise<ScenarioResult> {
  const results: ScenarioResult[] = [];
  const env = { ...c.variant.env, ...side.env, ...(side.nodeOptions === undefined ? {} : { NODE_OPTIONS: side.nodeOptions }) };
  try {
    await runOnFreshApi(config, build, databaseUrl, { ...c.variant, env, scenarios: [c.scenario] }, fixtures, results);
  } catch (error) {
    results.push(failed(c.scenario.name, { name: c.variant.target, mode: c.variant.mode, baseUrl: '' }, error));
  }
  return results[0]!;
}

/**
 * `--ab=<git-ref>`: the selected scenarios against the ref's API (A) and this checkout's (B), alternating
 * A B for `--pairs` pairs on the same data; prints B's CPU per request over A's and writes results/latest-ab.json.
 */
export async function abPass(root: string, checkout: ApiBuild, config: BenchConfig): Promise<number> {
  const { ref: refName, pairs } = config.ab!;
  const startedAt = new Date().toISOString();
  const loadAtStart = loadavg()[0]!;
  const cases = abCases(config.only);
  const state = checkoutState(root);
  // A clean checkout against its own commit is the same code on both sides: no worktree or `npm ci`, only the node options differ.
  const sameCode = !state.dirty && resolveCommit(root, refName) === state.sha;
  const ref = sameCode ? { ...checkout, ref: refName, sha: state.sha } : await buildRef(root, refName, log);
  const sides: { a: SideSettings; b: SideSettings } = {
    a: { nodeOptions: process.env.BENCH_A_NODE_OPTIONS, env: sideEnv(process.env.BENCH_A_ENV) },
    b: { nodeOptions: process.env.BENCH_B_NODE_OPTIONS, env: sideEnv(process.env.BENCH_B_ENV) },
  };
  for (const [name, side] of Object.entries(sides)) {
    log(
      `${name.toUpperCase()}: NODE_OPTIONS "${side.nodeOptions ?? DEPLOYED_HEAP_FLAG}"${Object.keys(side.env).length ? `, ${JSON.stringify(side.env)}` : ''}`,
    );
  }
  log('compiling this checkout (tsc)');
  await buildApi(checkout);
  await ensureDataset(root, config.dataset, log);
  const databaseUrl = await freshCopy(config.dataset);
  const builds = [
    { label: `A ${ref.sha.slice(0, 7)}`, build: ref, side: sides.a },
    { label: `B ${state.sha.slice(0, 7)}${state.dirty ? '+' : ''}`, build: checkout, side: sides.b },
  ];
  const fixtures = sharedFixtures(config.tokenUsers, config.postPages);
  const measured: AbCaseResult[] = [];
  try {
    for (const c of cases) {
      const runs: { a: ScenarioResult; b: ScenarioResult }[] = [];
      for (let pair = 1; pair <= pairs; pair++) {
        const measuredSides: ScenarioResult[] = [];
        for (const { label, build, side } of builds) {
          log(`pair ${pair} of ${pairs}: ${label}`);
          measuredSides.push(await measureOnce(config, build, databaseUrl, c, fixtures, side));
        }
        runs.push({ a: measuredSides[0]!, b: measuredSides[1]! });
      }
      measured.push(abCaseResult(c.scenario.name, c.variant.target, c.variant.mode, runs));
    }
  } finally {
    await clearRedisPrefix(config.redisUrl, config.redisPrefix).catch((error: Error) => log(`could not clear ${config.redisPrefix}*: ${error.message}`));
    await dropCopy(config.dataset).catch((error: Error) => log(`could not drop this run's copy of ${config.dataset.database}: ${error.message}`));
  }
  const results: AbResults = {
    startedAt,
    finishedAt: new Date().toISOString(),
    quick: config.quick,
    a: { ref: refName, sha: ref.sha },
    b: state,
    machine: describeMachine(root, loadAtStart),
    dataset: { users: config.dataset.users, posts: config.dataset.posts, events: config.dataset.events },
    settings: {
      connections: config.connections,
      durationSec: config.durationSec,
      pairs,
      nodeOptions: { a: sides.a.nodeOptions ?? DEPLOYED_HEAP_FLAG, b: sides.b.nodeOptions ?? DEPLOYED_HEAP_FLAG },
      env: { a: sides.a.env, b: sides.b.env },
      notes: NOTES,
    },
    cases: measured,
  };
  const file = await writeAbResults(join(root, 'load', 'results'), results);
  console.log(formatAbTable(results));
  log(
    `load average ${results.machine.loadAverage.start.toFixed(1)} at start, ${results.machine.loadAverage.end.toFixed(1)} at end (${results.machine.cores} cores)`,
  );
  log(`results written to ${file}`);
  const crashed = measured.flatMap((c) => c.pairs.flatMap((p) => [p.a, p.b])).filter((r) => r.status === 'failed');
  for (const r of crashed) log(`FAILED ${r.name} @ ${r.target}: ${r.reason}`);
  return crashed.length ? 1 : 0;
}
