/** Sums of the Prometheus series the harness compares before and after a scenario. */
export interface ServerCounters {
  /** Undefined when the server does not export the query histogram. */
  dbQueries?: number;
  responseCacheHits: number;
  responseCacheMisses: number;
}

/** Sum of every sample of `name` whose labels include all of `labels`. */
export function sumSamples(text: string, name: string, labels: Record<string, string> = {}): number {
  let total = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    const match = /^([a-zA-Z_:][\w:]*)(\{(.*)\})?\s+(\S+)/.exec(line);
    if (!match || match[1] !== name) continue;
    const labelText = match[3] ?? '';
    if (Object.entries(labels).every(([k, v]) => labelText.includes(`${k}="${v}"`))) total += Number(match[4]);
  }
  return total;
}

export function parseCounters(text: string): ServerCounters {
  return {
    dbQueries: text.includes('lpa_db_query_duration_seconds_count') ? sumSamples(text, 'lpa_db_query_duration_seconds_count') : undefined,
    responseCacheHits: sumSamples(text, 'lpa_cache_requests_total', { cache: 'response', result: 'hit' }),
    responseCacheMisses: sumSamples(text, 'lpa_cache_requests_total', { cache: 'response', result: 'miss' }),
  };
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
