import { analytics } from './analytics.js';
import { uncachedFeed } from './feed.js';
import type { HttpScenario } from './types.js';

/** The same requests as `scenario`, sent one at a time over one connection: an answer's own time, no queueing. */
function sequentially(scenario: HttpScenario, name: string): HttpScenario {
  return { ...scenario, name, description: `${scenario.description}; one connection, sequential requests`, sequential: true };
}

export const analyticsLatency = sequentially(analytics, 'analytics-30d-latency');
export const feedLatency = sequentially(uncachedFeed, 'feed-latency');
