import { availableParallelism } from 'node:os';
import { analytics } from './scenarios/analytics.js';
import { cachedPost } from './scenarios/cached-post.js';
import { COMPRESSION_SCENARIOS } from './scenarios/compression.js';
import { createPost } from './scenarios/create-post.js';
import { uncachedFeed } from './scenarios/feed.js';
import { feedReaders, pacedFeedReaders } from './scenarios/feed-readers.js';
import { ingest } from './scenarios/ingest.js';
import { analyticsLatency, feedLatency } from './scenarios/latency.js';
import { mix } from './scenarios/mix.js';
import { search } from './scenarios/search.js';
import type { HttpScenario } from './scenarios/types.js';
import { uploadImage } from './scenarios/upload-image.js';
import { workspaceFeed } from './scenarios/workspace-feed.js';

/** Every HTTP scenario, in the order the production pass runs them against the API. */
export const HTTP_SCENARIOS = [
  cachedPost,
  uncachedFeed,
  workspaceFeed,
  feedLatency,
  feedReaders,
  pacedFeedReaders,
  search,
  createPost,
  analytics,
  analyticsLatency,
  mix,
  ingest,
  uploadImage,
  ...COMPRESSION_SCENARIOS,
];

/** The API started with some settings, measured on some scenarios against the same data. */
export interface Variant {
  target: string;
  mode: string;
  env: Record<string, string>;
  scenarios: HttpScenario[];
  /** Seeds the scenarios' random choices, so each start of this variant sends the same requests. */
  seed: number;
}

/** The API as deployed: PostgreSQL and Redis, one process, every scenario. */
export const API: Variant = { target: 'api', mode: 'postgres+redis', env: {}, scenarios: HTTP_SCENARIOS, seed: 42 };
export const CLUSTER_TARGET = 'api-cluster';
export const NO_CACHE_TARGET = 'api-no-response-cache';

export function variants(): Variant[] {
  const processes = availableParallelism();
  return [
    // Where a process per core matters.
    {
      target: CLUSTER_TARGET,
      mode: `postgres+redis, ${processes} processes`,
      env: { WEB_CONCURRENCY: String(processes) },
      scenarios: [uncachedFeed, feedReaders],
      seed: 44,
    },
    // What a miss costs without storing its answer: the floor of the feed against PostGraphile, which caches nothing.
    {
      target: NO_CACHE_TARGET,
      mode: 'postgres+redis, FEATURE_RESPONSE_CACHE=false',
      env: { FEATURE_RESPONSE_CACHE: 'false' },
      scenarios: [uncachedFeed],
      seed: 45,
    },
  ];
}

/** One HTTP scenario against one variant of the API: what the A/B pass measures on both builds. */
export interface AbCase {
  scenario: HttpScenario;
  variant: Variant;
}

/** What the A/B pass measures without `--only`: the feed's misses with the response cache on and off. */
const AB_DEFAULT = ['feed-uncached', NO_CACHE_TARGET];

/**
 * The A/B cases `--only` names, in its order: a scenario (on the API), a variant's target (its scenarios),
 * or `<scenario>@<target>` (that scenario on that variant). Throws on any other name, before anything is built.
 */
export function abCases(only: Iterable<string> = AB_DEFAULT): AbCase[] {
  const targets = [API, ...variants()];
  const scenarioNamed = (name: string) => HTTP_SCENARIOS.find((s) => s.name === name);
  const targetNamed = (name: string) => targets.find((v) => v.target === name);
  const cases: AbCase[] = [];
  const add = (scenario: HttpScenario, variant: Variant) => {
    if (!cases.some((c) => c.scenario === scenario && c.variant === variant)) cases.push({ scenario, variant });
  };
  for (const name of only) {
    const at = name.indexOf('@');
    const [scenarioName, targetName] = at < 0 ? [name, undefined] : [name.slice(0, at), name.slice(at + 1)];
    const scenario = scenarioNamed(scenarioName);
    const variant = targetNamed(targetName ?? name);
    if (targetName !== undefined && scenario && variant) add(scenario, variant);
    else if (targetName === undefined && scenario) add(scenario, API);
    else if (targetName === undefined && variant) for (const s of variant.scenarios) add(s, variant);
    else {
      throw new Error(
        `--only: no A/B case "${name}". Name an HTTP scenario (${HTTP_SCENARIOS.map((s) => s.name).join(', ')}), ` +
          `a target (${targets.map((v) => v.target).join(', ')}), or <scenario>@<target>.`,
      );
    }
  }
  return cases;
}
