import type { Fixtures } from '../fixtures.js';
import type { LoadRequest } from '../http-load.js';

export interface ScenarioContext {
  baseUrl: string;
  fixtures: Fixtures;
  connections: number;
  durationSec: number;
  quick: boolean;
  random: () => number;
}

/** A scenario measured with autocannon: it only says which request to send next. */
export interface HttpScenario {
  kind: 'http';
  name: string;
  description: string;
  /** Events carried by one request, to report events/s (ingest). */
  eventsPerRequest?: number;
  /** Returns the request generator; called once per run, after fixtures are loaded. */
  requests(ctx: ScenarioContext): () => LoadRequest;
}
