/** Sums of the Prometheus series the harness compares before and after a scenario. */
export interface ServerCounters {
  /** Undefined when the server does not export the query histogram. */
  dbQueries?: number;
  responseCacheHits: number;
  responseCacheMisses: number;
  /** Response cache look-ups by the `operation` label: [hits, misses]. */
  responseCacheByOperation: Map<string, [number, number]>;
}

/** Every sample of `name` whose labels include all of `labels`, with its label text and value. */
function* samples(text: string, name: string, labels: Record<string, string> = {}): Generator<{ labels: string; value: number }> {
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    const match = /^([a-zA-Z_:][\w:]*)(\{(.*)\})?\s+(\S+)/.exec(line);
    if (!match || match[1] !== name) continue;
    const labelText = match[3] ?? '';
    if (Object.entries(labels).every(([k, v]) => labelText.includes(`${k}="${v}"`))) yield { labels: labelText, value: Number(match[4]) };
  }
}

/** Sum of every sample of `name` whose labels include all of `labels`. */
export function sumSamples(text: string, name: string, labels: Record<string, string> = {}): number {
  let total = 0;
  for (const { value } of samples(text, name, labels)) total += value;
  return total;
}

/** Response cache hits and misses per operation label. */
function cacheLookupsByOperation(text: string): Map<string, [number, number]> {
  const byOperation = new Map<string, [number, number]>();
  for (const { labels, value } of samples(text, 'lpa_cache_requests_total', { cache: 'response' })) {
    const operation = /operation="([^"]*)"/.exec(labels)?.[1] ?? '';
    const counts = byOperation.get(operation) ?? [0, 0];
    counts[labels.includes('result="hit"') ? 0 : 1] += value;
    byOperation.set(operation, counts);
  }
  return byOperation;
}

export function parseCounters(text: string): ServerCounters {
  const byOperation = cacheLookupsByOperation(text);
  let hits = 0;
  let misses = 0;
  for (const [operationHits, operationMisses] of byOperation.values()) {
    hits += operationHits;
    misses += operationMisses;
  }
  return {
    dbQueries: text.includes('lpa_db_query_duration_seconds_count') ? sumSamples(text, 'lpa_db_query_duration_seconds_count') : undefined,
    responseCacheHits: hits,
    responseCacheMisses: misses,
    responseCacheByOperation: byOperation,
  };
}

/** Hit rate per operation between two scrapes, for operations looked up in between. */
export function hitRateByOperation(before: ServerCounters, after: ServerCounters): Record<string, { lookups: number; hitRate: number }> {
  const rates: Record<string, { lookups: number; hitRate: number }> = {};
  for (const [operation, [hits, misses]] of after.responseCacheByOperation) {
    const [hitsBefore, missesBefore] = before.responseCacheByOperation.get(operation) ?? [0, 0];
    const lookups = hits + misses - hitsBefore - missesBefore;
    if (lookups > 0) rates[operation] = { lookups, hitRate: (hits - hitsBefore) / lookups };
  }
  return rates;
}

/** Counters from the server's /metrics, or undefined when it does not expose them. */
export async function scrapeCounters(baseUrl: string): Promise<ServerCounters | undefined> {
  try {
    const response = await fetch(`${baseUrl}/metrics`, { signal: AbortSignal.timeout(5000) });
    if (!response.ok) return undefined;
    const text = await response.text();
    return text.includes('lpa_') ? parseCounters(text) : undefined;
  } catch {
    return undefined;
  }
}
