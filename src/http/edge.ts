import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../infra/logger.js';
import type { Metrics } from '../infra/metrics.js';
import type { EdgeRequest, GraphQLEndpoint } from '../server-context.js';
import type { Admission } from './admission.js';
import { type ClientIp, createClientIp, type TrustedProxies } from './client-ip.js';
import { createCors } from './cors.js';
import { type CredentialsReader, callerOf } from './credentials.js';
import { CSRF_HEADERS, wasPreflighted } from './csrf.js';
import { createParamsParser } from './graphql-params.js';
import type { InFlightGate } from './in-flight-gate.js';
import { attachBody, readBodyWithin } from './request-body.js';
import { createRouter, type ObservedRequest, type Route, sendJson } from './routes.js';
import { securityHeaders } from './security-headers.js';

export const GRAPHQL_PATH = '/graphql';

export interface EdgeOptions {
  production: boolean;
  corsOrigins: readonly string[];
  trustProxy: TrustedProxies;
  maxBodyBytes: number;
  bodyTimeoutMs: number;
  bodyReadsPerClient: number;
}

export interface EdgeDeps {
  options: EdgeOptions;
  logger: Logger;
  metrics: Metrics;
  /** Every other route (health, metrics, OAuth callbacks, GraphiQL); GraphQL itself is added here. */
  routes: readonly Route[];
  graphql: () => GraphQLEndpoint;
  credentials: CredentialsReader;
  admission?: Admission;
  inFlight: InFlightGate;
  /** Answers a digested request from the response cache when it can; true when it did. */
  cachedRead?: (req: IncomingMessage, res: ServerResponse, edge: EdgeRequest) => Promise<boolean>;
  draining: () => boolean;
}

const error = (message: string, code: string, extensions: Record<string, unknown> = {}) => ({ errors: [{ message, extensions: { code, ...extensions } }] });

/**
 * The node:http edge, the one place a request is digested: request id and security headers for
 * every response, the route table, then for GraphQL: CORS, CSRF, the in-flight cap, the body
 * within its limit (parsed once), the caller (token verified once), global admission, the
 * response cache, and finally the GraphQL layer with all of it as its server context.
 */
export function createEdge(deps: EdgeDeps) {
  const { options, metrics, credentials, admission, inFlight } = deps;
  const baseHeaders = Object.entries(securityHeaders(options.production));
  const cors = createCors(options.corsOrigins);
  const parseParams = createParamsParser();
  const clientIp: ClientIp = createClientIp(options.trustProxy);
  /** Responses not yet finished: told to end their connection once draining begins. */
  const open = new Set<ServerResponse>();

  /** Bodies each client address is sending now. */
  const reading = new Map<string, number>();

  /**
   * The request's body within its size and time limits, with at most `bodyReadsPerClient` read at
   * once per client address; false when it was refused (the answer is sent).
   */
  async function readBody(req: IncomingMessage, res: ServerResponse, ip: string): Promise<Buffer | undefined | false> {
    if (req.method === 'GET' || req.method === 'OPTIONS') return undefined;
    const busy = reading.get(ip) ?? 0;
    if (busy >= options.bodyReadsPerClient) {
      metrics.httpRequestsRejected.inc({ reason: 'slow_client' });
      res.setHeader('connection', 'close');
      const message = `Too many requests are still being sent from your address (${busy}); finish them first.`;
      sendJson(res, 429, error(message, 'RATE_LIMITED', { retryAfter: 1 }), { 'retry-after': '1' });
      return false;
    }
    reading.set(ip, busy + 1);
    let body: Awaited<ReturnType<typeof readBodyWithin>>;
    try {
      body = await readBodyWithin(req, options.maxBodyBytes, options.bodyTimeoutMs);
    } finally {
      const left = (reading.get(ip) ?? 1) - 1;
      if (left > 0) reading.set(ip, left);
      else reading.delete(ip);
    }
    if (body === 'aborted') return false;
    if (body === 'too_large' || body === 'too_slow') {
      metrics.httpRequestsRejected.inc({ reason: body === 'too_large' ? 'body_too_large' : 'slow_body' });
      res.setHeader('connection', 'close');
      if (body === 'too_large') sendJson(res, 413, error(`The request body is larger than ${options.maxBodyBytes} bytes.`, 'PAYLOAD_TOO_LARGE'));
      else sendJson(res, 408, error(`The request body did not arrive within ${options.bodyTimeoutMs} ms.`, 'REQUEST_TIMEOUT'));
      return false;
    }
    return body;
  }

  async function serveGraphQL(req: IncomingMessage, res: ServerResponse, observed: ObservedRequest) {
    if (cors(req, res)) return;
    if (!wasPreflighted(req)) {
      const message = `Required CSRF header(s) not present: send one of ${CSRF_HEADERS.join(', ')} (any value) or a JSON body.`;
      return sendJson(res, 403, error(message, 'FORBIDDEN', { requestId: observed.requestId }));
    }
    const ip = clientIp(req);
    const body = await readBody(req, res, ip);
    if (body === false) return;
    // Only now, with the whole request here, does it take a place among the requests being served.
    const release = inFlight.tryEnter();
    if (!release) {
      metrics.httpRequestsRejected.inc({ reason: 'overload' });
      return sendJson(res, 503, error('The server is busy; retry in a second.', 'SERVICE_UNAVAILABLE', { retryAfter: 1 }), { 'retry-after': '1' });
    }
    res.once('close', release);
    const params = parseParams(req, body);
    // Bodies the edge does not parse (multipart uploads, form posts, invalid JSON) are GraphQL's to read and judge.
    if (!params && body) attachBody(req, body);
    const { viewer, authError } = await credentials(req.headers.authorization);
    const caller = callerOf(viewer, ip);
    if (admission) {
      const decision = await admission.admit(caller);
      const headers = admission.headers(decision);
      if (!decision.allowed) return sendJson(res, 429, { errors: [admission.refusal(decision, observed.requestId)] }, headers);
      for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    }
    const edge: EdgeRequest = { requestId: observed.requestId, transport: 'http', clientIp: ip, viewer, authError, caller, params, note: observed.note };
    if (params && deps.cachedRead && (await deps.cachedRead(req, res, edge))) return;
    deps.graphql().handle(req, res, { edge });
  }

  const router = createRouter([...deps.routes, { methods: ['GET', 'POST', 'OPTIONS'], path: GRAPHQL_PATH, handle: serveGraphQL }]);

  async function handle(req: IncomingMessage, res: ServerResponse, observed: ObservedRequest) {
    if (deps.draining()) res.setHeader('connection', 'close');
    else {
      open.add(res);
      res.once('close', () => open.delete(res));
    }
    for (const [name, value] of baseHeaders) res.setHeader(name, value);
    const found = router.find(req);
    if (!found) return sendJson(res, 404, error('Not found.', 'NOT_FOUND'));
    if ('allowed' in found) return sendJson(res, 405, error(`Use ${found.allowed.join(' or ')}.`, 'METHOD_NOT_ALLOWED'), { allow: found.allowed.join(', ') });
    return found.route.handle(req, res, observed);
  }

  const failed = (res: ServerResponse) => (cause: unknown) => {
    deps.logger.error({ err: cause }, 'request handler failed');
    if (!res.headersSent) sendJson(res, 500, error('Unexpected error', 'INTERNAL_SERVER_ERROR'));
  };

  return {
    router,
    /** Every response still to be written ends its keep-alive connection, so the server can close. */
    drain() {
      for (const res of open) if (!res.headersSent) res.setHeader('connection', 'close');
    },
    handle: (req: IncomingMessage, res: ServerResponse, observed: ObservedRequest) => void handle(req, res, observed).catch(failed(res)),
  };
}
