import { createServer } from 'node:http';
import { loadConfigOrExit } from './config.js';
import { openResponseStore } from './infra/cache/open-response-store.js';
import { createResponseCacheInvalidator } from './infra/cache/response-cache-invalidator.js';
import { createDatabase } from './infra/db/database.js';
import { createLogger } from './infra/logger.js';
import { createMetrics } from './infra/metrics.js';
import { createTopicPubSub } from './infra/pubsub.js';
import { keepWebAssemblyOnBaselineTier } from './infra/db/wasm-tier.js';
import { entityKey } from './plugins/response-cache.js';
import { responseCachePolicy } from './schema/cache-policy.js';
import { createServices } from './services.js';

/**
 * `npm run worker`: a process that only runs queued generation and publishing jobs (BullMQ on
 * Redis), so the writing and the sending scale apart from the API. Serves /metrics and /health on METRICS_PORT when set.
 */
const config = loadConfigOrExit();
if (!config.redis) {
  console.error('REDIS_URL: the worker needs Redis (without it the API process runs generation jobs itself).');
  process.exit(78);
}

const logger = createLogger(config.log).child({ role: 'worker' });
const metrics = createMetrics();
if (config.database.url) keepWebAssemblyOnBaselineTier();
const db = createDatabase(config.database, logger);
const pubsub = createTopicPubSub(config.redis, logger);
// Drafts written here must invalidate the API's cached responses, which live in the same Redis.
const responseCache = config.features.responseCache ? openResponseStore({ redis: config.redis, ...config.responseCache }, logger, metrics) : undefined;
const cache = createResponseCacheInvalidator(responseCache?.store, entityKey, responseCachePolicy.lagMs);
const services = createServices({ config, db, logger, metrics, pubsub: pubsub.pubsub, cache });
await services.generation.startWorker();
services.startPublishingWorker();
logger.info({ generation: config.generation.concurrency, publishing: config.publishing.concurrency }, 'generation and publishing worker started');

const server = config.http.metricsPort
  ? createServer((req, res) => {
      const path = (req.url ?? '/').split('?')[0];
      if (path === '/metrics') {
        void metrics.registry.metrics().then((text) => res.writeHead(200, { 'content-type': metrics.registry.contentType }).end(text));
        return;
      }
      if (path === '/health' || path === '/health/live' || path === '/health/ready') {
        Promise.all([db.ping(), services.queues.health()]).then(
          () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}'),
          (error: Error) => res.writeHead(503, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'unavailable', error: error.message })),
        );
        return;
      }
      res.writeHead(404).end();
    }).listen(config.http.metricsPort, config.host)
  : undefined;

let signals = 0;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (++signals > 1) process.exit(1);
    logger.info({ signal }, 'worker shutting down');
    server?.close();
    void (async () => {
      await services.stopPublishingWorker();
      await services.queues.close();
      await services.generation.close();
      await pubsub.close();
      await responseCache?.close();
      await db.close();
    })().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'worker shutdown failed');
        process.exit(1);
      },
    );
  });
}
