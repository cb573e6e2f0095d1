import type { HealthReport } from '../infra/health.js';
import { type Route, sendJson } from './routes.js';

export type ReadinessReport = HealthReport | { status: 'starting' | 'draining'; checks: Record<string, never> };

/** Liveness and readiness (503 only when the service cannot serve; degraded still serves). */
export function healthRoutes(readiness: () => Promise<ReadinessReport>): Route[] {
  return [
    { methods: ['GET'], path: '/health/live', quiet: true, handle: (_req, res) => sendJson(res, 200, { status: 'ok' }) },
    {
      methods: ['GET'],
      path: '/health/ready',
      quiet: true,
      async handle(_req, res) {
        const report = await readiness();
        sendJson(res, report.status === 'ok' || report.status === 'degraded' ? 200 : 503, report);
      },
    },
  ];
}

/** Prometheus metrics. */
export function metricsRoute(metrics: { contentType: string; text: () => Promise<string> }): Route {
  return {
    methods: ['GET'],
    path: '/metrics',
    quiet: true,
    async handle(_req, res) {
      const text = await metrics.text();
      res.writeHead(200, { 'content-type': metrics.contentType });
      res.end(text);
    },
  };
}
