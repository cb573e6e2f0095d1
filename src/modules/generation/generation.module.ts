import { isDependencyUnavailable } from '../../infra/dependency-unavailable.js';
import type { Module, ModuleDeps } from '../module.types.js';
import type { PostService } from '../posts/post.service.js';
import type { WorkspaceService } from '../workspaces/workspaces.service.js';
import { createGenerationService } from './generation.service.js';
import { createGenerationCache } from './generation-cache.js';
import { createRequestLimiter } from './generation-limiter.js';
import { createGenerationRunner, type GenerationJobData } from './generation-runner.js';
import { createPostWriter } from './resilient-writer.js';

const GENERATION_QUEUE = 'generation';
const FLUSH_INTERVAL_MS = 200;
/** A job the queue should hold but does not is put back after this long (its worker may be just taking it). */
const ORPHAN_AFTER_MS = 10_000;
/** How often recovery looks for jobs an outage left behind. */
const SWEEP_INTERVAL_MS = 15_000;

/**
 * The AI writer: the generation service, and the worker that runs its jobs (in a worker process, and
 * in API processes too without Redis or with GENERATION_WORKER_IN_API).
 */
export function createGenerationModule(
  { config, db, logger, metrics, pubsub, queues, redis: connections, role }: ModuleDeps,
  posts: PostService,
  workspaces: WorkspaceService,
) {
  const prisma = db.prisma;
  const settings = config.generation;
  // Fails at once while Redis is down (the limiter then counts per instance, the cache misses) rather
  // than holding generatePost in the offline queue for seconds.
  const redisClient = connections?.open('generation', { enableOfflineQueue: false });
  const redis = redisClient && connections ? { client: redisClient, prefix: connections.config.prefix } : undefined;
  const cache = createGenerationCache(settings.cacheTtlSeconds, redis, metrics);
  const queue = queues.create<GenerationJobData>(GENERATION_QUEUE);
  const service = createGenerationService({
    prisma,
    queue,
    posts,
    workspaces,
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
  // BullMQ hands a job whose lock went unrenewed for the stalled interval to another worker; a heartbeat
  // as old says the same, so that run may take the job over rather than wait for the heartbeat timeout.
  const heartbeatTimeoutMs = Math.min(settings.heartbeatTimeoutMs, config.queue.stalledIntervalMs);
  const heartbeat = { intervalMs: Math.max(Math.floor(heartbeatTimeoutMs / 3), 100), timeoutMs: heartbeatTimeoutMs };
  const recovery = { heartbeatTimeoutMs, staleAfterMs, orphanAfterMs: ORPHAN_AFTER_MS, maxAttempts: settings.attempts };
  let sweeper: NodeJS.Timeout | undefined;

  /** Runs generation jobs in this process and recovers jobs a dead process left behind. */
  async function startWorker() {
    const writer = createPostWriter(config.openai, { logger, metrics, localChunkDelayMs: settings.localChunkDelayMs });
    const run = createGenerationRunner({
      prisma,
      writer,
      posts,
      pubsub,
      cache,
      logger,
      attempts: settings.attempts,
      flushIntervalMs: FLUSH_INTERVAL_MS,
      heartbeat,
    });
    queue.process(run, { concurrency: settings.concurrency });
    logger.info({ concurrency: settings.concurrency }, 'generation worker started');
    const recover = () =>
      service.recover(recovery).then(
        (result) => (result.requeued || result.retried || result.failed) && logger.info(result, 'recovered generation jobs'),
        (error: unknown) =>
          logger[isDependencyUnavailable(error) ? 'debug' : 'warn']({ err: error }, 'generation job recovery failed; retrying at the next sweep'),
      );
    await recover();
    // Often enough that a job whose worker died runs again within about 1.5 heartbeat timeouts.
    sweeper = setInterval(() => void recover(), Math.min(Math.max(heartbeatTimeoutMs / 2, 500), SWEEP_INTERVAL_MS)).unref();
  }

  return {
    services: { generation: service },
    feature: 'generation' as const,
    background: {
      start: () => (role === 'worker' || !config.redis || settings.workerInApi ? startWorker() : undefined),
      stop: () => clearInterval(sweeper),
    },
    async close() {
      redisClient?.disconnect();
    },
  } satisfies Module<object>;
}
