import { type LoadOptions, type LoadRequest, runLoad } from './http-load.js';
import { runPacedLoad } from './paced-load.js';
import { type CpuWindow, type RssSampler, startCpuWindow } from './process-tree.js';
import { hitRateByOperation, scrapeCounters } from './prometheus.js';
import type { CpuPerRequest, ScenarioResult } from './report.js';
import { type HttpScenario, type ScenarioContext, weighted } from './scenarios/types.js';

export interface Target {
  name: string;
  mode: string;
  baseUrl: string;
  /** Where the server serves /metrics, when not on `baseUrl`. */
  metricsUrl?: string;
  path?: string;
  rss?: RssSampler;
  /** The server's process, when the harness started it: its CPU time is measured. */
  pid?: number;
}

const MB = 1024 * 1024;

/** Sends one request and returns why it failed, if it did: a scenario whose API is missing is "unavailable". */
async function probe(baseUrl: string, path: string, request: LoadRequest): Promise<string | undefined> {
  try {
    const response = await fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...request.headers },
      body: typeof request.body === 'string' ? request.body : new Uint8Array(request.body),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await response.text();
    if (!response.ok) return `HTTP ${response.status}: ${text.slice(0, 300)}`;
    if (text.includes('"errors"')) return text.slice(0, 300);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

export function unavailable(name: string, description: string, target: Target, reason: string): ScenarioResult {
  return { name, description, target: target.name, mode: target.mode, status: 'unavailable', reason };
}

/** CPU time per request over a window: serving is every process's but the load generator's. */
export function perRequest(cpu: CpuWindow, requests: number): CpuPerRequest {
  return {
    ...(cpu.server === undefined ? {} : { server: cpu.server / requests }),
    serving: cpu.others / requests,
    loadGenerator: cpu.loadGenerator / requests,
  };
}

/** Probes, warms up, then measures one HTTP scenario with the server's own counters around it. */
export async function runHttpScenario(scenario: HttpScenario, ctx: ScenarioContext, target: Target): Promise<ScenarioResult> {
  const path = target.path ?? '/graphql';
  let next = scenario.requests(ctx);
  const omitted: string[] = [];
  if (scenario.components) {
    const parts = scenario.components(ctx);
    const problems = await Promise.all(parts.map((part) => probe(target.baseUrl, path, part.next())));
    const available = parts.filter((_, i) => !problems[i]);
    omitted.push(...parts.filter((_, i) => problems[i]).map((p) => p.name));
    if (available.length === 0) return unavailable(scenario.name, scenario.description, target, problems.find(Boolean)!);
    next = weighted(ctx.random, available);
  } else {
    const problem = await probe(target.baseUrl, path, next());
    if (problem) return unavailable(scenario.name, scenario.description, target, problem);
  }
  const base = { url: target.baseUrl, path, connections: scenario.sequential ? 1 : (scenario.connections ?? ctx.connections), next };
  const rate = scenario.ratePerSec;
  const drive = rate ? (options: LoadOptions) => runPacedLoad({ ...options, ratePerSec: ctx.quick ? rate / 10 : rate }) : runLoad;
  const warmUp = scenario.sequential
    ? { durationSec: ctx.durationSec, amount: Math.ceil(ctx.sequentialRequests / 10) }
    : { durationSec: ctx.quick ? 1 : (scenario.warmUpSec ?? 1) };
  await drive({ ...base, ...warmUp });
  const before = await scrapeCounters(target.metricsUrl ?? target.baseUrl);
  target.rss?.reset();
  const endCpuWindow = startCpuWindow(target.pid);
  const load = await drive({ ...base, durationSec: ctx.durationSec, ...(scenario.sequential ? { amount: ctx.sequentialRequests } : {}) });
  const cpu = endCpuWindow();
  const rssPeak = target.rss?.peakBytes();
  const after = await scrapeCounters(target.metricsUrl ?? target.baseUrl);
  const lookups = before && after ? after.responseCacheHits + after.responseCacheMisses - before.responseCacheHits - before.responseCacheMisses : 0;
  return {
    name: scenario.name,
    description: scenario.description,
    target: target.name,
    mode: target.mode,
    status: 'ok',
    ...(omitted.length ? { omitted } : {}),
    ...load,
    eventsPerSec: scenario.eventsPerRequest ? ((load.requests - load.non2xx - load.graphqlErrors) * scenario.eventsPerRequest) / load.durationSec : undefined,
    rssPeakMb: rssPeak === undefined ? undefined : rssPeak / MB,
    cpuMsPerRequest: load.requests ? perRequest(cpu, load.requests) : undefined,
    sqlPerRequest:
      before?.dbQueries !== undefined && after?.dbQueries !== undefined && load.requests ? (after.dbQueries - before.dbQueries) / load.requests : undefined,
    cacheHitRate: before && after && lookups > 0 ? (after.responseCacheHits - before.responseCacheHits) / lookups : undefined,
    ...(scenario.components && before && after ? { cacheHitByOperation: hitRateByOperation(before, after) } : {}),
  };
}
