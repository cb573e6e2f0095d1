import { type IncomingMessage, request } from 'node:http';
import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The Prometheus text format: `# TYPE` lines by family name, and every sample with its labels. */
function parseExposition(text: string) {
  const types = new Map<string, string>();
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    const type = /^# TYPE (\S+) (\S+)$/.exec(line);
    if (type) types.set(type[1]!, type[2]!);
    if (!line || line.startsWith('#')) continue;
    const sample = /^([A-Za-z_:][\w:]*)(?:\{(.*)\})? (\S+)/.exec(line);
    if (!sample) throw new Error(`unparsable sample line: ${line}`);
    const labels: Record<string, string> = {};
    for (const m of (sample[2] ?? '').matchAll(/([A-Za-z_]\w*)="((?:\\.|[^"\\])*)"/g)) labels[m[1]!] = m[2]!;
    samples.push({ name: sample[1]!, labels, value: Number(sample[3]) });
  }
  return { types, samples };
}

/** The family a series belongs to: histograms expose name_bucket, name_sum and name_count. */
export function familyOf(series: string, types: Map<string, string>): string | undefined {
  if (types.has(series)) return series;
  const base = series.replace(/_(bucket|sum|count)$/, '');
  return types.get(base) === 'histogram' || types.get(base) === 'summary' ? base : undefined;
}

export async function scrape(baseUrl: string) {
  const response = await fetch(`${baseUrl}/metrics`);
  if (!response.ok) throw new Error(`/metrics answered ${response.status}`);
  return parseExposition(await response.text());
}

/** Re-scrapes until `check` passes: gauges follow events (socket closed, subscription ended) asynchronously. */
export async function scrapeUntil(baseUrl: string, check: (s: Sample[]) => boolean, attempts = 100) {
  for (let i = 0; i < attempts; i++) {
    const result = await scrape(baseUrl);
    if (check(result.samples)) return result;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('metrics never reached the expected state');
}

export const value = (samples: Sample[], name: string, labels: Record<string, string> = {}) =>
  samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v)).reduce((sum, s) => sum + s.value, 0);

export async function postGraphQL(baseUrl: string, body: { query: string; variables?: unknown; operationName?: string }, headers: Record<string, string> = {}) {
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as { data?: any; errors?: any[] } };
}

export function wsClient(baseUrl: string, connectionParams: Record<string, unknown> = {}): Client {
  return createClient({
    url: `${baseUrl.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams,
    retryAttempts: 0,
    lazy: false,
    // Tests watch the close through client.on('closed'); the default would print it to stderr.
    onNonLazyError: () => {},
  });
}

/**
 * A client that uploads its request slowly: the headers and half the body now, the rest when
 * told. The server is serving it the whole time, a real in-flight request with no test hooks.
 */
export function slowRequest(base: string, body: string, headers: Record<string, string> = {}) {
  const payload = Buffer.from(body);
  let received!: (value: { status: number; headers: IncomingMessage['headers']; body: any }) => void;
  let failed!: (error: Error) => void;
  const response = new Promise<{ status: number; headers: IncomingMessage['headers']; body: any }>(
    (resolve, reject) => ((received = resolve), (failed = reject)),
  );
  const req = request(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-length': payload.length, ...headers },
  });
  req.on('error', failed);
  req.on('response', (res) => {
    let text = '';
    res.setEncoding('utf8').on('data', (c: string) => (text += c));
    res.on('end', () => received({ status: res.statusCode!, headers: res.headers, body: JSON.parse(text) }));
  });
  req.write(payload.subarray(0, payload.length >> 1));
  return { response, finish: () => req.end(payload.subarray(payload.length >> 1)) };
}
