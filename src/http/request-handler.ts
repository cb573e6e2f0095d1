import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Config } from '../config.js';
import type { Logger } from '../infra/logger.js';
import type { Metrics } from '../infra/metrics.js';
import type { useRateLimits } from '../plugins/rate-limit.js';
import type { createCachedReadHandler } from './cached-read.js';
import type { HealthReport } from './health.js';
import type { createInFlightGate } from './in-flight-gate.js';
import { attachBody, readBodyWithin } from './request-body.js';
import { findRoute, type Route } from './router.js';
import { securityHeaders } from './security-headers.js';
import { CSRF_HEADERS, type YogaServer } from './yoga-server.js';

export interface RequestHandlerDeps {
  config: Config;
  logger: Logger;
  metrics: Metrics;
  routes: Route[];
  yoga: YogaServer;
  inFlight: ReturnType<typeof createInFlightGate>;
  cachedReads?: ReturnType<typeof createCachedReadHandler>;
  rateLimits?: ReturnType<typeof useRateLimits>;
  readiness: () => Promise<HealthReport | { status: 'starting' | 'draining' }>;
  /** The Prometheus text /metrics answers (summed over the cluster's processes when there are several). */
  metricsText: () => Promise<string>;
  draining: () => boolean;
}

export function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

/**
 * The node:http pipeline in front of Yoga: health and metrics, plain routes, the in-flight cap,
 * the cached-read fast path, the body size limit, then GraphQL.
 */
export function createRequestHandler(deps: RequestHandlerDeps) {
  const { config, logger, metrics, routes, yoga, inFlight, cachedReads, rateLimits } = deps;
  const baseHeaders = Object.entries(securityHeaders(config.production));

  async function serveMetrics(res: ServerResponse) {
    res.writeHead(200, { 'content-type': metrics.registry.contentType });
    res.end(await deps.metricsText());
  }

  /**
   * The cached-read fast path answers without Yoga, so the global rate limit and CSRF rules are
   * applied here first; requests it cannot serve go on to Yoga, which reuses the decision.
   */
  async function tryCachedRead(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    if (!cachedReads) return false;
    if (req.method === 'GET' && !CSRF_HEADERS.some((name) => req.headers[name] !== undefined)) return false;
    if (rateLimits) {
      const request = new Request(`http://localhost${req.url ?? '/'}`, { headers: { authorization: String(req.headers.authorization ?? '') } });
      const decision = await rateLimits.admit(request, { req }, req);
      if (!decision.allowed) {
        const { body, headers } = rateLimits.refusal(decision, String(req.headers['x-request-id'] ?? ''));
        res.writeHead(429, headers);
        res.end(body);
        return true;
      }
      for (const [name, value] of Object.entries(rateLimits.rateLimitHeaders(decision))) res.setHeader(name, value);
    }
    return cachedReads.tryServe(req, res);
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    if (deps.draining()) res.setHeader('connection', 'close');
    for (const [name, value] of baseHeaders) res.setHeader(name, value);
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/health/live') return json(res, 200, { status: 'ok' });
    if (path === '/health/ready') {
      const report = await deps.readiness();
      return json(res, report.status === 'ok' || report.status === 'degraded' ? 200 : 503, report);
    }
    if (path === '/metrics') return serveMetrics(res);
    const matched = findRoute(routes, req);
    if (matched) return matched.route.handle(req, res, matched.url);
    const release = inFlight.tryEnter();
    if (!release) {
      metrics.httpRequestsRejected.inc({ reason: 'overload' });
      res.setHeader('retry-after', '1');
      return json(res, 503, { errors: [{ message: 'The server is busy; retry in a second.', extensions: { code: 'SERVICE_UNAVAILABLE', retryAfter: 1 } }] });
    }
    res.once('close', release);
    if (await tryCachedRead(req, res)) return;
    const body = await readBodyWithin(req, config.http.maxBodyBytes);
    if (body === 'aborted') return;
    if (body === 'too_large') {
      metrics.httpRequestsRejected.inc({ reason: 'body_too_large' });
      res.setHeader('connection', 'close');
      const message = `The request body is larger than ${config.http.maxBodyBytes} bytes.`;
      return json(res, 413, { errors: [{ message, extensions: { code: 'PAYLOAD_TOO_LARGE' } }] });
    }
    if (body) attachBody(req, body);
    return yoga.handle(req, res, { req });
  }

  const failed = (res: ServerResponse) => (error: unknown) => {
    logger.error({ err: error }, 'request handler failed');
    if (!res.headersSent) json(res, 500, { errors: [{ message: 'Unexpected error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
  };

  return {
    /** The public port's handler. */
    handle: (req: IncomingMessage, res: ServerResponse) => void handle(req, res).catch(failed(res)),
    /** METRICS_PORT's handler: /metrics only, so scrapers need not share the public port. */
    handleMetrics(req: IncomingMessage, res: ServerResponse) {
      if ((req.url ?? '/').split('?')[0] === '/metrics') void serveMetrics(res).catch(failed(res));
      else json(res, 404, { error: 'not found' });
    },
  };
}
