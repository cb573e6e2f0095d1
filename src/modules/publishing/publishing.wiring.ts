import type { Config } from '../../config.js';
import type { ResponseCacheInvalidator } from '../../infra/cache/response-cache-invalidator.js';
import type { PrismaClient } from '../../infra/db/database.js';
import type { Logger } from '../../infra/logger.js';
import type { Metrics } from '../../infra/metrics.js';
import type { PubSubHandle } from '../../infra/pubsub.js';
import type { QueueFactory } from '../../infra/queue/job-queue.js';
import type { Post } from '../../generated/prisma/client.js';
import { postChangeEntities } from '../posts/post-cache-entities.js';
import { createLinkedInAccountService } from './linkedin-accounts.service.js';
import { createLinkedInClient } from './linkedin-client.js';
import { createPublishJobHandler, PUBLISH_QUEUE, type PublishJob } from './publish-job.js';
import { createPublishRecovery } from './publish-recovery.js';
import { createPublishingService } from './publishing.service.js';
import { DEFAULT_RETRY_POLICY } from './retry-policy.js';
import { createTokenCipher } from './token-crypto.js';

export interface PublishingDeps {
  config: Config;
  prisma: PrismaClient;
  logger: Logger;
  metrics: Metrics;
  pubsub: PubSubHandle['pubsub'];
  queues: QueueFactory;
  /** Status changes change what feeds and look-ups show, so cached responses with the post go. */
  cache?: ResponseCacheInvalidator;
}

/** Connected accounts, the publishing service and its queue worker, wired from configuration. */
export function createPublishing({ config, prisma, logger, metrics, pubsub, queues, cache }: PublishingDeps) {
  const log = logger.child({ module: 'publishing' });
  const accounts = createLinkedInAccountService({
    prisma,
    cipher: createTokenCipher(config.linkedIn.tokenKeys),
    linkedIn: config.linkedIn,
    stateSecret: config.auth.secretKey,
    logger: log,
  });
  const queue = queues.create<PublishJob>(PUBLISH_QUEUE);
  const onStatusChange = async (post: Post) => {
    // A post that was ever published (now PUBLISHED or ARCHIVED) was in everyone's listings.
    await cache?.invalidate(postChangeEntities(post, post.status === 'PUBLISHED' || post.publishedAt !== null));
    pubsub.publish('post:status', post.id, post);
  };
  const runJob = createPublishJobHandler({
    prisma,
    accounts,
    queue,
    logger: log,
    metrics,
    onStatusChange,
    staleAfterMs: config.publishing.staleAfterMs,
    client: createLinkedInClient({
      apiBaseUrl: config.linkedIn.apiBaseUrl,
      linkedInVersion: config.linkedIn.version,
      timeoutMs: config.linkedIn.timeoutMs,
      logger: log,
    }),
    retryPolicy: {
      ...DEFAULT_RETRY_POLICY,
      maxAttempts: config.publishing.maxAttempts,
      baseDelayMs: config.publishing.retryBaseMs,
    },
  });
  const recovery = createPublishRecovery({ prisma, queue, logger: log, staleAfterMs: config.publishing.staleAfterMs });
  let sweeper: NodeJS.Timeout | undefined;
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  const recover = (scheduled: boolean) => {
    running = running
      .then(() => (stopped ? undefined : recovery.recover({ scheduled, stopped: () => stopped })))
      .catch((error: unknown) => log.warn({ err: error }, 'publishing recovery failed; retrying later'));
  };
  return {
    accounts,
    service: createPublishingService({ prisma, accounts, queue, onStatusChange }),
    recovery,
    /** Makes this process one of the workers that send posts to LinkedIn, and puts back work a stopped one lost. */
    startWorker() {
      queue.process((job) => runJob(job), { concurrency: config.publishing.concurrency });
      recover(true);
      sweeper = setInterval(() => recover(false), config.publishing.staleAfterMs / 2).unref();
    },
    /** Stops the recovery sweep and waits for a pass under way, before the queue and database close. */
    async stopWorker() {
      stopped = true;
      clearInterval(sweeper);
      await running;
    },
  };
}
