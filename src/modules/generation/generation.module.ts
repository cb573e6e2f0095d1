import type { PubSub } from 'graphql-yoga';
import type { Config } from '../../config.js';
import type { PrismaClient } from '../../infra/db/database.js';
import type { Logger } from '../../infra/logger.js';
import type { Metrics } from '../../infra/metrics.js';
import type { Topics } from '../../infra/pubsub.js';
import type { QueueFactory } from '../../infra/queue/job-queue.js';
import { createRedis } from '../../infra/redis.js';
import type { PostService } from '../posts/post.service.js';
import { createGenerationCache } from './generation-cache.js';
import { createRequestLimiter } from './generation-limiter.js';
import { createGenerationRunner, type GenerationJobData } from './generation-runner.js';
import { createGenerationService } from './generation.service.js';
import { createPostWriter } from './resilient-writer.js';

export const GENERATION_QUEUE = 'generation';
const FLUSH_INTERVAL_MS = 200;

export interface GenerationDeps {
  config: Config;
  prisma: PrismaClient;
  logger: Logger;
  metrics: Metrics;
  pubsub: PubSub<Topics>;
  posts: PostService;
  queues: QueueFactory;
}

/** The generation service, plus the worker that runs its jobs in this process when started. */
export function createGeneration({ config, prisma, logger, metrics, pubsub, posts, queues }: GenerationDeps) {
  const settings = config.generation;
  const redisClient = config.redis ? createRedis(config.redis, logger, 'generation') : undefined;
  const redis = redisClient && config.redis ? { client: redisClient, prefix: config.redis.prefix } : undefined;
  const cache = createGenerationCache(settings.cacheTtlSeconds, redis, metrics);
  const queue = queues.create<GenerationJobData>(GENERATION_QUEUE);
  const service = createGenerationService({
    prisma,
    queue,
    posts,
    pubsub,
    cache,
    limiter: createRequestLimiter(settings.requestsPerMinute, redis, metrics),
    logger,
    jobOptions: { attempts: settings.attempts, backoffMs: settings.backoffMs, timeoutMs: settings.jobTimeoutMs },
    flushIntervalMs: FLUSH_INTERVAL_MS,
  });
  // A job legitimately RUNNING restarts its clock on every attempt and is aborted at the job timeout;
  // one older than this lost its worker and was not picked up again.
  const staleAfterMs = settings.jobTimeoutMs * 2 + config.queue.stalledIntervalMs;
  let sweeper: NodeJS.Timeout | undefined;

  return {
    service,
    /** Runs generation jobs in this process and recovers jobs a dead process left behind. */
    async startWorker() {
      const writer = createPostWriter(config.openai, { logger, metrics, localChunkDelayMs: settings.localChunkDelayMs });
      const run = createGenerationRunner({ prisma, writer, posts, pubsub, cache, logger, attempts: settings.attempts, flushIntervalMs: FLUSH_INTERVAL_MS });
      queue.process(run, { concurrency: settings.concurrency });
      const recover = () =>
        service.recover(staleAfterMs).then(
          (result) => (result.requeued || result.failed) && logger.info(result, 'recovered generation jobs'),
          (error: unknown) => logger.warn({ err: error }, 'generation job recovery failed'),
        );
      await recover();
      sweeper = setInterval(() => void recover(), Math.max(staleAfterMs / 2, 1000)).unref();
    },
    async close() {
      clearInterval(sweeper);
      redisClient?.disconnect();
    },
  };
}
