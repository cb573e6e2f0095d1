import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../infra/logger.js';
import type { Metrics } from '../infra/metrics.js';
import type { EdgeRequest, GraphQLEndpoint } from '../server-context.js';
import type { Admission } from './admission.js';
import { createBodyReader } from './body-reader.js';
import { applyClientCaching } from './client-caching.js';
import { type ClientIp, createClientIp, type TrustedProxies } from './client-ip.js';
import { type CompressionOptions, createCompression } from './compression.js';
import { createCors } from './cors.js';
import { type CredentialsReader, callerOf } from './credentials.js';
import { CSRF_HEADERS, wasPreflighted } from './csrf.js';
import { answerWithErrors, edgeError } from './graphql-errors.js';
import { createParamsParser } from './graphql-params.js';
import type { InFlightGate } from './in-flight-gate.js';
import { attachBody } from './request-body.js';
import { createRouter, type ObservedRequest, type Route, sendJson } from './routes.js';
import { securityHeaders } from './security-headers.js';
import { createEventStreams, isEventStreamRequest } from './sse.js';

export const GRAPHQL_PATH = '/graphql';

export interface EdgeOptions {
  production: boolean;
  corsOrigins: readonly string[];
  trustProxy: TrustedProxies;
  maxBodyBytes: number;
  /** MEDIA_MAX_UPLOAD_BYTES: the body limit of multipart (file upload) requests. */
  maxUploadBytes: number;
  bodyTimeoutMs: number;
  bodyReadsPerClient: number;
  compression: CompressionOptions;
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
 * The node:http edge, the one place a request is digested: request id, security headers and
 * compression for every response, the route table, then for GraphQL: CORS, CSRF, the in-flight cap, the body
 * within its limit (parsed once), the caller (token verified once), global admission, the
 * client caching headers, the response cache, and finally the GraphQL layer with all of it as its
 * server context.
 */
export function createEdge(deps: EdgeDeps) {
  const { options, metrics, credentials, admission, inFlight } = deps;
  const baseHeaders = Object.entries(securityHeaders(options.production));
  const cors = createCors(options.corsOrigins);
  const parseParams = createParamsParser();
  const readBody = createBodyReader(options, metrics);
  const eventStreams = createEventStreams(deps.graphql);
  const clientIp: ClientIp = createClientIp(options.trustProxy);
  const compressAnswer = createCompression(options.compression, metrics);
  /** Responses not yet finished: told to end their connection once draining begins. */
  const open = new Set<ServerResponse>();

  async function serveGraphQL(req: IncomingMessage, res: ServerResponse, observed: ObservedRequest) {
    if (cors(req, res)) return;
    // Until the answer is known to be cacheable (see applyClientCaching), nothing under /graphql is stored.
    res.setHeader('cache-control', 'no-store');
    if (!wasPreflighted(req)) {
      const message = `Required CSRF header(s) not present: send one of ${CSRF_HEADERS.join(', ')} (any value) or a JSON body.`;
      return answerWithErrors(req, res, 403, [edgeError(message, 'CSRF_HEADER_REQUIRED', { requestId: observed.requestId })], { always: true });
    }
    const ip = clientIp(req);
    const body = await readBody(req, res, ip);
    if (body === false) return;
    // Only now, with the whole request here, does it take a place among the requests being served.
    const release = inFlight.tryEnter();
    if (!release) {
      metrics.httpRequestsRejected.inc({ reason: 'overload' });
      const busy = edgeError('The server is busy; retry in a second.', 'SERVICE_UNAVAILABLE', { retryAfter: 1, requestId: observed.requestId });
      return answerWithErrors(req, res, 503, [busy], { headers: { 'retry-after': '1' } });
    }
    res.once('close', release);
    const params = parseParams(req, body);
    if (params === 'invalid') {
      const message = 'The query parameter must be a string, and the variables and extensions parameters JSON objects.';
      return answerWithErrors(req, res, 400, [edgeError(message, 'BAD_REQUEST', { requestId: observed.requestId })], { always: true });
    }
    // Bodies the edge does not parse (multipart uploads, form posts, invalid JSON) are GraphQL's to read and judge.
    if (!params && body) attachBody(req, body);
    const { viewer, authError } = await credentials(req.headers.authorization);
    const caller = callerOf(viewer, ip);
    if (admission) {
      const decision = await admission.admit(caller);
      const headers = admission.headers(decision);
      if (!decision.allowed) return answerWithErrors(req, res, 429, [admission.refusal(decision, observed.requestId)], { headers });
      for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    }
    const edge: EdgeRequest = { requestId: observed.requestId, transport: 'http', clientIp: ip, viewer, authError, caller, params, note: observed.note };
    if (isEventStreamRequest(req)) return eventStreams.handle(req, res, edge);
    applyClientCaching(req, res, edge);
    if (params && deps.cachedRead && (await deps.cachedRead(req, res, edge))) return;
    deps.graphql().handle(req, res, { edge });
  }

  const router = createRouter([...deps.routes, { methods: ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS'], path: GRAPHQL_PATH, handle: serveGraphQL }]);

  async function handle(req: IncomingMessage, res: ServerResponse, observed: ObservedRequest) {
    if (deps.draining()) res.setHeader('connection', 'close');
    else {
      open.add(res);
      res.once('close', () => open.delete(res));
    }
    for (const [name, value] of baseHeaders) res.setHeader(name, value);
    compressAnswer(req, res);
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
      eventStreams.close();
      for (const res of open) if (!res.headersSent) res.setHeader('connection', 'close');
    },
    handle: (req: IncomingMessage, res: ServerResponse, observed: ObservedRequest) => void handle(req, res, observed).catch(failed(res)),
  };
}
