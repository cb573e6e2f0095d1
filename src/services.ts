import type { Config } from './config.js';
import type { ResponseCacheInvalidator } from './infra/cache/response-cache-invalidator.js';
import type { Database } from './infra/db/database.js';
import type { Logger } from './infra/logger.js';
import type { Metrics } from './infra/metrics.js';
import type { PubSubHandle } from './infra/pubsub.js';
import { analyzeText } from './modules/analysis/analyze.js';
import { createQueueFactory } from './infra/queue/queue-factory.js';
import { createGeneration } from './modules/generation/generation.module.js';
import { createAnalyticsService } from './modules/analytics/analytics.service.js';
import { createIngestService } from './modules/analytics/ingest.service.js';
import { createLiveMetrics } from './modules/analytics/live-metrics.js';
import { createPostService } from './modules/posts/post.service.js';
import { createPublishing } from './modules/publishing/publishing.wiring.js';
import { createAuthService } from './modules/users/auth.service.js';
import { createTokenService } from './modules/users/tokens.js';

export interface ServiceDeps {
  config: Config;
  db: Database;
  logger: Logger;
  metrics: Metrics;
  pubsub: PubSubHandle['pubsub'];
  /** Response cache invalidation, for every service that writes what queries read. */
  cache: ResponseCacheInvalidator;
}

/** Every domain service, wired once per process; resolvers reach them through the context. */
export function createServices({ config, db, logger, metrics, pubsub, cache }: ServiceDeps) {
  const liveMetrics = createLiveMetrics((postId, totals) => pubsub.publish('post:metrics', postId, totals));
  const tokens = createTokenService(config.auth.secretKey, config.auth.tokenTtlSeconds);
  const posts = createPostService({ prisma: db.prisma, analyze: analyzeText, cache });
  const queues = createQueueFactory(config.redis, logger, metrics, {
    closeTimeoutMs: config.http.shutdownTimeoutMs,
    stalledIntervalMs: config.queue.stalledIntervalMs,
    lockDurationMs: config.queue.stalledIntervalMs,
  });
  const publishing = createPublishing({ config, prisma: db.prisma, logger, metrics, pubsub, queues, cache });
  return {
    tokens,
    pubsub,
    cache,
    queues,
    auth: createAuthService(db.prisma, tokens),
    posts,
    generation: createGeneration({ config, prisma: db.prisma, logger, metrics, pubsub, posts, queues }),
    linkedInAccounts: publishing.accounts,
    publishing: publishing.service,
    startPublishingWorker: publishing.startWorker,
    stopPublishingWorker: publishing.stopWorker,
    publishingRecovery: publishing.recovery,
    liveMetrics,
    ingest: createIngestService({ prisma: db.prisma, metrics, cache, totalsChanged: liveMetrics.totalsChanged }),
    analytics: createAnalyticsService(db.prisma),
  };
}

export type Services = ReturnType<typeof createServices>;
