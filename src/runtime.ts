import type { Config } from './config.js';
import { createDatabase, type Database, type DatabaseOptions } from './infra/db/database.js';
import { observePool, observeQueries } from './infra/db/db-metrics.js';
import { applyMigrations } from './infra/db/migrator.js';
import { databaseCheck, type ReadinessCheck } from './infra/health.js';
import { createLogger, type Logger } from './infra/logger.js';
import { createMetrics, type Metrics } from './infra/metrics.js';
import { createTopicPubSub } from './infra/pubsub.js';
import { createQueueFactory } from './infra/queue/queue-factory.js';
import { createRedisConnections, type RedisConnections } from './infra/redis.js';
import { startTracing, type TracingOptions } from './infra/tracing.js';
import type { Topics } from './modules/topics.types.js';
import { openResponseCache, type ResponseCache } from './response-cache/response-cache.js';
import { createServices, type Services } from './services.js';

export interface RuntimeOptions extends DatabaseOptions, TracingOptions {
  /** An API process (`npm start`) or a queue worker (`npm run worker`): which background work runs here. */
  role: 'api' | 'worker';
  logger?: Logger;
  metrics?: Metrics;
}

/** Everything a process of this service runs on, opened once; the API and the worker share it. */
export interface Runtime {
  readonly config: Config;
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly db: Database;
  /** Every Redis connection of the process, when REDIS_URL is set. */
  readonly redis?: RedisConnections;
  readonly services: Services;
  /** The response cache, when FEATURE_RESPONSE_CACHE is on. */
  readonly cache?: ResponseCache;
  /** Whether spans are recorded (FEATURE_TRACING, or an exporter handed in). */
  readonly tracing: boolean;
  /** What readiness reports: the database (required), and Redis, the queue and pub/sub (degraded without). */
  readonly checks: readonly ReadinessCheck[];
  /** Starts every module's background work (queue workers, sweeps). */
  start(): Promise<void>;
  /** Stops the background work, then closes queues, connections, pools and tracing, in that order. Safe to call twice. */
  close(): Promise<void>;
}

/**
 * Opens the database (migrating the embedded one), pub/sub, the response cache, the queues and every
 * module, and owns their teardown. Starts no background work until `start`.
 */
export async function openRuntime(config: Config, options: RuntimeOptions): Promise<Runtime> {
  const logger = options.logger ?? createLogger(config.log);
  const metrics = options.metrics ?? createMetrics();
  const tracing = await startTracing(config.features.tracing, options);
  const db = createDatabase(config.database, logger, { ...options, metrics });
  observeQueries(db, metrics);
  if (db.pool) observePool(db.pool, config.database.poolMax, metrics);
  if (db.kind === 'embedded') {
    const applied = await applyMigrations(db.adapterFactory);
    if (applied.length) logger.info({ applied }, 'migrated the embedded database');
  }
  const redis = config.redis ? createRedisConnections(config.redis, logger, metrics) : undefined;
  const pubsub = createTopicPubSub<Topics>(redis);
  const cache = config.features.responseCache ? openResponseCache(config.responseCache, redis, logger, metrics) : undefined;
  const queues = createQueueFactory(redis, logger, metrics, {
    closeTimeoutMs: config.http.shutdownTimeoutMs,
    stalledIntervalMs: config.queue.stalledIntervalMs,
    lockDurationMs: config.queue.stalledIntervalMs,
  });
  const modules = createServices({
    config,
    db,
    logger,
    metrics,
    pubsub: pubsub.pubsub,
    cache: cache?.invalidator ?? { invalidate: async () => undefined },
    queues,
    redis,
    role: options.role,
  });
  const checks: ReadinessCheck[] = [
    databaseCheck(db),
    // Without Redis the queue only delays jobs; reads and writes go on, so it degrades rather than fails readiness.
    { name: 'queue', degraded: true, check: () => queues.health() },
    ...(cache?.readiness ? [cache.readiness] : []),
    ...(pubsub.check ? [{ name: 'pubsub', degraded: true, check: pubsub.check }] : []),
  ];

  let closing: Promise<void> | undefined;
  return {
    config,
    logger,
    metrics,
    db,
    redis,
    services: modules.services,
    cache,
    tracing: tracing.enabled,
    checks,
    start: () => modules.start(),
    close() {
      closing ??= (async () => {
        await modules.stop();
        await queues.close();
        await modules.close();
        await pubsub.close();
        await cache?.close();
        redis?.closeAll();
        await db.close();
        await tracing.shutdown();
      })();
      return closing;
    },
  };
}
