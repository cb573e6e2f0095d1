import type { IncomingMessage, ServerResponse } from 'node:http';
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { ATTR_HTTP_REQUEST_METHOD, ATTR_HTTP_RESPONSE_STATUS_CODE, ATTR_HTTP_ROUTE, ATTR_URL_PATH } from '@opentelemetry/semantic-conventions';
import type { Logger } from '../infra/logger.js';
import type { Metrics } from '../infra/metrics.js';
import { extractTraceContext, runInTraceContext, startSpan } from '../infra/tracing.js';
import { acceptedRequestId } from '../plugins/request-id.js';
import { recordRequest, type RequestRecord } from './request-scope.js';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

const ROUTES = new Set(['/graphql', '/health/live', '/health/ready', '/metrics']);
const QUIET_ROUTES = new Set(['/health/live', '/health/ready', '/metrics']);
const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);

/** The route label: the paths we serve, everything else "other" so scanners cannot grow the series. */
export const routeOf = (url: string | undefined) => {
  const path = (url ?? '/').split('?')[0]!;
  return ROUTES.has(path) ? path : 'other';
};

const header = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/**
 * Wraps the node:http handler: settles the request id (X-Request-Id in and out), measures
 * duration and in-flight requests, opens the server span (continuing a W3C traceparent), and
 * writes one access log line when the response is done.
 */
export function observeRequests(handler: Handler, { metrics, logger }: { metrics: Metrics; logger: Logger }): Handler {
  return (req, res) => {
    const started = performance.now();
    const route = routeOf(req.url);
    const method = METHODS.has(req.method ?? '') ? req.method! : 'OTHER';
    const requestId = acceptedRequestId(header(req.headers['x-request-id']));
    req.headers['x-request-id'] = requestId;
    res.setHeader('x-request-id', requestId);
    const record: RequestRecord = { requestId };
    metrics.httpRequestsInFlight.inc();

    const parent = extractTraceContext(req.headers);
    const span = startSpan(
      `${method} ${route}`,
      { [ATTR_HTTP_REQUEST_METHOD]: method, [ATTR_HTTP_ROUTE]: route, [ATTR_URL_PATH]: route, 'request.id': requestId },
      { kind: SpanKind.SERVER },
      parent,
    );

    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      const seconds = (performance.now() - started) / 1000;
      // A response cut off before its head was sent (client gone, forced shutdown) has no status yet.
      const status = res.headersSent ? res.statusCode : 499;
      metrics.httpRequestsInFlight.dec();
      metrics.httpRequestDuration.observe({ method, route, status: String(status) }, seconds);
      if (span) {
        span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, status);
        if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
        span.end();
      }
      const level = QUIET_ROUTES.has(route) ? 'debug' : 'info';
      // At LOG_LEVEL=warn (as under load) the line would be built on every request only to be dropped.
      if (!logger.isLevelEnabled(level)) return;
      const line = {
        requestId,
        ...(span ? { traceId: span.spanContext().traceId } : {}),
        method,
        route,
        status,
        durationMs: Math.round(seconds * 10_000) / 10,
        ...(record.operationName ? { operationName: record.operationName, operationType: record.operationType } : {}),
        ...(record.userId ? { userId: record.userId } : {}),
      };
      logger[level](line, 'request completed');
    };
    res.once('finish', finish);
    res.once('close', finish);

    const context = span ? trace.setSpan(parent, span) : parent;
    recordRequest(req, record);
    runInTraceContext(context, () => handler(req, res));
  };
}
