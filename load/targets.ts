import { availableParallelism } from 'node:os';
import { analytics } from './scenarios/analytics.js';
import { cachedPost } from './scenarios/cached-post.js';
import { createPost } from './scenarios/create-post.js';
import { uncachedFeed } from './scenarios/feed.js';
import { feedReaders, pacedFeedReaders } from './scenarios/feed-readers.js';
import { ingest } from './scenarios/ingest.js';
import { analyticsLatency, feedLatency } from './scenarios/latency.js';
import { mix } from './scenarios/mix.js';
import { search } from './scenarios/search.js';
import type { HttpScenario } from './scenarios/types.js';

/** Every HTTP scenario, in the order the production pass runs them against the API. */
export const HTTP_SCENARIOS = [
  cachedPost,
  uncachedFeed,
  feedLatency,
  feedReaders,
  pacedFeedReaders,
  search,
  createPost,
  analytics,
  analyticsLatency,
  mix,
  ingest,
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
