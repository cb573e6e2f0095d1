import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type FakeLinkedIn, type FakeMember, startFakeLinkedIn } from '../test/fakes/linkedin-server.js';
import { abPass } from './ab.js';
import { apiEnv, BENCH_MEDIA_DIR, failed, log, measure, runOnFreshApi, SECRET_KEY, scenarioContext } from './api-run.js';
import { type CapturedResponse, captureResponse, startBareHttp } from './baselines/bare-http.js';
import { postgraphileFeedRequest, startPostGraphile } from './baselines/postgraphile.js';
import { type BenchConfig, benchConfig, DEPLOYED_HEAP_FLAG } from './bench-config.js';
import { seedThroughApi } from './embedded-seed.js';
import { startFakeOpenAI } from './fake-openai.js';
import { type FixtureSource, loadFixtures, sharedFixtures } from './fixtures.js';
import { clearRedisPrefix } from './redis-reset.js';
import { type BenchResults, describeMachine, formatTable, ratio, type ScenarioResult, writeResults } from './report.js';
import type { Target } from './scenario-runner.js';
import { cachedPost } from './scenarios/cached-post.js';
import { COMPRESSION_PAIRS } from './scenarios/compression.js';
import { createPost } from './scenarios/create-post.js';
import { uncachedFeed } from './scenarios/feed.js';
import { FEED_FIRST_PAGE, feedReaders, pacedFeedReaders } from './scenarios/feed-readers.js';
import { search } from './scenarios/search.js';
import { runSubscriptionFanout } from './scenarios/subscriptions.js';
import type { HttpScenario, ScenarioContext } from './scenarios/types.js';
import { dropCopy, ensureDataset, freshCopy } from './seed.js';
import { benchBuild, buildApi, freePort, startApiServer } from './server-process.js';
import { API, CLUSTER_TARGET, HTTP_SCENARIOS, NO_CACHE_TARGET, variants } from './targets.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** This checkout's API, as the bench compiles it. */
const CHECKOUT = benchBuild(ROOT);
const EMBEDDED_SCENARIOS = [cachedPost, uncachedFeed, search, createPost];

const NOTES = [
  `The API runs with NODE_ENV=production, the deployment's heap limit (NODE_OPTIONS=${DEPLOYED_HEAP_FLAG}, as in docker-compose.yml and docker/k8s) and FEATURE_RATE_LIMIT=false: one load generator on loopback would otherwise be throttled by the per-client limits, which is the limit working, not the API being slow. For the same reason MAX_SUBSCRIPTIONS_PER_CALLER is 10,000: subscriptions-fanout subscribes 5,000 times as the one user who owns the jobs.`,
  'feed-uncached varies filter.createdBefore per request (a different millisecond each time), so every request misses the response cache; the PostGraphile baseline (no response cache) sends its equivalent unvaried.',
  'analytics-30d uses to = now (millisecond precision), so every summary is computed.',
  'analytics-30d-latency and feed-latency send the same requests as analytics-30d and feed-uncached one at a time over a single connection (after a warm-up of a tenth as many): the time one answer takes, without the queueing of 32 connections.',
  "The AI writer talks to a local fake of the OpenAI chat completions API that holds each completion until every subscription is in place (has received the job's state as its first event), then streams 20 named tokens 50 ms apart, written like a post (a four-word hook line, then the body, so the writer streams after the hook instead of holding the whole text); generation runs 4 jobs at a time (GENERATION_CONCURRENCY); fan-out latency is the receipt time minus the time the fake wrote the newest token in the delta (same clock).",
  "feed-500 is the feed as readers load it (the shared first page or a day page, signed in) over 500 connections; its bare node:http baseline answers the first page's captured bytes over as many, which is the ceiling for that many connections on this machine.",
  "feed-500-paced sends feed-500's requests at 2,000 req/s over 500 keep-alive connections on a fixed schedule (an open model, node:http client) and times each answer from when it was due, so waiting for a free connection counts; its bare node:http baseline is paced the same way. Closed-loop runs (the others) measure latency at saturation, which is connections ÷ throughput.",
  "api-cluster is the same API started with WEB_CONCURRENCY set to the machine's cores (node:cluster, one port), measured on the feed scenarios; its RSS is the sum over the primary and every server process.",
  'api-no-response-cache is the same API with FEATURE_RESPONSE_CACHE=false, on feed-uncached only: what answering a miss costs without storing the answer (in process and in Redis), the floor of the feed against PostGraphile, which caches nothing.',
  'CPU ms/req is "server / serving": the target\'s own processes (user + system time from /proc/<pid>/stat, summed over its children), and every process on the machine but this load generator, so serving includes the database and Redis; both over the measured window, divided by the requests in it. The ratios\' serving CPU per request compares what an answer costs the machine, which moves far less than throughput does on a shared machine.',
  'SQL/req is the change of lpa_db_query_duration_seconds_count on /metrics divided by the requests measured; cache hit is lpa_cache_requests_total{cache="response"}.',
  'The load generator (autocannon, graphql-ws clients) runs on the same machine as the server; baselines run while the API is stopped.',
  'The embedded pass (PGlite, in-process cache and queue) is seeded through the API with a small dataset and runs a reduced set of scenarios; its authors connect LinkedIn accounts through the real OAuth callback against a local fake LinkedIn (test/fakes/linkedin-server.ts), which their posts are then published to.',
];

const wanted = (config: BenchConfig, name: string) => !config.only || config.only.has(name);

/** A scenario whose bytes the bare node:http baseline answers, with one of its requests. */
interface BareCapture {
  scenario: HttpScenario;
  response: CapturedResponse;
}

const BARE_SCENARIOS: { scenario: HttpScenario; request: (ctx: ScenarioContext) => string }[] = [
  { scenario: cachedPost, request: (ctx) => cachedPost.requests(ctx)().body.toString() },
  { scenario: feedReaders, request: () => FEED_FIRST_PAGE },
  { scenario: pacedFeedReaders, request: () => FEED_FIRST_PAGE },
];

/** Every scenario against the API on PostgreSQL + Redis, then the captured bytes for the bare baseline. */
async function productionPass(config: BenchConfig, databaseUrl: string, fixtures: FixtureSource, results: ScenarioResult[]): Promise<BareCapture[]> {
  await clearRedisPrefix(config.redisUrl, config.redisPrefix);
  const openai = await startFakeOpenAI({ tokensPerCompletion: 20, tokenIntervalMs: 50 });
  const api = await startApiServer(
    CHECKOUT,
    apiEnv(config, { DATABASE_URL: databaseUrl, REDIS_URL: config.redisUrl, REDIS_PREFIX: config.redisPrefix, OPENAI_BASE_URL: openai.baseURL }),
  );
  const target: Target = { name: API.target, mode: API.mode, baseUrl: api.url, metricsUrl: api.metricsUrl, rss: api.rss, pid: api.pid };
  try {
    log(`API ready at ${api.url}; logging in ${config.tokenUsers} users`);
    const ctx = scenarioContext(config, api.url, await fixtures(api.url), API.seed);
    for (const scenario of HTTP_SCENARIOS.filter((s) => wanted(config, s.name))) {
      if (api.exited()) throw new Error(`API server exited\n${api.output()}`);
      results.push(await measure(scenario, ctx, target));
    }
    if (wanted(config, 'subscriptions-fanout')) {
      log(`subscriptions-fanout: ${config.subscribers} subscribers`);
      try {
        results.push(
          await runSubscriptionFanout(ctx, target, {
            subscribers: config.subscribers,
            jobs: config.generationJobs,
            openai,
            timeoutMs: config.subscriptionTimeoutMs,
          }),
        );
      } catch (error) {
        results.push(failed('subscriptions-fanout', target, error));
      }
    }
    if (!wanted(config, 'bare-node-http')) return [];
    const captures: BareCapture[] = [];
    for (const { scenario, request } of BARE_SCENARIOS) {
      const response = await captureResponse(api.url, request(ctx)).catch(() => undefined);
      if (response) captures.push({ scenario, response });
    }
    return captures;
  } catch (error) {
    results.push(failed('api-server', target, error));
    return [];
  } finally {
    openai.release();
    await api.stop();
    await openai.close();
  }
}

async function baselines(config: BenchConfig, databaseUrl: string, captures: BareCapture[], results: ScenarioResult[]): Promise<void> {
  const ctx = scenarioContext(config, '', { users: [], postIds: [] }, 7);
  for (const { scenario: of, response } of captures) {
    const bare = await startBareHttp(response);
    const body = response.body.toString();
    const scenario: HttpScenario = {
      kind: 'http',
      name: of.name,
      description: `bare node:http answering the captured bytes of ${of.name}`,
      connections: of.connections,
      ratePerSec: of.ratePerSec,
      requests: () => () => ({ body }),
    };
    results.push(
      await measure(scenario, { ...ctx, baseUrl: bare.url }, { name: 'bare-node-http', mode: 'static', baseUrl: bare.url, rss: bare.rss, pid: bare.pid }),
    );
    await bare.stop();
  }
  const target: Target = { name: 'postgraphile-5', mode: 'postgres', baseUrl: '' };
  if (!wanted(config, target.name)) return;
  try {
    const pgl = await startPostGraphile(ROOT, databaseUrl);
    const scenario: HttpScenario = {
      kind: 'http',
      name: uncachedFeed.name,
      description: 'PostGraphile 5 (amber + simplify-inflection): posts(first: 20, orderBy: CREATED_AT_DESC) with author, postTotal, analysis',
      requests: postgraphileFeedRequest,
    };
    results.push(await measure(scenario, { ...ctx, baseUrl: pgl.url }, { ...target, baseUrl: pgl.url, rss: pgl.rss, pid: pgl.pid }));
    await pgl.stop();
  } catch (error) {
    results.push(failed(uncachedFeed.name, target, error));
  }
}

/** The zero-configuration default: PGlite and in-process cache/queue, seeded small through the API. */
async function embeddedPass(config: BenchConfig, results: ScenarioResult[]): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'lpa-bench-embedded-'));
  const target: Target = { name: 'api', mode: 'embedded', baseUrl: '' };
  const linkedIn = await startFakeLinkedIn({ memberAtConsent: fakeMembers() });
  try {
    const port = await freePort();
    const api = await startApiServer(CHECKOUT, { SECRET_KEY, FEATURE_RATE_LIMIT: 'false', DATA_DIR: dataDir, ...linkedInEnv(linkedIn, port) }, port);
    try {
      target.baseUrl = api.url;
      target.metricsUrl = api.metricsUrl;
      target.rss = api.rss;
      target.pid = api.pid;
      log(`embedded API ready; seeding ${config.embedded.users} users through the API`);
      await seedThroughApi(api.url, config.embedded.users, config.embedded.postsPerUser);
      const ctx = scenarioContext(config, api.url, await loadFixtures(api.url, config.embedded.users, 1), 43, config.embedded.durationSec);
      for (const scenario of EMBEDDED_SCENARIOS) results.push(await measure(scenario, ctx, target));
    } finally {
      await api.stop();
    }
  } catch (error) {
    results.push(failed('embedded-server', target, error));
  } finally {
    await linkedIn.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** Each OAuth consent signs in a different member, as each seeded author connects their own account. */
function fakeMembers(): () => FakeMember {
  let n = 0;
  return () => {
    n++;
    return { sub: `bench-member-${n}`, givenName: 'Bench', familyName: `Member ${n}`, email: `bench.member${n}@example.test` };
  };
}

/** The API's LinkedIn app pointed at the local fake, with the OAuth callback on the API's own port. */
function linkedInEnv(linkedIn: FakeLinkedIn, port: number): Record<string, string> {
  return {
    LINKEDIN_CLIENT_ID: linkedIn.clientId,
    LINKEDIN_CLIENT_SECRET: linkedIn.clientSecret,
    LINKEDIN_REDIRECT_URI: `http://127.0.0.1:${port}/auth/linkedin/callback`,
    LINKEDIN_API_BASE_URL: linkedIn.url,
    LINKEDIN_OAUTH_BASE_URL: `${linkedIn.url}/oauth/v2`,
    TOKEN_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
  };
}

async function main(): Promise<number> {
  const config = benchConfig(process.argv.slice(2));
  if (config.ab) return abPass(ROOT, CHECKOUT, config);
  const startedAt = new Date().toISOString();
  const loadAtStart = loadavg()[0]!;
  const results: ScenarioResult[] = [];
  await ensureDataset(ROOT, config.dataset, log);
  const copyStarted = Date.now();
  const databaseUrl = await freshCopy(config.dataset);
  log(`copied ${config.dataset.database} for this run in ${((Date.now() - copyStarted) / 1000).toFixed(1)} s`);
  log('compiling the server (tsc) as production runs it');
  await buildApi(CHECKOUT);
  const productionNames = [...HTTP_SCENARIOS.map((s) => s.name), 'subscriptions-fanout', 'bare-node-http'];
  const fixtures = sharedFixtures(config.tokenUsers, config.postPages);
  const captures = productionNames.some((name) => wanted(config, name)) ? await productionPass(config, databaseUrl, fixtures, results) : [];
  for (const variant of variants().filter((v) => wanted(config, v.target))) await runOnFreshApi(config, CHECKOUT, databaseUrl, variant, fixtures, results);
  await baselines(config, databaseUrl, captures, results);
  if (wanted(config, 'embedded')) await embeddedPass(config, results);
  // The prefix holds this process's pid, so no later run would reuse or clear it: leave nothing behind.
  await clearRedisPrefix(config.redisUrl, config.redisPrefix).catch((error: Error) => log(`could not clear ${config.redisPrefix}*: ${error.message}`));
  await rm(BENCH_MEDIA_DIR, { recursive: true, force: true });
  await dropCopy(config.dataset).catch((error: Error) => log(`could not drop this run's copy of ${config.dataset.database}: ${error.message}`));

  const ratios = [
    ratio(results, 'cached-post ÷ bare node:http', ['cached-post', 'api'], ['cached-post', 'bare-node-http']),
    ratio(results, 'feed-500 ÷ bare node:http', ['feed-500', 'api'], ['feed-500', 'bare-node-http']),
    ratio(results, 'feed-500-paced ÷ bare node:http', ['feed-500-paced', 'api'], ['feed-500-paced', 'bare-node-http']),
    ratio(results, 'feed-uncached ÷ PostGraphile 5', ['feed-uncached', 'api'], ['feed-uncached', 'postgraphile-5']),
    ratio(
      results,
      `feed-uncached (${availableParallelism()} processes) ÷ PostGraphile 5`,
      ['feed-uncached', CLUSTER_TARGET],
      ['feed-uncached', 'postgraphile-5'],
    ),
    ratio(results, `feed-500 (${availableParallelism()} processes) ÷ bare node:http`, ['feed-500', CLUSTER_TARGET], ['feed-500', 'bare-node-http']),
    ratio(results, 'feed-uncached (response cache off) ÷ PostGraphile 5', ['feed-uncached', NO_CACHE_TARGET], ['feed-uncached', 'postgraphile-5']),
    ...COMPRESSION_PAIRS.map(([compressed, plain]) =>
      ratio(results, `${compressed} ÷ ${plain}`, [compressed, API.target], [plain, API.target], { server: true, bytes: true }),
    ),
  ];
  const report: BenchResults = {
    startedAt,
    finishedAt: new Date().toISOString(),
    quick: config.quick,
    ...(config.only ? { only: [...config.only] } : {}),
    machine: describeMachine(ROOT, loadAtStart),
    dataset: { users: config.dataset.users, posts: config.dataset.posts, events: config.dataset.events },
    settings: { connections: config.connections, durationSec: config.durationSec, notes: NOTES },
    scenarios: results,
    ratios,
  };
  const file = await writeResults(join(ROOT, 'load', 'results'), report);
  console.log(formatTable(results, ratios));
  log(
    `load average ${report.machine.loadAverage.start.toFixed(1)} at start, ${report.machine.loadAverage.end.toFixed(1)} at end (${report.machine.cores} cores)`,
  );
  log(`results written to ${file}`);
  const crashed = results.filter((r) => r.status === 'failed');
  for (const r of crashed) log(`FAILED ${r.name} @ ${r.target} (${r.mode}): ${r.reason}`);
  return crashed.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
