import type { Fixtures } from '../fixtures.js';
import type { LoadRequest } from '../http-load.js';

export interface ScenarioContext {
  baseUrl: string;
  fixtures: Fixtures;
  connections: number;
  durationSec: number;
  /** Requests measured by a sequential (single-connection latency) scenario, after as many tenths to warm up. */
  sequentialRequests: number;
  quick: boolean;
  random: () => number;
}

/** A scenario measured with autocannon: it only says which request to send next. */
export interface HttpScenario {
  kind: 'http';
  name: string;
  description: string;
  /**
   * Latency without queueing: one connection sends `ctx.sequentialRequests` requests one after
   * another (what a single caller waits), instead of the throughput run over many connections.
   */
  sequential?: boolean;
  /** Events carried by one request, to report events/s (ingest). */
  eventsPerRequest?: number;
  /** Concurrent connections instead of the run's default (`ctx.connections`). */
  connections?: number;
  /**
   * Offered load instead of as fast as the connections go: requests start on a fixed schedule at
   * this rate over the connections (see `runPacedLoad`), and latency counts from when each was due.
   */
  ratePerSec?: number;
  /** Seconds of the same load before the measured window (default 1); longer where a steady state matters. */
  warmUpSec?: number;
  /** Returns the request generator; called once per run, after fixtures are loaded. */
  requests(ctx: ScenarioContext): () => LoadRequest;
  /**
   * For mixes: the weighted operations. Each is probed on its own and the mix runs with those the
   * server answers (re-weighted), listing the others as omitted.
   */
  components?(ctx: ScenarioContext): WeightedRequests[];
}

export interface WeightedRequests {
  name: string;
  weight: number;
  next: () => LoadRequest;
}

/** Picks one of the weighted generators per request. */
export function weighted(random: () => number, parts: readonly WeightedRequests[]): () => LoadRequest {
  const total = parts.reduce((sum, p) => sum + p.weight, 0);
  return () => {
    let r = random() * total;
    for (const part of parts) {
      if (r < part.weight) return part.next();
      r -= part.weight;
    }
    return parts[parts.length - 1]!.next();
  };
}
