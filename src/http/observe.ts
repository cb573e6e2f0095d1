import type { IncomingMessage, ServerResponse } from 'node:http';
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { ATTR_HTTP_REQUEST_METHOD, ATTR_HTTP_RESPONSE_STATUS_CODE, ATTR_HTTP_ROUTE, ATTR_URL_PATH } from '@opentelemetry/semantic-conventions';
import { ACCESS_LOG_MESSAGE } from '../infra/access-log.js';
import type { Logger } from '../infra/logger.js';
import type { Metrics } from '../infra/metrics.js';
import { extractTraceContext, runInTraceContext, startSpan } from '../infra/tracing.js';
import type { OperationNote } from '../server-context.js';
import { acceptedRequestId } from './request-id.js';
import type { ObservedRequest, Router } from './routes.js';

type Handler = (req: IncomingMessage, res: ServerResponse, observed: ObservedRequest) => void;

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);

const header = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/**
 * Wraps the node:http handler: settles the request id (X-Request-Id in and out), measures
 * duration and in-flight requests, opens the server span (continuing a W3C traceparent), and
 * writes one access log line when the response is done.
 */
export function observeRequests(handler: Handler, { metrics, logger, router }: { metrics: Metrics; logger: Logger; router: Router }) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const started = performance.now();
    const route = router.labelOf(req.url);
    const method = METHODS.has(req.method ?? '') ? req.method! : 'OTHER';
    const requestId = acceptedRequestId(header(req.headers['x-request-id']));
    res.setHeader('x-request-id', requestId);
    const note: OperationNote = {};
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
      const level = router.isQuiet(route) ? 'debug' : 'info';
      // At LOG_LEVEL=warn (as under load) the line would be built on every request only to be dropped.
      if (!logger.isLevelEnabled(level)) return;
      const line = {
        requestId,
        ...(span ? { traceId: span.spanContext().traceId } : {}),
        method,
        route,
        status,
        durationMs: Math.round(seconds * 10_000) / 10,
        ...(note.operationName ? { operationName: note.operationName, operationType: note.operationType } : {}),
        ...(note.userId ? { userId: note.userId } : {}),
      };
      logger[level](line, ACCESS_LOG_MESSAGE);
    };
    res.once('finish', finish);
    res.once('close', finish);

    const context = span ? trace.setSpan(parent, span) : parent;
    runInTraceContext(context, () => handler(req, res, { requestId, note }));
  };
}
