import autocannon from 'autocannon';
import { type LatencySummary, summarize } from './stats.js';

export interface LoadRequest {
  /** JSON text, or the bytes of a multipart request. */
  body: string | Buffer;
  headers?: Record<string, string>;
}

export interface LoadOptions {
  url: string;
  path?: string;
  method?: 'GET' | 'POST';
  connections: number;
  durationSec: number;
  /** Stop after this many requests instead of after durationSec (one connection: strictly sequential). */
  amount?: number;
  /** Builds each request; called once per request so bodies can vary. */
  next: () => LoadRequest;
}

export interface LoadResult {
  requests: number;
  durationSec: number;
  requestsPerSec: number;
  latencyMs: LatencySummary;
  non2xx: number;
  /** 2xx responses whose body carried GraphQL `errors`. */
  graphqlErrors: number;
  /** Connection errors and timeouts. */
  transportErrors: number;
  errorRate: number;
  errorSamples: string[];
  /** Mean bytes of a response as received, head and body (autocannon's runs; not the paced ones). */
  bytesPerResponse?: number;
}

const SAMPLE_LIMIT = 3;

/** Answers counted as every load run reports them: latencies, non-2xx, GraphQL errors in a 2xx, transport errors. */
export function createTally() {
  const latencies: number[] = [];
  const errorSamples: string[] = [];
  let non2xx = 0;
  let graphqlErrors = 0;
  let transportErrors = 0;
  const sample = (text: string) => {
    if (errorSamples.length < SAMPLE_LIMIT) errorSamples.push(text.slice(0, 400));
  };
  return {
    latency: (ms: number) => latencies.push(ms),
    /** Checks one answer's status and body. */
    answer(status: number, body: string) {
      if (status < 200 || status >= 300) {
        non2xx++;
        sample(`HTTP ${status}: ${body}`);
      } else if (body.includes('"errors"')) {
        graphqlErrors++;
        sample(body);
      }
    },
    transportError(message?: string) {
      transportErrors++;
      if (message) sample(message);
    },
    result(durationSec: number): LoadResult {
      const requests = latencies.length;
      const failed = non2xx + graphqlErrors + transportErrors;
      return {
        requests,
        durationSec,
        requestsPerSec: requests / durationSec,
        latencyMs: summarize(latencies),
        non2xx,
        graphqlErrors,
        transportErrors,
        errorRate: requests + transportErrors ? failed / (requests + transportErrors) : 0,
        errorSamples,
      };
    },
  };
}

/** Drives the target over HTTP keep-alive with autocannon and checks every response body for GraphQL errors. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const tally = createTally();
  let firstSentAt: number | undefined;
  let lastAnsweredAt = 0;
  let finish!: (error: Error | null, result: autocannon.Result) => void;
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    finish = (error, result) => (error ? reject(error) : resolve(result));
  });
  const instance = autocannon(
    {
      url: options.url,
      connections: options.connections,
      duration: options.durationSec,
      ...(options.amount ? { amount: options.amount } : {}),
      timeout: 30,
      requests: [
        {
          method: options.method ?? 'POST',
          path: options.path ?? '/graphql',
          setupRequest: (request) => {
            firstSentAt ??= performance.now();
            const next = options.next();
            return { ...request, body: next.body, headers: { 'content-type': 'application/json', ...next.headers } };
          },
          onResponse: (status, body) => tally.answer(status, body),
        },
      ],
    },
    (error, result) => finish(error, result),
  );
  let bytes = 0;
  // autocannon counts connection errors and timeouts but keeps no reason: each one's message is kept here.
  const transportMessages: string[] = [];
  instance.on('reqError', (error: Error & { code?: string }) => {
    if (transportMessages.length < SAMPLE_LIMIT) transportMessages.push(`transport: ${error.code ? `${error.code} ` : ''}${error.message}`);
  });
  instance.on('response', (_client, _status, responseBytes, responseTime) => {
    bytes += responseBytes;
    tally.latency(responseTime);
    lastAnsweredAt = performance.now();
  });
  const result = await done;
  for (let i = 0; i < result.errors; i++) tally.transportError(transportMessages[i]);
  // With `amount`, autocannon stops at its next one-second tick after the last answer: time the requests themselves.
  const tallied = tally.result(options.amount && firstSentAt !== undefined ? (lastAnsweredAt - firstSentAt) / 1000 : result.duration);
  return { ...tallied, ...(tallied.requests ? { bytesPerResponse: bytes / tallied.requests } : {}) };
}
