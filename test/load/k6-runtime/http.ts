/**
 * The runner's `k6/http` module: synchronous requests with k6's response shape (status, body,
 * headers, json(), timings) and its metrics (http_reqs, http_req_duration, http_req_failed: a
 * status of 400 or more, or no response). Parameters k6 has and this runner does not implement
 * throw, so a script that starts using one fails here instead of being measured differently.
 */
import { receive, send } from './bridge.js';
import type { FromWorker, HttpResponseMessage } from './io-messages.js';
import { add } from './registry.js';

interface Params {
  headers?: Record<string, string>;
  tags?: Record<string, string>;
  timeout?: string | number;
}

const IMPLEMENTED_PARAMS = new Set(['headers', 'tags', 'timeout']);
let nextId = 1;

/** "60s", "500ms", "2m" or milliseconds. */
function milliseconds(timeout: string | number | undefined): number {
  if (timeout === undefined) return 60_000;
  if (typeof timeout === 'number') return timeout;
  const match = /^(\d+(?:\.\d+)?)(ms|s|m)$/.exec(timeout);
  if (!match) throw new Error(`k6/http: timeout "${timeout}" is not a duration`);
  return Number(match[1]) * { ms: 1, s: 1000, m: 60_000 }[match[2] as 'ms' | 's' | 'm'];
}

/** k6 names response headers in canonical form: Content-Type. */
const canonical = (name: string) => name.replace(/(^|-)([a-z])/g, (_, dash: string, letter: string) => dash + letter.toUpperCase());

export class Response {
  readonly status: number;
  readonly body: string;
  readonly url: string;
  readonly error: string;
  readonly headers: Record<string, string>;
  readonly timings: { duration: number };

  constructor(message: HttpResponseMessage) {
    this.status = message.status;
    this.body = message.body;
    this.url = message.url;
    this.error = message.error;
    this.headers = Object.fromEntries(message.headers.map(([name, value]) => [canonical(name), value]));
    this.timings = { duration: message.durationMs };
  }

  json(selector?: string): unknown {
    if (selector !== undefined) throw new Error('k6/http: json(selector) is not implemented by this runner');
    return JSON.parse(this.body);
  }
}

export function request(method: string, url: string, body?: string | null, params: Params = {}): Response {
  const unknown = Object.keys(params).filter((key) => !IMPLEMENTED_PARAMS.has(key));
  if (unknown.length) throw new Error(`k6/http: params ${unknown.join(', ')} are not implemented by this runner`);
  if (body != null && typeof body !== 'string') throw new Error('k6/http: only string bodies are implemented by this runner');
  const id = nextId++;
  send({ kind: 'http', id, method, url, headers: params.headers ?? {}, body: body ?? undefined, timeoutMs: milliseconds(params.timeout) });
  const message = receive((m: FromWorker): m is HttpResponseMessage => m.kind === 'http-response' && m.id === id)!;
  // k6 keeps cookies per virtual user and sends them back; this runner has no cookie jar.
  if (message.setCookies.length) throw new Error(`k6/http: ${url} set a cookie, and this runner has no cookie jar to send it back as k6 would`);
  add('http_reqs', 'counter', 1);
  add('http_req_duration', 'trend', message.durationMs, true);
  add('http_req_failed', 'rate', message.status === 0 || message.status >= 400);
  return new Response(message);
}

export default {
  request,
  get: (url: string, params?: Params) => request('GET', url, null, params),
  post: (url: string, body?: string | null, params?: Params) => request('POST', url, body, params),
};
