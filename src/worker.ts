import { createServer } from 'node:http';
import { loadConfigOrExit } from './config.js';
import { healthRoutes, metricsRoute } from './http/ops-routes.js';
import { createRouter, serveRoutes } from './http/routes.js';
import { keepWebAssemblyOnBaselineTier } from './infra/db/wasm-tier.js';
import { runChecks } from './infra/health.js';
import { createLogger } from './infra/logger.js';
import { installProcessGuards } from './infra/process-guards.js';
import { openRuntime } from './runtime.js';

/**
 * `npm run worker`: a process that only runs queued generation and publishing jobs (BullMQ on
 * Redis), so the writing and the sending scale apart from the API. Serves /metrics and /health on METRICS_PORT when set.
 */
const config = loadConfigOrExit();
if (!config.redis) {
  console.error('REDIS_URL: the worker needs Redis (without it the API process runs generation jobs itself).');
  process.exit(78);
}

if (config.database.url) keepWebAssemblyOnBaselineTier();
const logger = createLogger(config.log).child({ role: 'worker' });
const runtime = await openRuntime(config, { role: 'worker', logger });
installProcessGuards(logger, runtime.metrics);
await runtime.start();
logger.info({ generation: config.generation.concurrency, publishing: config.publishing.concurrency }, 'generation and publishing worker started');

const metrics = { contentType: runtime.metrics.registry.contentType, text: () => runtime.metrics.registry.metrics() };
const server = config.http.metricsPort
  ? createServer(serveRoutes(createRouter([...healthRoutes(() => runChecks(runtime.checks)), metricsRoute(metrics)]))).listen(
      config.http.metricsPort,
      config.host,
    )
  : undefined;

let signals = 0;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (++signals > 1) process.exit(1);
    logger.info({ signal }, 'worker shutting down');
    // Closing queues whose Redis is down waits for a reconnection that may never come: the process ends anyway.
    setTimeout(() => {
      logger.error({ timeoutMs: config.http.shutdownTimeoutMs }, 'worker shutdown did not finish in time');
      process.exit(1);
    }, config.http.shutdownTimeoutMs).unref();
    server?.close();
    runtime.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'worker shutdown failed');
        process.exit(1);
      },
    );
  });
}
